package provider_test

// Warnings are not shown to terraform-plugin-testing steps, so these tests
// talk to the provider's protocol server as Terraform does: read the state,
// then plan with the private state the read returned.

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/tfvalue"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

// protoProvider is a configured provider server for env.
type protoProvider struct {
	t       *testing.T
	server  tfprotov6.ProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
}

func newProtoProvider(t *testing.T, env *acctest.Env, settings map[string]tftypes.Value) *protoProvider {
	t.Helper()
	p := startProtoProvider(t)
	p.configure(env, settings)
	return p
}

// startProtoProvider is a provider server not configured yet.
func startProtoProvider(t *testing.T) *protoProvider {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return &protoProvider{t: t, server: server, schemas: schemas}
}

// configure configures p for env's endpoint and keys, with settings on top.
func (p *protoProvider) configure(env *acctest.Env, settings map[string]tftypes.Value) {
	p.t.Helper()
	set := map[string]tftypes.Value{
		"endpoint":   tftypes.NewValue(tftypes.String, env.URL),
		"secret_id":  tftypes.NewValue(tftypes.String, emulator.DefaultSecretID),
		"secret_key": tftypes.NewValue(tftypes.String, emulator.DefaultSecretKey),
	}
	for k, v := range settings {
		set[k] = v
	}
	cfg := tfvalue.Object(p.schemas.Provider.ValueType().(tftypes.Object), set)
	if resp, err := p.server.ConfigureProvider(p.t.Context(), &tfprotov6.ConfigureProviderRequest{Config: tfvalue.Dynamic(p.t, cfg)}); err != nil || len(resp.Diagnostics) > 0 {
		p.t.Fatalf("configure: %v %+v", err, resp)
	}
}

// value is an object of typeName's schema with the given attributes.
func (p *protoProvider) value(typeName string, set map[string]tftypes.Value) tftypes.Value {
	return tfvalue.Object(p.schemas.ResourceSchemas[typeName].ValueType().(tftypes.Object), set)
}

// read refreshes state (with its private state) as Terraform does; it
// returns the new state and private state.
func (p *protoProvider) read(typeName string, state tftypes.Value, private []byte) (*tfprotov6.DynamicValue, []byte, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	resp, err := p.server.ReadResource(p.t.Context(), &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: tfvalue.Dynamic(p.t, state), Private: private})
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.NewState, resp.Private, resp.Diagnostics
}

// plan plans typeName from prior (nil: a create) to proposed, with config.
func (p *protoProvider) plan(typeName string, prior *tfprotov6.DynamicValue, private []byte, config, proposed tftypes.Value) []*tfprotov6.Diagnostic {
	p.t.Helper()
	if prior == nil {
		prior = tfvalue.Dynamic(p.t, tftypes.NewValue(p.schemas.ResourceSchemas[typeName].ValueType(), nil))
	}
	resp, err := p.server.PlanResourceChange(p.t.Context(), &tfprotov6.PlanResourceChangeRequest{TypeName: typeName,
		PriorState: prior, PriorPrivate: private, Config: tfvalue.Dynamic(p.t, config), ProposedNewState: tfvalue.Dynamic(p.t, proposed)})
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.Diagnostics
}

// onlyWarning is the one diagnostic of diags, which must be a warning whose
// summary and detail say everything in want.
func onlyWarning(t *testing.T, diags []*tfprotov6.Diagnostic, want ...string) {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning {
		t.Fatalf("want one warning, got %s", diagText(diags))
	}
	text := diags[0].Summary + ": " + diags[0].Detail
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("warning %q does not say %q", text, w)
		}
	}
}

func diagText(diags []*tfprotov6.Diagnostic) string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Severity.String()+" "+d.Summary+": "+d.Detail)
	}
	return "[" + strings.Join(out, "; ") + "]"
}

// newApp creates an RTCEngine application outside Terraform.
func newApp(t *testing.T, env *acctest.Env, name string) uint64 {
	t.Helper()
	out, err := env.Client().CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: name, Product: "RTCEngine"})
	if err != nil {
		t.Fatal(err)
	}
	return out.SdkAppId
}

