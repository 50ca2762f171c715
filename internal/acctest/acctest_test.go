package acctest

import (
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

func TestEnv(t *testing.T) {
	env := NewEnv(t, WithPropagation(2*time.Second, 3*time.Second))
	if !strings.HasPrefix(env.URL, "http://127.0.0.1:") || !strings.Contains(env.ProviderConfig(), `endpoint   = "`+env.URL+`"`) {
		t.Fatalf("provider config %q does not point at %s", env.ProviderConfig(), env.URL)
	}
	if env.TotalCalls() != 0 {
		t.Fatalf("fresh env has %d calls", env.TotalCalls())
	}
	out, err := env.Client().CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "env_test", Product: "Call"})
	if err != nil {
		t.Fatal(err)
	}
	if apps := env.Emulator.Apps(); len(apps) != 1 || apps[0].SdkAppId != out.SdkAppId {
		t.Fatalf("emulator apps = %+v", apps)
	}
	if env.Calls("CreateTrtcApp") != 1 || env.Calls("trtc.CreateTrtcApp") != 1 || env.Calls("tag.CreateTrtcApp") != 0 || env.TotalCalls() != 1 {
		t.Errorf("calls = %v", env.Emulator.Stats().Calls)
	}
	if _, ok := env.Factories()["trtc"]; !ok {
		t.Error("no trtc provider factory")
	}
}
