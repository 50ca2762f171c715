package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// A trtc_application_tag that would be an application's 51st tag cannot be
// caught at validate (the other tags are not in the configuration): the Tag
// service refuses it with LimitExceeded.ResourceAttachedTags, and the error
// names the limit.
func TestApplicationTagOverTheLimitNamesIt(t *testing.T) {
	_, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1}, transport.Options{RateLimit: -1})
	var tags []api.Tag
	for i := range 50 {
		tags = append(tags, api.Tag{TagKey: fmt.Sprintf("k%02d", i), TagValue: "v"})
	}
	out, err := client.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "full", Product: "Call", Tags: tags})
	if err != nil {
		t.Fatal(err)
	}
	r := &applicationTagResource{providerClient{pd: &ProviderData{API: client, Clock: clock.Real{}}}}
	var diags diag.Diagnostics
	m := &applicationTagModel{SdkAppID: types.Int64Value(int64(out.SdkAppId)), Key: types.StringValue("k50"), Value: types.StringValue("v")}
	if r.setTag(t.Context(), m, &diags) || !diags.HasError() {
		t.Fatalf("the 51st tag was accepted: %v", diags)
	}
	if d := diags.Errors()[0].Detail(); !strings.Contains(d, "An application holds at most 50 tags") || !strings.Contains(d, api.CodeTagLimitPerResource) {
		t.Errorf("detail %q should name the limit and the code", d)
	}
}
