package provider

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tc3"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/tfvalue"
)

func providerSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp fwprovider.SchemaResponse
	New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Schema: %v", resp.Diagnostics)
	}
	return resp.Schema
}

func TestProviderSchema(t *testing.T) {
	s := providerSchema(t)
	if diags := s.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatalf("ValidateImplementation: %v", diags)
	}
	for name, attr := range s.Attributes {
		if attr.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s has no MarkdownDescription", name)
		}
	}
	block := s.Blocks["assume_role"].(schema.SingleNestedBlock)
	if block.MarkdownDescription == "" {
		t.Error("assume_role has no MarkdownDescription")
	}
	for name, attr := range block.Attributes {
		if attr.GetMarkdownDescription() == "" {
			t.Errorf("assume_role.%s has no MarkdownDescription", name)
		}
	}
	tagsBlock := s.Blocks["default_tags"].(schema.SingleNestedBlock)
	if tagsBlock.MarkdownDescription == "" || tagsBlock.Attributes["tags"].GetMarkdownDescription() == "" {
		t.Error("default_tags or default_tags.tags has no MarkdownDescription")
	}
	for _, name := range []string{"secret_key", "security_token"} {
		if !s.Attributes[name].IsSensitive() {
			t.Errorf("%s is not Sensitive", name)
		}
	}
	for _, name := range []string{"secret_id", "secret_key", "security_token", "region", "endpoint", "profile", "shared_credentials_dir", "max_retries", "rate_limit"} {
		if _, ok := s.Attributes[name]; !ok {
			t.Errorf("attribute %s missing", name)
		}
	}
	var meta fwprovider.MetadataResponse
	New("1.2.3")().Metadata(context.Background(), fwprovider.MetadataRequest{}, &meta)
	if meta.TypeName != "trtc" || meta.Version != "1.2.3" {
		t.Errorf("metadata = %q %q", meta.TypeName, meta.Version)
	}
}

// configValue builds a provider configuration: the given attributes, every
// other one null. An "assume_role" entry is a map of its attributes.
func configValue(t *testing.T, s schema.Schema, set map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	return tfvalue.Object(s.Type().TerraformType(context.Background()).(tftypes.Object), set)
}