// requestDisable asks for id to be disabled, outside Terraform.
func requestDisable(t *testing.T, env *acctest.Env, id uint64) {
	t.Helper()
	if _, err := env.Client().ModifyAppStatus(t.Context(), &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		t.Fatal(err)
	}
}

// appState is a trtc_application state of id with the given statuses.
func appState(p *protoProvider, id uint64, name, status, inEffect string) tftypes.Value {
	null := tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, nil)
	return p.value("trtc_application", map[string]tftypes.Value{
		"id": str(strconv.FormatUint(id, 10)), "sdk_app_id": tftypes.NewValue(tftypes.Number, id),
		"name": str(name), "description": str(""), "product": str("RTCEngine"), "data_region": str("ap-singapore"),
		"status": str(status), "status_in_effect": str(inEffect), "deletion_protection": tftypes.NewValue(tftypes.Bool, false),
		"tags": null, "tags_all": null, "sdk_secret_key": str("x"), "create_time": str("2026-01-01T00:00:00Z"), "disabled_reason": str(""),
	})
}

// A plan whose only change is status_in_effect, toward a disable requested
// earlier (an apply cut short), says so: the application, the pending
// change and when it was requested, and that apply sends nothing and only
// waits (issue 27, item 3). An unchanged application gets no warning.
func TestPlanThatOnlyWaitsSaysSo(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(time.Hour, time.Hour), frozenEmulator())
	acctest.NeedsEmulator(t, "a change that stays pending")
	id := newApp(t, env, "waits")
	requestDisable(t, env, id)
	requested := env.Emulator.Now().UTC().Format(time.RFC3339)
	p := newProtoProvider(t, env, nil)

	state := appState(p, id, "waits", "disabled", "enabled")
	refreshed, private, diags := p.read("trtc_application", state, nil)
	if len(diags) > 0 {
		t.Fatalf("read: %s", diagText(diags))
	}
	config := p.value("trtc_application", map[string]tftypes.Value{"name": str("waits"), "product": str("RTCEngine"), "status": str("disabled")})
	proposed, err := refreshed.Unmarshal(p.schemas.ResourceSchemas["trtc_application"].ValueType())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(private), "status_requested_at") {
		t.Errorf("the read kept no request time in the private state: %q", private)
	}
	calls := env.TotalCalls()
	onlyWarning(t, p.plan("trtc_application", refreshed, private, config, proposed),
		"Only a wait is planned for TRTC application "+strconv.FormatUint(id, 10),
		`change to status = "disabled", requested at `+requested+",", `status_in_effect is "enabled"`, "sends nothing", "only waits")
	if n := env.TotalCalls() - calls; n != 0 {
		t.Errorf("the plan made %d API calls, want 0 (the read kept the request time)", n)
	}

	// Once in effect, nothing is planned and nothing is said.
	env.Emulator.Advance(2 * time.Hour)
	refreshed, private, diags = p.read("trtc_application", state, private)
	if len(diags) > 0 {
		t.Fatalf("read: %s", diagText(diags))
	}
	proposed, _ = refreshed.Unmarshal(p.schemas.ResourceSchemas["trtc_application"].ValueType())
	if diags := p.plan("trtc_application", refreshed, private, config, proposed); len(diags) > 0 {
		t.Errorf("plan of a settled application: %s, want no diagnostics", diagText(diags))
	}
	if strings.Contains(string(private), "status_requested_at") {
		t.Errorf("the private state still holds the request time of a change in effect: %s", private)
	}
}

