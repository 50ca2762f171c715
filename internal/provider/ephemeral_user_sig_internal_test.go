package provider

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
	"github.com/trtc-oss/terraform-provider-trtc/internal/usersig"
)

func userSigSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp ephemeral.SchemaResponse
	NewUserSigEphemeralResource().Schema(t.Context(), ephemeral.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}

// userSigConfig is a trtc_user_sig configuration: the given attributes, every other one null.
func userSigConfig(t *testing.T, s schema.Schema, set map[string]any) tftypes.Value {
	t.Helper()
	objType := s.Type().TerraformType(context.Background()).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		values[name] = tftypes.NewValue(typ, set[name]) // nil when not set
	}
	return tftypes.NewValue(objType, values)
}

// openUserSig runs Open for the configuration and returns the result.
func openUserSig(t *testing.T, pd *ProviderData, set map[string]any) (userSigModel, ephemeral.OpenResponse) {
	t.Helper()
	s := userSigSchema(t)
	r := &userSigEphemeralResource{}
	var cresp ephemeral.ConfigureResponse
	if pd != nil {
		r.Configure(t.Context(), ephemeral.ConfigureRequest{ProviderData: pd}, &cresp)
	}
	raw := userSigConfig(t, s, set)
	resp := ephemeral.OpenResponse{Result: tfsdk.EphemeralResultData{Schema: s, Raw: raw}}
	r.Open(t.Context(), ephemeral.OpenRequest{Config: tfsdk.Config{Schema: s, Raw: raw}}, &resp)
	var out userSigModel
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.Result.Get(t.Context(), &out)...)
	}
	return out, resp
}

func TestUserSigSchema(t *testing.T) {
	s := userSigSchema(t)
	if diags := s.ValidateImplementation(t.Context()); diags.HasError() {
		t.Fatal(diags)
	}
	for name, a := range s.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no MarkdownDescription", name)
		}
	}
	for _, name := range []string{"user_sig", "secret_key"} {
		if !s.Attributes[name].IsSensitive() {
			t.Errorf("%s is not Sensitive", name)
		}
	}
	if s.Attributes["expire_time"].IsSensitive() || !s.Attributes["user_sig"].IsComputed() {
		t.Error("expire_time must be plain, user_sig computed")
	}
}

// TestUserSigOpenMatchesReference opens the ephemeral resource with the
// inputs of the npm reference's vectors (fake clock at the vector's time):
// the UserSig verifies with the key and carries the reference's signature.
func TestUserSigOpenMatchesReference(t *testing.T) {
	raw, err := os.ReadFile("../usersig/testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Vectors []struct {
			SdkAppID uint64 `json:"sdkAppId"`
			Key      string `json:"key"`
			UserID   string `json:"userId"`
			Expire   int64  `json:"expire"`
			Time     int64  `json:"time"`
			UserSig  string `json:"userSig"`
		}
	}
	if err := json.Unmarshal(raw, &file); err != nil || len(file.Vectors) == 0 {
		t.Fatalf("vectors: %v (%d)", err, len(file.Vectors))
	}
	for _, v := range file.Vectors {
		if !userIDPattern.MatchString(v.UserID) {
			continue // the reference signs any identifier; the resource takes TRTC UserIDs only
		}
		t.Run(v.UserID, func(t *testing.T) {
			pd := &ProviderData{Clock: clock.NewFake(time.Unix(v.Time, 0))}
			out, resp := openUserSig(t, pd, map[string]any{
				"sdk_app_id": v.SdkAppID, "user_id": v.UserID, "expire_seconds": v.Expire, "secret_key": v.Key,
			})
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			doc, err := usersig.Verify(out.UserSig.ValueString(), v.Key)
			if err != nil {
				t.Fatal(err)
			}
			reference, err := usersig.Decode(v.UserSig)
			if err != nil {
				t.Fatal(err)
			}
			if doc != reference {
				t.Errorf("decoded %+v, reference %+v", doc, reference)
			}
			wantExpiry := time.Unix(v.Time+v.Expire, 0).UTC().Format(time.RFC3339)
			if out.ExpireTime.ValueString() != wantExpiry {
				t.Errorf("expire_time = %s, want %s", out.ExpireTime.ValueString(), wantExpiry)
			}
		})
	}
}

