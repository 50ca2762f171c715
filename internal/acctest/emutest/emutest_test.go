package emutest

import (
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

func TestStartServesSignedCalls(t *testing.T) {
	emu, client := Start(t, emulator.Config{RateLimit: -1}, transport.Options{RateLimit: -1})
	out, err := client.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "emutest", Product: "RTCEngine"})
	if err != nil {
		t.Fatal(err)
	}
	if apps := emu.Apps(); len(apps) != 1 || apps[0].SdkAppId != out.SdkAppId {
		t.Errorf("emulator holds %+v, want the created %d", apps, out.SdkAppId)
	}
}
