package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestAccApplication_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	name, renamed := acctest.RandomName(), acctest.RandomName()
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(), // the application is enabled at the end
		Steps: []resource.TestStep{
			{
				Config: appConfig(env, name, "RTCEngine", `tags = { env = "dev" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
					statecheck.ExpectKnownValue(appAddr, attr("sdk_app_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(appAddr, attr("product"), knownvalue.StringExact("RTCEngine")),
					statecheck.ExpectKnownValue(appAddr, attr("data_region"), knownvalue.StringExact("ap-singapore")),
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("enabled")),
					statecheck.ExpectKnownValue(appAddr, attr("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(appAddr, attr("deletion_protection"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(appAddr, attr("sdk_secret_key"), knownvalue.StringRegexp(regexp.MustCompile(`.{16,}`))),
					statecheck.ExpectKnownValue(appAddr, attr("create_time"), acctest.UTCTime()),
					statecheck.ExpectKnownValue(appAddr, attr("disabled_reason"), knownvalue.Null()), // enabled
					statecheck.ExpectKnownValue(appAddr, attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
					sameID.AddStateValue(appAddr, attr("sdk_app_id")),
				},
				Check: env.InternalCheck("its record of tags and ClientToken, its call counts", func(s *terraform.State) error {
					id, err := appIDFromState(s)
					if err != nil {
						return err
					}
					app := env.Emulator.Apps()[0]
					if app.Tags["env"] != "dev" || app.SdkAppId != id {
						return fmt.Errorf("emulator has tag env=%q on %d", app.Tags["env"], app.SdkAppId)
					}
					if !uuidRe.MatchString(app.ClientToken) {
						return fmt.Errorf("CreateTrtcApp ClientToken %q is not a UUID", app.ClientToken)
					}
					// Create fills the state from the read that found the new
					// application readable; it does not read it a second time.
					if n := env.Calls("DescribeSdkAppInfo"); n != 1 {
						return fmt.Errorf("create read the application %d times, want 1", n)
					}
					return nil
				}),
			},
			{
				Config: appConfig(env, renamed, "RTCEngine", `
  description = "for_tests"
  tags        = { env = "prod", team = "媒体 【A】" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(appAddr, attr("sdk_secret_key"), knownvalue.NotNull()), // kept, not recomputed
					plancheck.ExpectKnownValue(appAddr, attr("disabled_reason"), knownvalue.Null()),   // kept: status unchanged
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("name"), knownvalue.StringExact(renamed)),
					statecheck.ExpectKnownValue(appAddr, attr("description"), knownvalue.StringExact("for_tests")),
					statecheck.ExpectKnownValue(appAddr, attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"env": knownvalue.StringExact("prod"), "team": knownvalue.StringExact("媒体 【A】"),
					})),
					sameID.AddStateValue(appAddr, attr("sdk_app_id")),
				},
			},
			{
				ResourceName:      appAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:    appAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

func TestAccApplication_replaceOnProductChange(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	differentID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            appConfig(env, name, "RTCEngine", ""),
				ConfigStateChecks: []statecheck.StateCheck{differentID.AddStateValue(appAddr, attr("sdk_app_id"))},
			},
			{
				Config: appConfig(env, name, "Call", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					differentID.AddStateValue(appAddr, attr("sdk_app_id")),
					statecheck.ExpectKnownValue(appAddr, attr("product"), knownvalue.StringExact("Call")),
				},
				Check: env.InternalCheck("its count of applications", func(*terraform.State) error {
					if n := len(env.Emulator.Apps()); n != 1 {
						return fmt.Errorf("want only the new application, emulator has %d", n)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccApplication_disableAndEnable(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{ // created disabled: create waits for the disable to take effect
				Config: appConfig(env, name, "Live", `
  data_region = "na-siliconvalley"
  status      = "disabled"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("disabled")),
					statecheck.ExpectKnownValue(appAddr, attr("disabled_reason"), knownvalue.StringExact("Manual")),
				},
				Check: emulatorStatus(env, api.AppStatusDisabled),
			},
			{
				Config: appConfig(env, name, "Live", `data_region = "na-siliconvalley"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(appAddr, attr("disabled_reason")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("enabled")),
					statecheck.ExpectKnownValue(appAddr, attr("disabled_reason"), knownvalue.Null()),
				},
				Check: emulatorStatus(env, api.AppStatusEnabled),
			},
			{
				Config: appConfig(env, name, "Live", `
  data_region = "na-siliconvalley"
  status      = "disabled"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("disabled")),
				},
				Check: emulatorStatus(env, api.AppStatusDisabled),
			},
		},
	})
}

// A destroy or a replacement of a protected application is refused at plan
// time: nothing is touched, not even its dependents (here a tag that
// Terraform would remove before reaching the application).
func TestAccApplication_deletionProtection(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	config := func(protected bool, region string) string {
		return env.Config(fmt.Sprintf(`
resource "trtc_application" "test" {
  name                = %q
  product             = "Conference"
  data_region         = %q
  deletion_protection = %t
  lifecycle {
    ignore_changes = [tags]
  }
}

resource "trtc_application_tag" "test" {
  sdk_app_id = trtc_application.test.sdk_app_id
  key        = "owner"
  value      = "ops"
}
`, name, region, protected))
	}
	untouched := func() {
		if env.IsExternal() {
			return // no call counts nor tags of the emulator
		}
		if n := env.Calls("DeleteTrtcApp") + env.Calls("ModifyAppStatus") + env.Calls("UnTagResources") + env.Calls("ModifyResourceTags"); n != 0 {
			t.Errorf("the refused plans still made %d delete, disable or untag calls", n)
		}
		if _, ok, err := emulatorTag(env, onlyAppID(t, env, name), "owner"); err != nil || !ok {
			t.Errorf("the dependent tag was removed (%v)", err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config(true, "ap-singapore"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("deletion_protection"), knownvalue.Bool(true)),
				},
			},
			{
				Config:      config(true, "ap-singapore"),
				Destroy:     true,
				ExpectError: acctest.Wrapped("deletion_protection is true, and this plan destroys it. Nothing was changed. To proceed, first set deletion_protection = false"),
			},
			{
				PreConfig:   untouched,
				Config:      config(true, "eu-frankfurt"),
				ExpectError: acctest.Wrapped(`this plan replaces it (data_region changes from "ap-singapore" to "eu-frankfurt")`),
			},
			{
				PreConfig: untouched,
				Config:    config(false, "ap-singapore"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

func TestAccApplication_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	config := appConfig(env, name, "RTCEngine", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { env.DeleteApp(t, env.AppID(t, name)) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccApplication_driftThroughAPI(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	config := appConfig(env, name, "Call", `
  description = "managed"
  tags        = { owner = "terraform" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					ctx := t.Context()
					id := env.AppID(t, name)
					client := env.Client()
					if _, err := client.ModifyAppInfo(ctx, &api.ModifyAppInfoRequest{SdkAppId: id, AppName: api.Ptr(acctest.RandomName()), Description: api.Ptr("")}); err != nil {
						t.Fatal(err)
					}
					if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
						t.Fatal(err)
					}
					env.SettleStatus(t, id, api.AppStatusDisabled)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(appAddr, attr("name"), knownvalue.StringExact(name)),
					plancheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("enabled")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(appAddr, attr("description"), knownvalue.StringExact("managed")),
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("enabled")),
				},
				Check: emulatorStatus(env, api.AppStatusEnabled),
			},
			{ // tags are authoritative: one added elsewhere is planned away
				PreConfig: func() {
					_, err := env.Client().TagResources(t.Context(), &api.TagResourcesRequest{
						ResourceList: []string{catalog.ResourceName(env.AccountID(t), env.AppID(t, name))},
						Tags:         []api.Tag{{TagKey: "added", TagValue: "by hand"}},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact("terraform")})),
				},
			},
		},
	})
}