func TestUserSigOpenDefaults(t *testing.T) {
	now := time.Date(2026, 11, 26, 1, 2, 3, 0, time.UTC)
	out, resp := openUserSig(t, &ProviderData{Clock: clock.NewFake(now)}, map[string]any{
		"sdk_app_id": 1400000001, "user_id": "alice", "secret_key": "k-123",
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	doc, err := usersig.Verify(out.UserSig.ValueString(), "k-123")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Identifier != "alice" || doc.SdkAppID != 1400000001 || doc.Time != now.Unix() || doc.Expire != 86400 || doc.Version != "2.0" {
		t.Errorf("decoded %+v", doc)
	}
	if out.ExpireSeconds.ValueInt64() != 86400 || out.ExpireTime.ValueString() != "2026-11-27T01:02:03Z" {
		t.Errorf("expire_seconds %v, expire_time %v", out.ExpireSeconds, out.ExpireTime)
	}
	if _, err := usersig.Verify(out.UserSig.ValueString(), "k-1234"); err == nil {
		t.Error("verified with another key")
	}
}

// emulatorProviderData is provider data whose client talks to a fresh emulator.
func emulatorProviderData(t *testing.T, clk clock.Clock) (*ProviderData, *emulator.Emulator) {
	t.Helper()
	emu, client := emutest.Start(t, emulator.Config{}, transport.Options{MaxRetries: -1})
	return &ProviderData{API: client, Clock: clk}, emu
}

func TestUserSigOpenFetchesSecretKey(t *testing.T) {
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	pd, emu := emulatorProviderData(t, clock.NewFake(now))
	app, err := pd.API.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "sig", Product: "RTCEngine"})
	if err != nil {
		t.Fatal(err)
	}
	info, err := pd.API.DescribeSdkAppInfo(t.Context(), &api.DescribeSdkAppInfoRequest{SdkAppId: app.SdkAppId})
	if err != nil || info.SecretKey == "" {
		t.Fatalf("DescribeSdkAppInfo: %+v, %v", info, err)
	}
	before := emu.Stats().Calls["trtc.DescribeSdkAppInfo"]

	out, resp := openUserSig(t, pd, map[string]any{"sdk_app_id": app.SdkAppId, "user_id": "bob-1", "expire_seconds": 600})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if got := emu.Stats().Calls["trtc.DescribeSdkAppInfo"] - before; got != 1 {
		t.Errorf("%d DescribeSdkAppInfo calls, want 1", got)
	}
	doc, err := usersig.Verify(out.UserSig.ValueString(), info.SecretKey)
	if err != nil {
		t.Fatalf("not signed with the application's SDKSecretKey: %v", err)
	}
	if doc.Identifier != "bob-1" || doc.SdkAppID != app.SdkAppId || doc.Time != now.Unix() || doc.Expire != 600 {
		t.Errorf("decoded %+v", doc)
	}
}

func TestUserSigOpenErrors(t *testing.T) {
	pd, _ := emulatorProviderData(t, clock.NewFake(time.Unix(1700000000, 0)))
	_, resp := openUserSig(t, pd, map[string]any{"sdk_app_id": 1400999999, "user_id": "alice"})
	if !resp.Diagnostics.HasError() || resp.Diagnostics.Errors()[0].Summary() != "Could not read the SDKSecretKey of TRTC application 1400999999" ||
		!strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "does not exist") {
		t.Errorf("unknown application: %v", resp.Diagnostics)
	}
	_, resp = openUserSig(t, nil, map[string]any{"sdk_app_id": 1400000001, "user_id": "alice"})
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "secret_key") {
		t.Errorf("unconfigured provider without secret_key: %v", resp.Diagnostics)
	}
}

// TestUserSigValidate runs the framework's validation (what `terraform
// validate` triggers): each rule is reported against its attribute.
func TestUserSigValidate(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	s := userSigSchema(t)
	tests := []struct {
		name string
		set  map[string]any
		want string // "" = valid
	}{
		{"minimal", map[string]any{"sdk_app_id": 1400000001, "user_id": "a"}, ""},
		{"longest user and expiry", map[string]any{"sdk_app_id": 1400000001, "user_id": strings.Repeat("u", 32), "expire_seconds": 15552000, "secret_key": "k"}, ""},
		{"user_id too long", map[string]any{"sdk_app_id": 1400000001, "user_id": strings.Repeat("u", 33)}, "user_id"},
		{"user_id with a space", map[string]any{"sdk_app_id": 1400000001, "user_id": "a b"}, "user_id"},
		{"empty user_id", map[string]any{"sdk_app_id": 1400000001, "user_id": ""}, "user_id"},
		{"zero expiry", map[string]any{"sdk_app_id": 1400000001, "user_id": "a", "expire_seconds": 0}, "expire_seconds"},
		{"expiry past 180 days", map[string]any{"sdk_app_id": 1400000001, "user_id": "a", "expire_seconds": 15552001}, "15552000"},
		{"empty secret_key", map[string]any{"sdk_app_id": 1400000001, "user_id": "a", "secret_key": ""}, "secret_key"},
		{"zero sdk_app_id", map[string]any{"sdk_app_id": 0, "user_id": "a"}, "sdk_app_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := userSigConfig(t, s, tt.set)
			dv, err := tfprotov6.NewDynamicValue(raw.Type(), raw)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := server.ValidateEphemeralResourceConfig(t.Context(), &tfprotov6.ValidateEphemeralResourceConfigRequest{TypeName: "trtc_user_sig", Config: &dv})
			if err != nil {
				t.Fatal(err)
			}
			expectValidation(t, resp.Diagnostics, tt.want)
		})
	}
}
