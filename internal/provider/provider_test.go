package provider_test

// The acceptance tests' shared plumbing: addresses, configuration builders,
// applications made outside Terraform and checks of them in the emulator.
// Provider factories and the emulator itself come from internal/acctest
// (Env), as do the reusable state, plan and value checks.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

// The addresses of the one resource of each type that most tests declare.
const (
	appAddr = "trtc_application.test"
	tagAddr = "trtc_application_tag.test"
	subAddr = "trtc_subscription.test"
)

// attr is the path of a top-level attribute.
func attr(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// testResource renders resource "typ" "test" after env's provider block;
// body, a format for args, holds its arguments, a line each.
func testResource(env *acctest.Env, typ, body string, args ...any) string {
	return env.Config(fmt.Sprintf("\nresource %q \"test\" {\n", typ) + fmt.Sprintf(body, args...) + "}\n")
}

// appConfig renders trtc_application.test; extra is spliced in verbatim.
func appConfig(env *acctest.Env, name, product, extra string) string {
	return testResource(env, "trtc_application", "  name    = %q\n  product = %q\n%s\n", name, product, extra)
}

// tagConfig renders trtc_application_tag.test.
func tagConfig(env *acctest.Env, sdkAppID uint64, key, value string) string {
	return testResource(env, "trtc_application_tag", "  sdk_app_id = %d\n  key        = %q\n  value      = %q\n", sdkAppID, key, value)
}

// subConfig renders trtc_subscription.test; extra holds optional arguments.
func subConfig(env *acctest.Env, sdkAppID uint64, edition, extra string) string {
	return testResource(env, "trtc_subscription", "  sdk_app_id = %d\n  edition    = %q\n  %s\n", sdkAppID, edition, extra)
}

// noSubConfig is a configuration without the subscription, to destroy it
// while the emulator keeps the application.
func noSubConfig(env *acctest.Env) string { return env.Config("") }

// defaultTagsConfig is the provider block of env with a default_tags
// block (none when defaults is nil), followed by body.
func defaultTagsConfig(env *acctest.Env, defaults map[string]string, body string) string {
	block := ""
	if defaults != nil {
		block = "\n  default_tags {\n    tags = {\n"
		for _, k := range slices.Sorted(maps.Keys(defaults)) {
			block += fmt.Sprintf("      %q = %q\n", k, defaults[k])
		}
		block += "    }\n  }\n"
	}
	return env.ConfigWithProvider(block, body)
}

// defaultTagsApp is trtc_application.test named name with the given tags attribute line.
func defaultTagsApp(name, tags string) string {
	return fmt.Sprintf(`
resource "trtc_application" "test" {
  name    = %q
  product = "RTCEngine"
  %s
}
`, name, tags)
}

// seedApps creates n applications named prefix_000... through the API,
// outside Terraform, and returns their SdkAppIds in creation order. The
// prefix is random (acctest.RandomPrefix) with room for the 4 characters.
func seedApps(t *testing.T, env *acctest.Env, prefix string, n int, product string, tags map[string]string) []uint64 {
	t.Helper()
	var apiTags []api.Tag
	for k, v := range tags {
		apiTags = append(apiTags, api.Tag{TagKey: k, TagValue: v})
	}
	client := env.Client()
	ids := make([]uint64, n)
	for i := range ids {
		out, err := client.CreateTrtcApp(context.Background(), &api.CreateTrtcAppRequest{
			AppName: fmt.Sprintf("%s_%03d", prefix, i), Product: product, Tags: apiTags,
		})
		if err != nil {
			t.Fatalf("creating application %d of %d outside Terraform: %v", i+1, n, err)
		}
		ids[i] = out.SdkAppId
	}
	return ids
}

// newEmulatorApp creates one application through the API, outside Terraform
// (in external mode it is deleted when the test ends).
func newEmulatorApp(t *testing.T, env *acctest.Env, product string) uint64 {
	t.Helper()
	return seedApps(t, env, acctest.RandomPrefix(4), 1, product, nil)[0]
}

// createAndDisable creates an RTCEngine application through the API and asks
// for it to be disabled; the change then propagates for the env's delay.
func createAndDisable(t *testing.T, env *acctest.Env) uint64 {
	t.Helper()
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	if _, err := env.Client().ModifyAppStatus(t.Context(), &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		t.Fatalf("disabling %d: %v", id, err)
	}
	return id
}

// disableOne disables an application outside Terraform: in process as the
// platform does (reason Overdue), in external mode as its owner does.
func disableOne(t *testing.T, env *acctest.Env, id uint64) {
	t.Helper()
	if !env.IsExternal() {
		if err := env.Emulator.DisableApp(id, "Overdue"); err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, err := env.Client().ModifyAppStatus(t.Context(), &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		t.Fatal(err)
	}
	env.SettleStatus(t, id, api.AppStatusDisabled)
}

// frozenEmulator stops the emulator's clock: a change propagates only when
// the test advances it, so no step depends on how fast the machine is. Its
// rate limiter reads the same clock, so it is off. Signatures are checked
// against the wall clock the provider signs with: the test may wait minutes
// for a parallel slot after its Env is made.
func frozenEmulator() acctest.Option {
	return acctest.WithConfig(func(c *emulator.Config) {
		c.Clock = clock.NewFake(time.Now())
		c.SignatureClock = clock.Real{}
		c.RateLimit = -1
	})
}

// fastForward is a step check that runs the emulator clock 20 times faster
// from then on (until the test ends), so that the final destroy's
// propagations pass.
func fastForward(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		go func() {
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
					env.Emulator.Advance(time.Second)
				}
			}
		}()
		return nil
	}
}

