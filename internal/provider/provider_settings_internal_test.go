package provider

import (
	"context"
	"net"
	"net/http/httptest"
	"strings"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// configureWithEnv runs Configure with env as the whole environment.
func configureWithEnv(t *testing.T, env map[string]string, set map[string]tftypes.Value) fwprovider.ConfigureResponse {
	t.Helper()
	s := providerSchema(t)
	home := t.TempDir()
	p := &trtcProvider{version: "test", resolver: credentials.Resolver{
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		HomeDir:   func() (string, error) { return home, nil },
	}}
	var resp fwprovider.ConfigureResponse
	p.Configure(context.Background(), fwprovider.ConfigureRequest{Config: tfsdk.Config{Schema: s, Raw: configValue(t, s, set)}}, &resp)
	return resp
}

// A setting from the environment is refused like the same value in the
// block (issue 14, finding 5), at configure, naming the variable and what
// is expected; nothing is configured.
func TestConfigureValidatesSettingsFromTheEnvironment(t *testing.T) {
	keys := map[string]tftypes.Value{"secret_id": str("AKIDblock"), "secret_key": str("key-block")}
	for name, tc := range map[string]struct {
		env  map[string]string
		set  map[string]tftypes.Value
		want []string
	}{
		"region":                    {map[string]string{credentials.EnvRegion: "Singapore"}, keys, []string{`TENCENTCLOUD_REGION = "Singapore"`, "ap-singapore"}},
		"endpoint without scheme":   {map[string]string{credentials.EnvEndpoint: "127.0.0.1:1234"}, keys, []string{`TRTC_ENDPOINT = "127.0.0.1:1234"`, "https://", "http://127.0.0.1:8080"}},
		"plaintext remote endpoint": {map[string]string{credentials.EnvEndpoint: "http://198.51.100.7:8080"}, keys, []string{"TRTC_ENDPOINT", "clear text", "insecure_endpoint = true"}},
		"request timeout":           {map[string]string{credentials.EnvRequestTimeout: "forever"}, keys, []string{`TRTC_REQUEST_TIMEOUT = "forever"`, credentials.RequestTimeoutRule}},
		"session name":              {map[string]string{credentials.EnvAssumeRoleARN: "qcs::cam::uin/1:roleName/r", credentials.EnvAssumeRoleSessionName: "has space"}, keys, []string{credentials.EnvAssumeRoleSessionName, "2-128"}},
		"secret key from the environment, region too": {map[string]string{credentials.EnvSecretID: "a", credentials.EnvSecretKey: "b", credentials.EnvRegion: "ap_singapore"}, nil, []string{credentials.EnvRegion}},
	} {
		t.Run(name, func(t *testing.T) {
			resp := configureWithEnv(t, tc.env, tc.set)
			if !resp.Diagnostics.HasError() || resp.ResourceData != nil {
				t.Fatalf("Configure accepted it: %v", resp.Diagnostics)
			}
			detail := resp.Diagnostics.Errors()[0].Detail()
			for _, want := range tc.want {
				if !strings.Contains(detail, want) {
					t.Errorf("error %q does not say %q", detail, want)
				}
			}
		})
	}
}

// An endpoint that accepts connections and never answers fails the
// credentials check after max_retries + 1 attempts of request_timeout each,
// and the error says so and what to change (issue 27, item 1).
func TestConfigureSilentEndpointFailsAfterRequestTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c // held open, never answered
		}
	}()
	resp := configureWithEnv(t, map[string]string{credentials.EnvRequestTimeout: "1s"}, map[string]tftypes.Value{
		"secret_id": str("AKIDblock"), "secret_key": str("key-block"), "endpoint": str("http://" + ln.Addr().String()),
		"max_retries": tftypes.NewValue(tftypes.Number, 1),
	})
	close(accepted)
	n := 0
	for c := range accepted {
		c.Close()
		n++
	}
	if n != 2 {
		t.Errorf("the endpoint saw %d connections, want 2 (max_retries = 1)", n)
	}
	if !resp.Diagnostics.HasError() || resp.ResourceData != nil {
		t.Fatalf("Configure accepted a silent endpoint: %v", resp.Diagnostics)
	}
	d := resp.Diagnostics.Errors()[0]
	for _, want := range []string{"GetCallerIdentity", "tried 2 times", "waited 1s for an answer", "request_timeout", "max_retries"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("error %q does not say %q", d.Detail(), want)
		}
	}
}

// insecure_endpoint opts a plaintext remote endpoint from the environment in.
func TestConfigureInsecureEndpointOptIn(t *testing.T) {
	resp := configureWithEnv(t, map[string]string{credentials.EnvEndpoint: "http://198.51.100.7:8080"}, map[string]tftypes.Value{
		"secret_id": str("AKIDblock"), "secret_key": str("key-block"), "insecure_endpoint": tftypes.NewValue(tftypes.Bool, true),
		"skip_credentials_validation": tftypes.NewValue(tftypes.Bool, true),
	})
	if resp.Diagnostics.HasError() || resp.ResourceData == nil {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
}

// Wrong keys fail Configure, so the plan, with advice; nothing is
// configured (issue 14, finding 6).
func TestConfigureRefusesWrongCredentials(t *testing.T) {
	emu := emulator.New(emulator.Config{SecretID: emulator.DefaultSecretID, SecretKey: emulator.DefaultSecretKey, UIN: emulator.DefaultUIN})
	server := httptest.NewServer(emu)
	defer server.Close()
	resp := configureWithEnv(t, nil, map[string]tftypes.Value{
		"secret_id": str(emulator.DefaultSecretID), "secret_key": str("not-the-key"), "endpoint": str(server.URL),
	})
	if !resp.Diagnostics.HasError() || resp.ResourceData != nil {
		t.Fatalf("Configure accepted a wrong SecretKey: %v", resp.Diagnostics)
	}
	d := resp.Diagnostics.Errors()[0]
	for _, want := range []string{"GetCallerIdentity", "AuthFailure", "check the SecretId and SecretKey", "skip_credentials_validation = true"} {
		if !strings.Contains(d.Summary()+" "+d.Detail(), want) {
			t.Errorf("diagnostic %q: %q does not say %q", d.Summary(), d.Detail(), want)
		}
	}
	// Refused at the signature check, so counted as an error, not a call.
	if errs := emu.Stats().Errors; len(errs) != 1 || errs["AuthFailure.SignatureFailure"] != 1 {
		t.Errorf("the emulator answered %v, want one AuthFailure.SignatureFailure", errs)
	}
}
