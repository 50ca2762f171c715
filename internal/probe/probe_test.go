package probe

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// emulatorWithApp serves an emulator holding one tagged application.
func emulatorWithApp(t *testing.T) (*emulator.Emulator, *api.Client, uint64) {
	t.Helper()
	emu, client := emutest.Start(t, emulator.Config{RateLimit: -1}, transport.Options{RateLimit: -1})
	out, err := client.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "probe_app", Product: "Call", Tags: []api.Tag{{TagKey: "team", TagValue: "a"}}})
	if err != nil {
		t.Fatal(err)
	}
	return emu, client, out.SdkAppId
}

// runProbe runs the probe against url with the emulator's keys.
func runProbe(t *testing.T, url string, opts Options) (bool, string) {
	t.Helper()
	var out bytes.Buffer
	tr := transport.New(transport.Options{
		Credentials: transport.StaticCredentials(transport.Credential{SecretID: emulator.DefaultSecretID, SecretKey: emulator.DefaultSecretKey}),
		Endpoint:    url, RateLimit: -1, MaxRetries: -1,
	})
	clean := Run(t.Context(), tr, opts, &out)
	return clean, out.String()
}

func TestProbeOfTheEmulatorIsClean(t *testing.T) {
	emu, client, id := emulatorWithApp(t)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	before := emu.Stats().Calls

	clean, out := runProbe(t, srv.URL, Options{ShowAnswers: true})
	if !clean || !strings.HasSuffix(out, "verdict: CLEAN: 5 of 5 read actions answered, every field as modelled\n") {
		t.Fatalf("probe of the emulator is not clean:\n%s", out)
	}
	for _, action := range []string{"sts.GetCallerIdentity", "trtc.DescribeAppStatList", "trtc.DescribeSdkAppInfo", "tag.DescribeResourceTagsByResourceIds", "trtc.DescribeAppSubscription"} {
		if !strings.Contains(out, action+": answered, every field as modelled\n") {
			t.Errorf("no clean line for %s in:\n%s", action, out)
		}
	}
	// Read actions only, one each.
	after := emu.Stats().Calls
	for key, n := range after {
		if d := n - before[key]; d != 0 && (d != 1 || !ReadActions[key]) {
			t.Errorf("the probe sent %s %d time(s)", key, d)
		}
	}
	// The application's SDKSecretKey is shown masked, as the logs mask it.
	app, err := client.DescribeSdkAppInfo(t.Context(), &api.DescribeSdkAppInfoRequest{SdkAppId: id})
	if err != nil {
		t.Fatal(err)
	}
	if app.SecretKey == "" || strings.Contains(out, app.SecretKey) || !strings.Contains(out, `"SecretKey":"***"`) {
		t.Errorf("answers must show SecretKey masked as ***:\n%s", out)
	}
}

// driftingServer answers through the emulator, then changes the answers:
// the listing loses Name, gains ProbeExtra and spells CreateTime and a
// tag's value as numbers; DescribeSdkAppInfo spells Status as a number.
func driftingServer(t *testing.T, emu *emulator.Emulator) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, r)
		var body struct{ Response map[string]any }
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Errorf("emulator answer: %v", err)
		}
		switch r.Header.Get("X-TC-Action") {
		case "DescribeAppStatList":
			for _, info := range body.Response["SdkAppInfos"].([]any) {
				app := info.(map[string]any)
				app["TagList"].([]any)[0].(map[string]any)["TagValue"] = 7
				delete(app, "Name")
				app["ProbeExtra"] = "x"
				app["CreateTime"] = 20260102
			}
		case "DescribeSdkAppInfo":
			body.Response["Status"] = 1
		}
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestProbeNamesEachDrift(t *testing.T) {
	emu, _, _ := emulatorWithApp(t)
	clean, out := runProbe(t, driftingServer(t, emu).URL, Options{})
	t.Log("\n" + out)
	if clean {
		t.Fatalf("drifting answers reported clean:\n%s", out)
	}
	for _, want := range []string{
		"trtc.DescribeAppStatList: answered, 4 field(s) drifted\n",
		"  missing:      SdkAppInfos[].Name (string)\n",
		"  not modelled: SdkAppInfos[].ProbeExtra (string)\n",
		"  type differs: SdkAppInfos[].CreateTime: model string, received number\n                SdkAppInfos[].TagList[].TagValue: model string, received number\n",
		"trtc.DescribeSdkAppInfo: answered, 1 field(s) drifted\n",
		"  type differs: Status: model string, received number\n",
		"tag.DescribeResourceTagsByResourceIds: answered, every field as modelled\n",
		"verdict: DRIFT: 2 of 5 actions drifted (1 missing, 1 not modelled, 3 type differs), 0 not answered, 0 not run\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// An error answer is reported with its code; with nothing listed the
// per-application reads are not run, and the verdict is not clean.
func TestProbeReportsErrorCodesAndWhatDidNotRun(t *testing.T) {
	emu, _ := emutest.Start(t, emulator.Config{RateLimit: -1}, transport.Options{})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	clean, out := runProbe(t, srv.URL, Options{})
	if clean || !strings.Contains(out, "trtc.DescribeSdkAppInfo: NOT RUN: no application listed; pass --sdk-app-id or create one\n") ||
		!strings.Contains(out, "verdict: INCOMPLETE: 0 of 5 actions drifted (0 missing, 0 not modelled, 0 type differs), 0 not answered, 3 not run\n") {
		t.Errorf("empty account:\n%s", out)
	}
	clean, out = runProbe(t, srv.URL, Options{SdkAppID: 1400000999})
	if clean || !strings.Contains(out, "trtc.DescribeSdkAppInfo: NOT ANSWERED: ") || !strings.Contains(out, "SdkAppId") {
		t.Errorf("unknown --sdk-app-id:\n%s", out)
	}
}