// After a destroy cut short once the delete was sent, the refresh finds the
// application being deleted: it leaves the state with a warning that says
// its deletion is under way, not that it was deleted outside Terraform
// (issue 27, item 7).
func TestReadOfApplicationBeingDeletedSaysSo(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(time.Hour, time.Hour), frozenEmulator())
	acctest.NeedsEmulator(t, "a deletion that stays pending")
	id := newApp(t, env, "leaving")
	requestDisable(t, env, id)
	env.Emulator.Advance(2 * time.Hour)
	if _, err := env.Client().DeleteTrtcApp(t.Context(), &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil {
		t.Fatal(err)
	}
	p := newProtoProvider(t, env, nil)
	newState, _, diags := p.read("trtc_application", appState(p, id, "leaving", "disabled", "disabled"), nil)
	got, err := newState.Unmarshal(p.schemas.ResourceSchemas["trtc_application"].ValueType())
	if err != nil || !got.IsNull() {
		t.Errorf("the application being deleted is still in the state (%v)", err)
	}
	onlyWarning(t, diags, "TRTC application "+strconv.FormatUint(id, 10)+" is being deleted", "deletion was already requested",
		"interrupted", "removed from the Terraform state")
}

// subscriptionValue is a trtc_subscription object with the given attributes.
func subscriptionValue(p *protoProvider, set map[string]tftypes.Value) tftypes.Value {
	return p.value("trtc_subscription", set)
}

func num(n uint64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }

// A planned purchase is stated so that it reads true when Terraform shows it
// again after the purchase (it plans again during apply): what is bought,
// never "this apply buys" (issue 27, item 4).
func TestPlannedPurchaseReadsTrueAfterIt(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.RateLimit = -1 }))
	appID := newApp(t, env, "buyer")
	p := newProtoProvider(t, env, nil)
	config := subscriptionValue(p, map[string]tftypes.Value{"sdk_app_id": num(appID), "edition": str("Standard"), "period_months": num(1)})
	diags := p.plan("trtc_subscription", nil, nil, config, config)
	onlyWarning(t, diags, "Paid package: Standard for 1 month(s): It is bought for application "+strconv.FormatUint(appID, 10),
		"charged to the account balance when this plan is applied", "no refund")
	if text := diagText(diags); strings.Contains(strings.ToLower(text), "apply buys") {
		t.Errorf("the warning says the apply buys: %s", text)
	}
}

// A new trtc_subscription for an application that already holds the package
// warns at plan that it adopts it (issue 27, item 5); for a Trial it says
// how to convert, not to change renewal_trigger, which validate refuses
// for a Trial (item 4).
func TestPlanWarnsOfAdoption(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.RateLimit = -1 }))
	appID := newApp(t, env, "trial")
	if _, err := env.Client().CreateTrtcFreeLicense(t.Context(), &api.CreateTrtcFreeLicenseRequest{SdkAppId: appID}); err != nil {
		t.Fatal(err)
	}
	p := newProtoProvider(t, env, nil)
	config := subscriptionValue(p, map[string]tftypes.Value{"sdk_app_id": num(appID), "edition": str("Trial")})
	diags := p.plan("trtc_subscription", nil, nil, config, config)
	onlyWarning(t, diags, "Existing Trial package of TRTC application "+strconv.FormatUint(appID, 10)+" adopted, not bought",
		"nothing is bought", "cannot be renewed", "convert it to a paid edition", `"Standard", "Pro"`, "period_months")
	if strings.Contains(diagText(diags), "renewal_trigger") {
		t.Errorf("a Trial is told to use renewal_trigger: %s", diagText(diags))
	}
}