func assumeRoleValue(t *testing.T, s schema.Schema, set map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	return tfvalue.Object(s.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes["assume_role"].(tftypes.Object), set)
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// defaultTagsValue is a default_tags block; tags nil means an unknown map.
func defaultTagsValue(t *testing.T, s schema.Schema, tags map[string]string) tftypes.Value {
	t.Helper()
	objType := s.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes["default_tags"].(tftypes.Object)
	mapType := objType.AttributeTypes["tags"]
	tagsValue := tftypes.NewValue(mapType, tftypes.UnknownValue)
	if tags != nil {
		elems := map[string]tftypes.Value{}
		for k, v := range tags {
			elems[k] = str(v)
		}
		tagsValue = tftypes.NewValue(mapType, elems)
	}
	return tftypes.NewValue(objType, map[string]tftypes.Value{"tags": tagsValue})
}

// configure runs Configure with an empty environment and home directory.
func configure(t *testing.T, set map[string]tftypes.Value) fwprovider.ConfigureResponse {
	t.Helper()
	s := providerSchema(t)
	home := t.TempDir()
	p := &trtcProvider{version: "test", resolver: credentials.Resolver{
		LookupEnv: func(string) (string, bool) { return "", false },
		HomeDir:   func() (string, error) { return home, nil },
	}}
	var resp fwprovider.ConfigureResponse
	p.Configure(context.Background(), fwprovider.ConfigureRequest{Config: tfsdk.Config{Schema: s, Raw: configValue(t, s, set)}}, &resp)
	return resp
}

func TestConfigureMissingCredentialsSaysWhereToPutThem(t *testing.T) {
	resp := configure(t, nil)
	if !resp.Diagnostics.HasError() {
		t.Fatal("Configure without credentials succeeded")
	}
	detail := resp.Diagnostics.Errors()[0].Detail()
	for _, want := range []string{"secret_id", "secret_key", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", ".tccli", "default.credential"} {
		if !strings.Contains(detail, want) {
			t.Errorf("diagnostic does not mention %q:\n%s", want, detail)
		}
	}
	if resp.ResourceData != nil || resp.DataSourceData != nil {
		t.Error("provider data set despite the error")
	}
}

func TestConfigureWithUnknownValuesDefersConfiguration(t *testing.T) {
	s := providerSchema(t)
	roleType := s.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes["assume_role"]
	cases := map[string]map[string]tftypes.Value{
		"secret_key":        {"secret_key": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)},
		"assume_role":       {"secret_id": str("a"), "secret_key": str("b"), "assume_role": tftypes.NewValue(roleType, tftypes.UnknownValue)},
		"assume_role field": {"secret_id": str("a"), "secret_key": str("b"), "assume_role": assumeRoleValue(t, s, map[string]tftypes.Value{"role_arn": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})},
		"default_tags":      {"secret_id": str("a"), "secret_key": str("b"), "default_tags": defaultTagsValue(t, s, nil)},
	}
	// Every attribute, including the next one added: the framework tells
	// whether the configuration is known, no list of attributes does.
	objType := s.Type().TerraformType(context.Background()).(tftypes.Object)
	for name := range s.GetAttributes() {
		cases["attribute "+name] = map[string]tftypes.Value{"secret_id": str("a"), "secret_key": str("b"), name: tftypes.NewValue(objType.AttributeTypes[name], tftypes.UnknownValue)}
	}
	for name := range s.GetBlocks() {
		cases["block "+name] = map[string]tftypes.Value{"secret_id": str("a"), "secret_key": str("b"), name: tftypes.NewValue(objType.AttributeTypes[name], tftypes.UnknownValue)}
	}
	for name, set := range cases {
		t.Run(name, func(t *testing.T) {
			rec := &recordingAPI{}
			server := httptest.NewServer(rec)
			defer server.Close()
			if _, unknown := set["endpoint"]; !unknown {
				set["endpoint"] = str(server.URL)
			}
			resp := configure(t, set)
			if resp.Diagnostics.HasError() {
				t.Fatalf("Configure with an unknown value: %v", resp.Diagnostics)
			}
			if resp.ResourceData != nil || len(rec.actions) != 0 {
				t.Errorf("provider data set (%v) or API called (%v) while a value is unknown", resp.ResourceData != nil, rec.actions)
			}
		})
	}
}

// recordingAPI answers STS calls and records what it saw, checking that
// every request is signed for its secret key.
type recordingAPI struct {
	mu      sync.Mutex
	actions []string
	tokens  []string
	regions []string
	badSig  int
}

func (r *recordingAPI) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	auth, _ := tc3.ParseAuthorization(req.Header.Get("Authorization"))
	key := map[string]string{"AKIDblock": "key-block", "AKIDtmp": "key-tmp"}[auth.SecretID]
	ts, _ := strconv.ParseInt(req.Header.Get("X-TC-Timestamp"), 10, 64)
	want := tc3.Signature(key, tc3.Request{Service: auth.Service, Payload: body, Timestamp: ts,
		Headers: map[string]string{"content-type": req.Header.Get("Content-Type"), "host": req.Host}})
	action := req.Header.Get("X-TC-Action")
	r.mu.Lock()
	r.actions = append(r.actions, auth.Service+"."+action)
	r.tokens = append(r.tokens, req.Header.Get("X-TC-Token"))
	r.regions = append(r.regions, req.Header.Get("X-TC-Region"))
	if want != auth.Signature {
		r.badSig++
	}
	r.mu.Unlock()
	out := map[string]any{"RequestId": "r", "AccountId": "100000000001"}
	if action == "AssumeRole" {
		out["Credentials"] = map[string]any{"TmpSecretId": "AKIDtmp", "TmpSecretKey": "key-tmp", "Token": "tok-tmp"}
		out["ExpiredTime"] = 4102444800 // 2100-01-01
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"Response": out})
}

