package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
)

// The same instant reads the same in every resource and data source:
// RFC 3339 in UTC, whichever attribute holds it.
func TestAccTimes_sameSpellingEverywhere(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := env.Config(`
resource "trtc_application" "test" {
  name    = "` + acctest.RandomName() + `"
  product = "RTCEngine"
}
resource "trtc_subscription" "test" {
  sdk_app_id = trtc_application.test.sdk_app_id
  edition    = "Trial"
}
data "trtc_application_status" "test" {
  sdk_app_id = trtc_subscription.test.sdk_app_id
}
data "trtc_applications" "test" {
  sdk_app_ids = [trtc_subscription.test.sdk_app_id]
}
`)
	utc := acctest.UTCTime()
	const app, sub = appAddr, subAddr
	const status, list = "data.trtc_application_status.test", "data.trtc_applications.test"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(app, tfjsonpath.New("create_time"), utc),
				statecheck.ExpectKnownValue(sub, tfjsonpath.New("expire_time"), utc),
				statecheck.ExpectKnownValue(status, tfjsonpath.New("expire_time"), utc),
				statecheck.CompareValuePairs(sub, tfjsonpath.New("expire_time"), status, tfjsonpath.New("expire_time"), compare.ValuesSame()),
				statecheck.CompareValuePairs(app, tfjsonpath.New("create_time"),
					list, tfjsonpath.New("applications").AtSliceIndex(0).AtMapKey("create_time"), compare.ValuesSame()),
				statecheck.ExpectKnownValue(status, tfjsonpath.New("status"), knownvalue.StringExact("enabled")),
			},
		}},
	})
}