// A subscription whose application is being replaced (its sdk_app_id
// becomes unknown) is destroyed first: the plan says so, with what it does
// to the package (issue 27, item 5).
func TestPlanWarnsOfSubscriptionLeavingWithItsApplication(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.RateLimit = -1 }))
	p := newProtoProvider(t, env, nil)
	const id = 1400000001
	state := subscriptionValue(p, map[string]tftypes.Value{
		"id": str("1400000001"), "sdk_app_id": num(id), "edition": str("Standard"), "period_months": num(1),
		"auto_renew": tftypes.NewValue(tftypes.Bool, true), "product": str("RTCEngine"), "status": str("Active"),
		"start_time": str("2026-01-01T00:00:00Z"), "expire_time": str("2026-02-01T00:00:00Z"),
		"trials_used": num(0), "account_trials_used": num(0),
	})
	unknownID := tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	config := subscriptionValue(p, map[string]tftypes.Value{"sdk_app_id": unknownID, "edition": str("Standard"), "period_months": num(1), "auto_renew": tftypes.NewValue(tftypes.Bool, true)})
	diags := p.plan("trtc_subscription", tfvalue.Dynamic(t, state), nil, config, config)
	var found bool
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning && strings.Contains(d.Summary, "The subscription of TRTC application 1400000001 is destroyed with its application") {
			found = true
			for _, want := range []string{"being replaced", "auto-renewal of its Standard package off", "leaves the Terraform state", "deletion_protection"} {
				if !strings.Contains(d.Detail, want) {
					t.Errorf("warning %q does not say %q", d.Detail, want)
				}
			}
		}
	}
	if !found {
		t.Errorf("no warning that the subscription goes with its application: %s", diagText(diags))
	}
}

// A new application whose name another application of the account has is
// most often that one, to be imported: the plan says so, with the import
// in both forms (issue 27, item 5). Then, with the listing at hand, a tag
// on an application the account does not hold is warned of at plan, at no
// API call (item 5).
func TestPlanWarnsOfTakenNameAndMissingApplication(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.RateLimit = -1 }))
	appID := newApp(t, env, "taken")
	p := newProtoProvider(t, env, nil)
	app := p.value("trtc_application", map[string]tftypes.Value{"name": str("taken"), "product": str("RTCEngine")})
	id := strconv.FormatUint(appID, 10)
	onlyWarning(t, p.plan("trtc_application", nil, nil, app, app), `Another TRTC application is already named "taken"`,
		"TRTC application "+id+" in this account", `id = "`+id+`" in an import block`, `terraform import trtc_application.example "`+id+`"`)
	fresh := p.value("trtc_application", map[string]tftypes.Value{"name": str("fresh"), "product": str("RTCEngine")})
	if diags := p.plan("trtc_application", nil, nil, fresh, fresh); len(diags) > 0 {
		t.Errorf("a new name: %s, want no diagnostics", diagText(diags))
	}

	calls := env.TotalCalls()
	tag := p.value("trtc_application_tag", map[string]tftypes.Value{"sdk_app_id": num(1400999999), "key": str("team"), "value": str("rtc")})
	onlyWarning(t, p.plan("trtc_application_tag", nil, nil, tag, tag), "Could not find TRTC application 1400999999", "Check sdk_app_id")
	onTaken := p.value("trtc_application_tag", map[string]tftypes.Value{"sdk_app_id": num(appID), "key": str("team"), "value": str("rtc")})
	if diags := p.plan("trtc_application_tag", nil, nil, onTaken, onTaken); len(diags) > 0 {
		t.Errorf("a tag on an existing application: %s, want no diagnostics", diagText(diags))
	}
	if n := env.TotalCalls() - calls; n != 0 {
		t.Errorf("planning the tags made %d API calls, want 0", n)
	}
}

// A trtc_application_tag whose key the provider's default_tags also sets
// fights the application's tags_all: the plan says so (issue 27, item 5).
func TestPlanWarnsOfTagAlsoInDefaultTags(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.RateLimit = -1 }))
	appID := newApp(t, env, "tagged")
	p := startProtoProvider(t)
	blockType := p.schemas.Provider.ValueType().(tftypes.Object).AttributeTypes["default_tags"].(tftypes.Object)
	defaults := tfvalue.Object(blockType, map[string]tftypes.Value{"tags": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String},
		map[string]tftypes.Value{"cost-center": str("cc-1")})})
	p.configure(env, map[string]tftypes.Value{"default_tags": defaults})
	tag := p.value("trtc_application_tag", map[string]tftypes.Value{"sdk_app_id": num(appID), "key": str("cost-center"), "value": str("cc-2")})
	onlyWarning(t, p.plan("trtc_application_tag", nil, nil, tag, tag), `Tag "cost-center" is also in the provider's default_tags`,
		`tags_all sets "cost-center" to "cc-1"`, "remove it from default_tags")
}