// advanceEmulator is a plan check that moves the emulator clock on once the
// plan is made, so that the apply finds the pending change landed.
type advanceEmulator struct {
	env *acctest.Env
	by  time.Duration
}

func (a advanceEmulator) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	a.env.Emulator.Advance(a.by)
}

// appIDFromState returns the SDKAppID of the test application.
func appIDFromState(s *terraform.State) (uint64, error) {
	rs, ok := s.RootModule().Resources[appAddr]
	if !ok {
		return 0, fmt.Errorf("%s not in state", appAddr)
	}
	return strconv.ParseUint(rs.Primary.ID, 10, 64)
}

// onlyAppID is the SDKAppID of the single application of the emulator,
// named name; in external mode, of the one named name in the listing.
func onlyAppID(t *testing.T, env *acctest.Env, name string) uint64 {
	t.Helper()
	if env.IsExternal() {
		return env.AppID(t, name)
	}
	apps := env.Emulator.Apps()
	if len(apps) != 1 || apps[0].AppName != name {
		t.Fatalf("want 1 application in the emulator, named %q, got %+v", name, apps)
	}
	return apps[0].SdkAppId
}

// emulatorAppInState is the emulator's view of the application in the state.
func emulatorAppInState(env *acctest.Env, s *terraform.State) (emulator.AppView, error) {
	id, err := appIDFromState(s)
	if err != nil {
		return emulator.AppView{}, err
	}
	a, ok, err := env.App(id)
	if err == nil && !ok {
		err = fmt.Errorf("application %d not in the emulator", id)
	}
	return a, err
}

// emulatorTag reads a tag straight from the emulator's state (in external
// mode, from the Tag API).
func emulatorTag(env *acctest.Env, sdkAppID uint64, key string) (string, bool, error) {
	a, _, err := env.App(sdkAppID)
	v, ok := a.Tags[key]
	return v, ok, err
}

// remoteSub reads the subscription straight from the emulator.
func remoteSub(t *testing.T, env *acctest.Env, id uint64) *api.DescribeAppSubscriptionResponse {
	t.Helper()
	out, err := finder.SubscriptionByAppID(context.Background(), env.Client(), id)
	if err != nil {
		t.Fatalf("reading the subscription of %d: %v", id, err)
	}
	return out
}

// emulatorStatus checks the status in effect and the target in the emulator
// (through the public read in external mode, which says the same).
func emulatorStatus(env *acctest.Env, want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		a, err := emulatorAppInState(env, s)
		if err != nil {
			return err
		}
		if a.Status != want || a.TargetStatus != want {
			return fmt.Errorf("application %d: status %s, target %s; want %s", a.SdkAppId, a.Status, a.TargetStatus, want)
		}
		return nil
	}
}

// emulatorTags checks every tag the application carries in the emulator.
func emulatorTags(env *acctest.Env, want map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		a, err := emulatorAppInState(env, s)
		if err != nil {
			return err
		}
		if !maps.Equal(a.Tags, want) {
			return fmt.Errorf("application %d carries tags %v, want %v", a.SdkAppId, a.Tags, want)
		}
		return nil
	}
}

// updatesOnly: the step's plan updates the application in place, changing only attrs.
func updatesOnly(attrs ...string) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
		acctest.ExpectOnlyAttributesChange(appAddr, attrs...),
	}}
}

// tagStateChecks check tags (nil: null) and tags_all of trtc_application.test.
func tagStateChecks(tags, tagsAll map[string]string) []statecheck.StateCheck {
	var tagsCheck knownvalue.Check = knownvalue.Null()
	if tags != nil {
		tagsCheck = acctest.StringMap(tags)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(appAddr, attr("tags"), tagsCheck),
		statecheck.ExpectKnownValue(appAddr, attr("tags_all"), acctest.StringMap(tagsAll)),
	}
}

// emptyPlan is a step that plans the config again and expects no change.
func emptyPlan(config string) resource.TestStep {
	return resource.TestStep{
		Config:           config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	}
}

// str is a protocol string value.
func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