// Configure checks the credentials with STS GetCallerIdentity (issue 14,
// finding 6) and keeps the account ID: tags reuse it, nothing asks again.
func TestConfigureChecksCredentialsOnceAndKeepsTheAccountID(t *testing.T) {
	rec := &recordingAPI{}
	server := httptest.NewServer(rec)
	defer server.Close()
	resp := configure(t, map[string]tftypes.Value{
		"secret_id": str("AKIDblock"), "secret_key": str("key-block"), "endpoint": str(server.URL), "region": str("ap-guangzhou"),
		"max_retries": tftypes.NewValue(tftypes.Number, 0), "rate_limit": tftypes.NewValue(tftypes.Number, 5),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	data, ok := resp.ResourceData.(*ProviderData)
	if !ok || resp.DataSourceData != resp.ResourceData || resp.EphemeralResourceData != resp.ResourceData {
		t.Fatalf("provider data: resource %T, data source %T, ephemeral %T", resp.ResourceData, resp.DataSourceData, resp.EphemeralResourceData)
	}
	if strings.Join(rec.actions, ",") != "sts.GetCallerIdentity" || rec.badSig != 0 || rec.regions[0] != "" {
		t.Errorf("Configure made %v (bad signatures %d, regions %q), want one GetCallerIdentity", rec.actions, rec.badSig, rec.regions)
	}
	account, err := data.AccountID(context.Background())
	if err != nil || account != "100000000001" {
		t.Fatalf("AccountID = %q, %v", account, err)
	}
	if name, err := data.ResourceName(context.Background(), 1400000001); err != nil || name != "qcs::trtc::uin/100000000001:sdkappid/1400000001" {
		t.Errorf("ResourceName = %q, %v", name, err)
	}
	if len(rec.actions) != 1 {
		t.Errorf("server saw %v: GetCallerIdentity asked again", rec.actions)
	}
}

// skip_credentials_validation leaves the account ID to the first caller
// that needs it.
func TestConfigureSkipCredentialsValidationCallsNothing(t *testing.T) {
	rec := &recordingAPI{}
	server := httptest.NewServer(rec)
	defer server.Close()
	resp := configure(t, map[string]tftypes.Value{
		"secret_id": str("AKIDblock"), "secret_key": str("key-block"), "endpoint": str(server.URL),
		"skip_credentials_validation": tftypes.NewValue(tftypes.Bool, true),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	if len(rec.actions) != 0 {
		t.Fatalf("Configure called the API: %v", rec.actions)
	}
	if _, err := resp.ResourceData.(*ProviderData).AccountID(context.Background()); err != nil || len(rec.actions) != 1 {
		t.Errorf("AccountID: %v; server saw %v", err, rec.actions)
	}
}

func TestConfigurePassesDefaultTags(t *testing.T) {
	s := providerSchema(t)
	for name, tc := range map[string]struct {
		block tftypes.Value
		want  map[string]string
	}{
		"absent":     {tftypes.NewValue(s.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes["default_tags"], nil), nil},
		"empty":      {defaultTagsValue(t, s, map[string]string{}), map[string]string{}},
		"two values": {defaultTagsValue(t, s, map[string]string{"team": "rtc", "env": "prod"}), map[string]string{"team": "rtc", "env": "prod"}},
	} {
		t.Run(name, func(t *testing.T) {
			resp := configure(t, map[string]tftypes.Value{"secret_id": str("a"), "secret_key": str("b"), "default_tags": tc.block, "skip_credentials_validation": tftypes.NewValue(tftypes.Bool, true)})
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			got := resp.ResourceData.(*ProviderData).DefaultTags
			if len(got) != len(tc.want) || (tc.want == nil) != (got == nil) {
				t.Fatalf("DefaultTags = %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("DefaultTags[%q] = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

// The waits' budget of direct reads per poll round is the provider's
// rate_limit's share of a round: the default gives 10, a lower limit fewer.
func TestConfigureRateLimitSetsTheWaitReadBudget(t *testing.T) {
	for _, tc := range []struct {
		limit tftypes.Value
		want  int
	}{
		{tftypes.NewValue(tftypes.Number, nil), 10},
		{tftypes.NewValue(tftypes.Number, 20), 10},
		{tftypes.NewValue(tftypes.Number, 4), 2},
	} {
		resp := configure(t, map[string]tftypes.Value{"secret_id": str("a"), "secret_key": str("b"), "rate_limit": tc.limit,
			"skip_credentials_validation": tftypes.NewValue(tftypes.Bool, true)})
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		if got := resp.ResourceData.(*ProviderData).Waits().ReadsPerRound(); got != tc.want {
			t.Errorf("rate_limit %v: %d direct reads a poll round, want %d", tc.limit, got, tc.want)
		}
	}
}

// The credentials check assumes the role first, so a role the base keys
// cannot assume fails the plan too.
func TestConfigureAssumeRoleThenChecksCredentials(t *testing.T) {
	rec := &recordingAPI{}
	server := httptest.NewServer(rec)
	defer server.Close()
	s := providerSchema(t)
	resp := configure(t, map[string]tftypes.Value{
		"secret_id": str("AKIDblock"), "secret_key": str("key-block"), "endpoint": str(server.URL),
		"assume_role": assumeRoleValue(t, s, map[string]tftypes.Value{"role_arn": str("qcs::cam::uin/100000000001:roleName/deployer")}),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	if _, err := resp.ResourceData.(*ProviderData).AccountID(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rec.actions, ","); got != "sts.AssumeRole,sts.GetCallerIdentity" {
		t.Fatalf("server saw %s, want AssumeRole then GetCallerIdentity", got)
	}
	if rec.tokens[0] != "" || rec.tokens[1] != "tok-tmp" || rec.badSig != 0 {
		t.Errorf("tokens %q, bad signatures %d: AssumeRole must use the base keys, the call the role's", rec.tokens, rec.badSig)
	}
}

// TestValidateRejectsBadValues runs the framework's provider config
// validation (what `terraform validate` triggers): each bad value is
// reported against its attribute before anything is configured.
func TestValidateRejectsBadValues(t *testing.T) {
	s := providerSchema(t)
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	role := func(set map[string]tftypes.Value) map[string]tftypes.Value {
		base := map[string]tftypes.Value{"role_arn": str("qcs::cam::uin/1:roleName/r")}
		for k, v := range set {
			base[k] = v
		}
		return map[string]tftypes.Value{"assume_role": assumeRoleValue(t, s, base)}
	}
	tests := []struct {
		name string
		set  map[string]tftypes.Value
		want string // "" = valid
	}{
		{"all unset", nil, ""},
		{"good values", map[string]tftypes.Value{"region": str("na-siliconvalley"), "endpoint": str("http://127.0.0.1:8080"), "max_retries": tftypes.NewValue(tftypes.Number, 0), "rate_limit": tftypes.NewValue(tftypes.Number, 0.5)}, ""},
		{"negative max_retries", map[string]tftypes.Value{"max_retries": tftypes.NewValue(tftypes.Number, -1)}, "max_retries"},
		{"good request_timeout", map[string]tftypes.Value{"request_timeout": str("1m30s")}, ""},
		{"request_timeout without unit", map[string]tftypes.Value{"request_timeout": str("30")}, `Invalid request_timeout: request_timeout = "30" is not valid: must be a duration such as 30s or 2m, from 1s to 10m. @ AttributeName("request_timeout")`},
		{"request_timeout too short", map[string]tftypes.Value{"request_timeout": str("500ms")}, "request_timeout"},
		{"request_timeout too long", map[string]tftypes.Value{"request_timeout": str("11m")}, "from 1s to 10m"},
		{"zero rate_limit", map[string]tftypes.Value{"rate_limit": tftypes.NewValue(tftypes.Number, 0)}, "rate_limit"},
		{"negative rate_limit", map[string]tftypes.Value{"rate_limit": tftypes.NewValue(tftypes.Number, -3)}, "rate_limit"},
		{"endpoint without scheme", map[string]tftypes.Value{"endpoint": str("127.0.0.1:8080")}, "endpoint"},
		{"region with capitals", map[string]tftypes.Value{"region": str("Singapore")}, "region"},
		{"plaintext remote endpoint", map[string]tftypes.Value{"endpoint": str("http://emulator.internal:8080")}, "set insecure_endpoint = true"},
		{"plaintext remote endpoint opted in", map[string]tftypes.Value{"endpoint": str("http://emulator.internal:8080"), "insecure_endpoint": tftypes.NewValue(tftypes.Bool, true)}, ""},
		{"plaintext remote endpoint, opt-in unknown", map[string]tftypes.Value{"endpoint": str("http://emulator.internal:8080"), "insecure_endpoint": tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)}, ""},
		{"plaintext loopback endpoints", map[string]tftypes.Value{"endpoint": str("http://localhost:8080/")}, ""},
		{"https remote endpoint", map[string]tftypes.Value{"endpoint": str("https://{service}.intl.tencentcloudapi.com/")}, ""},
		{"good role", role(map[string]tftypes.Value{"session_duration": tftypes.NewValue(tftypes.Number, 900), "session_name": str("ci@run-1")}), ""},
		{"short session", role(map[string]tftypes.Value{"session_duration": tftypes.NewValue(tftypes.Number, 899)}), "session_duration"},
		{"long session", role(map[string]tftypes.Value{"session_duration": tftypes.NewValue(tftypes.Number, 43201)}), "session_duration"},
		{"bad session name", role(map[string]tftypes.Value{"session_name": str("has space")}), "session_name"},
		{"role without arn", role(map[string]tftypes.Value{"role_arn": tftypes.NewValue(tftypes.String, nil)}), "role_arn"},
		{"good default tags", map[string]tftypes.Value{"default_tags": defaultTagsValue(t, s, map[string]string{"team": "rtc", "cost-center": "cc-1"})}, ""},
		{"reserved default tag key", map[string]tftypes.Value{"default_tags": defaultTagsValue(t, s, map[string]string{"qcs:team": "rtc"})}, "default_tags.tags"},
		{"empty default tag value", map[string]tftypes.Value{"default_tags": defaultTagsValue(t, s, map[string]string{"team": ""})}, "default_tags.tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := configValue(t, s, tt.set)
			dv, err := tfprotov6.NewDynamicValue(raw.Type(), raw)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: &dv})
			if err != nil {
				t.Fatal(err)
			}
			expectValidation(t, resp.Diagnostics, tt.want)
		})
	}
}

// TestEverySchemaIsDescribed walks the schemas Terraform receives (provider,
// resources, data sources, ephemeral resources, nested attributes and
// blocks): every attribute and block has a Markdown description. The
// timeouts blocks come from terraform-plugin-framework-timeouts and are
// documented by the framework, so only their presence is not checked here.
func TestEverySchemaIsDescribed(t *testing.T) {
	schemas := providerSchemas(t)
	for name := range schemas {
		if strings.HasPrefix(name, "identity ") { // one attribute, sdk_app_id (and key), described in the resource
			delete(schemas, name)
		}
	}
	markdown := func(where, desc string, kind tfprotov6.StringKind) {
		if desc == "" || kind != tfprotov6.StringKindMarkdown {
			t.Errorf("%s has no MarkdownDescription", where)
		}
	}
	var attrs func(where string, list []*tfprotov6.SchemaAttribute)
	attrs = func(where string, list []*tfprotov6.SchemaAttribute) {
		for _, a := range list {
			markdown(where+"."+a.Name, a.Description, a.DescriptionKind)
			if a.NestedType != nil {
				attrs(where+"."+a.Name, a.NestedType.Attributes)
			}
		}
	}
	var block func(where string, b *tfprotov6.SchemaBlock)
	block = func(where string, b *tfprotov6.SchemaBlock) {
		attrs(where, b.Attributes)
		for _, nb := range b.BlockTypes {
			if nb.TypeName == "timeouts" {
				continue
			}
			markdown(where+"."+nb.TypeName, nb.Block.Description, nb.Block.DescriptionKind)
			block(where+"."+nb.TypeName, nb.Block)
		}
	}
	for name, s := range schemas {
		if name != "provider" {
			markdown(name, s.Block.Description, s.Block.DescriptionKind)
		}
		block(name, s.Block)
	}
}
