package provider_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// dataSourceAppAttributes are the attributes trtc_application and the
// data source share: all of the resource's but deletion_protection and
// timeouts (a unit test holds the data source's schema to that).
var dataSourceAppAttributes = []string{
	"id", "sdk_app_id", "name", "description", "product", "data_region", "status", "status_in_effect",
	"tags", "tags_all", "sdk_secret_key", "create_time", "disabled_reason",
}

// sameAsResource checks that every shared attribute of data source ds
// equals the resource's.
func sameAsResource(ds string) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, a := range dataSourceAppAttributes {
		checks = append(checks, statecheck.CompareValuePairs(appAddr, attr(a), ds, attr(a), compare.ValuesSame()))
	}
	return checks
}

// The data source reads an application by sdk_app_id and by name with
// every attribute the resource holds, sdk_secret_key included, tags split
// as the resource splits them under default_tags, and disabled_reason null
// while enabled.
func TestAccApplicationDataSource_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	app := fmt.Sprintf(`
resource "trtc_application" "test" {
  name        = %q
  product     = "Live"
  data_region = "na-siliconvalley"
  description = "read_elsewhere"
  tags        = { env = "dev" }
}

data "trtc_application" "by_id" {
  sdk_app_id = trtc_application.test.sdk_app_id
}
`, name)
	byName := fmt.Sprintf(`
data "trtc_application" "by_name" {
  name = %q
}
`, name)
	defaults := map[string]string{"managed_by": "terraform"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: defaultTagsConfig(env, defaults, app),
				ConfigStateChecks: append(sameAsResource("data.trtc_application.by_id"),
					statecheck.ExpectKnownValue("data.trtc_application.by_id", attr("sdk_secret_key"), knownvalue.StringRegexp(regexp.MustCompile(`.{16,}`))),
					statecheck.ExpectKnownValue("data.trtc_application.by_id", attr("tags"), acctest.StringMap(map[string]string{"env": "dev"})),
					statecheck.ExpectKnownValue("data.trtc_application.by_id", attr("tags_all"), acctest.StringMap(map[string]string{"env": "dev", "managed_by": "terraform"})),
					statecheck.ExpectKnownValue("data.trtc_application.by_id", attr("disabled_reason"), knownvalue.Null()),
				),
			},
			{
				Config: defaultTagsConfig(env, defaults, app+byName),
				ConfigStateChecks: append(sameAsResource("data.trtc_application.by_name"),
					statecheck.ExpectKnownValue("data.trtc_application.by_name", attr("product"), knownvalue.StringExact("Live"))),
			},
		},
	})
}

// An application disabled by the platform reads with its reason; a name
// that several applications have is an error that lists them, one that
// none has an error too.
func TestAccApplicationDataSource_disabledAndNames(t *testing.T) {
	env := acctest.NewEnv(t)
	prefix := acctest.RandomPrefix(4)
	twins := append(seedApps(t, env, prefix, 1, catalog.ProductCall, nil), seedApps(t, env, prefix, 1, catalog.ProductCall, nil)...) // both <prefix>_000
	disableOne(t, env, twins[0])
	ds := "data.trtc_application.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
data "trtc_application" "test" {
  sdk_app_id = %d
}
`, twins[0])),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, attr("status"), knownvalue.StringExact("disabled")),
					statecheck.ExpectKnownValue(ds, attr("status_in_effect"), knownvalue.StringExact("disabled")),
					statecheck.ExpectKnownValue(ds, attr("disabled_reason"), knownvalue.StringExact(disabledOneReason(env))),
					statecheck.ExpectKnownValue(ds, attr("name"), knownvalue.StringExact(prefix+"_000")),
					statecheck.ExpectKnownValue(ds, attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				},
			},
			{
				Config: env.Config(fmt.Sprintf(`
data "trtc_application" "test" {
  name = %q
}
`, prefix+"_000")),
				ExpectError: acctest.Wrapped("Could not choose the TRTC application named", "2 applications of this account have", fmt.Sprintf("SdkAppIds %d, %d", twins[0], twins[1])),
			},
			{
				Config: env.Config(fmt.Sprintf(`
data "trtc_application" "test" {
  name = %q
}
`, prefix+"_none")),
				ExpectError: acctest.Wrapped("Could not find the TRTC application named"),
			},
			{
				Config: env.Config(`
data "trtc_application" "test" {
  sdk_app_id = 1400999999
}
`),
				ExpectError: acctest.Wrapped("Could not read TRTC application 1400999999", "Check sdk_app_id"),
			},
		},
	})
}

// Exactly one of sdk_app_id and name, at validate.
func TestAccApplicationDataSource_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	var steps []resource.TestStep
	for _, c := range []struct{ body, want string }{
		{`sdk_app_id = 1400000001
  name       = "tfacc_both"`, `(?s)Invalid Attribute Combination.*\[sdk_app_id,name\]`},
		{``, `(?s)Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[sdk_app_id,name\]`},
		{`name = ""`, `(?s)Attribute name string length must be at least 1`},
	} {
		steps = append(steps, resource.TestStep{
			Config:      env.Config(fmt.Sprintf("data \"trtc_application\" \"test\" {\n  %s\n}\n", c.body)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
}

// disabledOneReason is the disabled_reason disableOne leaves: Overdue in
// process (the platform's), Manual in external mode (the owner's).
func disabledOneReason(env *acctest.Env) string {
	if env.IsExternal() {
		return "Manual"
	}
	return "Overdue"
}

// An application whose deletion is under way is not found, as it is gone
// for the resource's refresh.
func TestAccApplicationDataSource_beingDeleted(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(time.Hour, time.Hour), frozenEmulator())
	acctest.NeedsEmulator(t, "a deletion that stays pending")
	id := createAndDisable(t, env)
	env.Emulator.Advance(2 * time.Hour)
	if _, err := env.Client().DeleteTrtcApp(t.Context(), &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      env.Config(fmt.Sprintf("data \"trtc_application\" \"test\" {\n  sdk_app_id = %d\n}\n", id)),
			ExpectError: acctest.Wrapped(fmt.Sprintf("Could not read TRTC application %d", id), "deletion is propagating", "Check sdk_app_id"),
		}},
	})
}