// Every documented rule fails at plan time, before any API call.
func TestAccApplication_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	tooMany := make([]string, 51)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("k%d = \"v\"", i)
	}
	cases := []struct {
		name, product, extra string
		want                 string
	}{
		{"bad-name", "RTCEngine", "", `Attribute name must be 1-15 characters of letters, digits and underscores`},
		{"name_longer_than_15", "RTCEngine", "", `Attribute name must be 1-15 characters`},
		{acctest.RandomName(), "RTCEngine", `description = "has space"`, `Attribute description must be at most 300 characters`},
		{acctest.RandomName(), "Chat", "", `Attribute product value must be one of`},
		{acctest.RandomName(), "Live", `data_region = "eu-frankfurt"`, `Attribute data_region must be one of ap-singapore, na-siliconvalley for product Live, got: "eu-frankfurt"`},
		{acctest.RandomName(), "RTCEngine", `data_region = "mars-1"`, `Attribute data_region value must be one of`},
		{acctest.RandomName(), "RTCEngine", `status = "paused"`, `Attribute status value must be one of`},
		{acctest.RandomName(), "RTCEngine", `tags = { "qcs:env" = "x" }`, `tag key "qcs:env" must not start with the reserved prefix`},
		{acctest.RandomName(), "RTCEngine", `tags = { env = " lead" }`, `tags["env"] tag value " lead" must not start or end with a space`},
		{acctest.RandomName(), "RTCEngine", "tags = {\n" + strings.Join(tooMany, "\n") + "\n}", `tags map must contain at most 50 elements`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      appConfig(env, c.name, c.product, c.extra),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
	if n := env.TotalCalls(); n != 0 {
		t.Errorf("validation failures made %d API calls, want 0: %v", n, env.Emulator.Stats().Calls)
	}
}
