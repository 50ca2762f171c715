package main

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

func TestExitStatus(t *testing.T) {
	emu, client := emutest.Start(t, emulator.Config{RateLimit: -1}, transport.Options{})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	env := map[string]string{
		"TRTC_ENDPOINT": srv.URL, "TENCENTCLOUD_SECRET_ID": emulator.DefaultSecretID, "TENCENTCLOUD_SECRET_KEY": emulator.DefaultSecretKey,
		"TENCENTCLOUD_SHARED_CREDENTIALS_DIR": t.TempDir(),
	}
	probe := func(env map[string]string, args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), args, func(k string) string { return env[k] }, &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}

	if code, out := probe(env); code != 1 || !strings.Contains(out, "verdict: INCOMPLETE") {
		t.Errorf("empty account: exit %d, want 1:\n%s", code, out)
	}
	app, err := client.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "probe_cmd", Product: "RTCEngine"})
	if err != nil {
		t.Fatal(err)
	}
	code, out := probe(env, "--answers")
	if code != 0 || !strings.Contains(out, "verdict: CLEAN") || !strings.Contains(out, "credentials from TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY") {
		t.Errorf("emulator with an application: exit %d, want 0:\n%s", code, out)
	}
	if strings.Contains(out, emulator.DefaultSecretKey) {
		t.Errorf("the account's SecretKey was printed:\n%s", out)
	}
	if code, out := probe(env, "--sdk-app-id", "1"); code != 1 || !strings.Contains(out, "trtc.DescribeSdkAppInfo: NOT ANSWERED") {
		t.Errorf("--sdk-app-id of no application (%d exists): exit %d, want 1:\n%s", app.SdkAppId, code, out)
	}
	delete(env, "TENCENTCLOUD_SECRET_KEY")
	if code, out := probe(env); code != 2 || !strings.Contains(out, "secret_key is not") {
		t.Errorf("missing SecretKey: exit %d, want 2:\n%s", code, out)
	}
}
