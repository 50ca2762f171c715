package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
)

// TestAccApplicationDefaultTags_addChangeRemove: adding, changing and removing
// default tags updates tags_all (and the application) and nothing else.
func TestAccApplicationDefaultTags_addChangeRemove(t *testing.T) {
	env := acctest.NewEnv(t)
	app := defaultTagsApp(acctest.RandomName(), `tags = { env = "dev" }`)
	own := map[string]string{"env": "dev"}
	withDefaults := defaultTagsConfig(env, map[string]string{"team": "rtc", "cost-center": "cc-1"}, app)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            defaultTagsConfig(env, nil, app),
				ConfigStateChecks: tagStateChecks(own, own),
				Check:             emulatorTags(env, own),
			},
			{ // adding
				Config:            withDefaults,
				ConfigPlanChecks:  updatesOnly("tags_all"),
				ConfigStateChecks: tagStateChecks(own, map[string]string{"env": "dev", "team": "rtc", "cost-center": "cc-1"}),
				Check:             emulatorTags(env, map[string]string{"env": "dev", "team": "rtc", "cost-center": "cc-1"}),
			},
			emptyPlan(withDefaults),
			{ // an import splits the tags the same way
				Config:            withDefaults,
				ResourceName:      appAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{ // changing one value
				Config:            defaultTagsConfig(env, map[string]string{"team": "media", "cost-center": "cc-1"}, app),
				ConfigPlanChecks:  updatesOnly("tags_all"),
				ConfigStateChecks: tagStateChecks(own, map[string]string{"env": "dev", "team": "media", "cost-center": "cc-1"}),
				Check:             emulatorTags(env, map[string]string{"env": "dev", "team": "media", "cost-center": "cc-1"}),
			},
			{ // removing one, then the whole block
				Config:            defaultTagsConfig(env, map[string]string{"team": "media"}, app),
				ConfigPlanChecks:  updatesOnly("tags_all"),
				ConfigStateChecks: tagStateChecks(own, map[string]string{"env": "dev", "team": "media"}),
				Check:             emulatorTags(env, map[string]string{"env": "dev", "team": "media"}),
			},
			{
				Config:            defaultTagsConfig(env, nil, app),
				ConfigPlanChecks:  updatesOnly("tags_all"),
				ConfigStateChecks: tagStateChecks(own, own),
				Check:             emulatorTags(env, own),
			},
			emptyPlan(defaultTagsConfig(env, nil, app)),
		},
	})
}

// TestAccApplicationDefaultTags_conflict: the resource's value wins over a
// default with the same key, with no perpetual diff, including when both
// give the same value and when the resource then drops the key.
func TestAccApplicationDefaultTags_conflict(t *testing.T) {
	env := acctest.NewEnv(t)
	defaults := map[string]string{"env": "prod", "team": "rtc"}
	name := acctest.RandomName()
	config := func(tags string) string { return defaultTagsConfig(env, defaults, defaultTagsApp(name, tags)) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{ // created with both: the resource's value is on the application
				Config:            config(`tags = { env = "dev" }`),
				ConfigStateChecks: tagStateChecks(map[string]string{"env": "dev"}, map[string]string{"env": "dev", "team": "rtc"}),
				Check:             emulatorTags(env, map[string]string{"env": "dev", "team": "rtc"}),
			},
			emptyPlan(config(`tags = { env = "dev" }`)),
			{ // the same value both ways stays in tags
				Config:            config(`tags = { env = "prod" }`),
				ConfigPlanChecks:  updatesOnly("tags", "tags_all"),
				ConfigStateChecks: tagStateChecks(map[string]string{"env": "prod"}, map[string]string{"env": "prod", "team": "rtc"}),
				Check:             emulatorTags(env, map[string]string{"env": "prod", "team": "rtc"}),
			},
			emptyPlan(config(`tags = { env = "prod" }`)),
			{ // dropping it from tags leaves the default in place: tags changes, tags_all does not
				Config:            config(``),
				ConfigPlanChecks:  updatesOnly("tags"),
				ConfigStateChecks: tagStateChecks(nil, map[string]string{"env": "prod", "team": "rtc"}),
				Check:             emulatorTags(env, map[string]string{"env": "prod", "team": "rtc"}),
			},
			emptyPlan(config(``)),
		},
	})
}

// TestAccApplicationDefaultTags_applicationTagUnaffected: trtc_application_tag
// gets no default tags, and keeps its key while the defaults change.
func TestAccApplicationDefaultTags_applicationTagUnaffected(t *testing.T) {
	env := acctest.NewEnv(t)
	body := `
resource "trtc_application" "test" {
  name    = "` + acctest.RandomName() + `"
  product = "RTCEngine"
  tags    = { env = "dev" }
  lifecycle {
    ignore_changes = [tags] # trtc_application_tag adds a key
  }
}

resource "trtc_application_tag" "test" {
  sdk_app_id = trtc_application.test.sdk_app_id
  key        = "owner"
  value      = "alice"
}
`
	tagState := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(tagAddr, attr("key"), knownvalue.StringExact("owner")),
		statecheck.ExpectKnownValue(tagAddr, attr("value"), knownvalue.StringExact("alice")),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            defaultTagsConfig(env, map[string]string{"team": "rtc"}, body),
				ConfigStateChecks: tagState,
				Check:             emulatorTags(env, map[string]string{"env": "dev", "team": "rtc", "owner": "alice"}),
			},
			{
				Config: defaultTagsConfig(env, map[string]string{"team": "media"}, body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionNoop),
					acctest.ExpectOnlyAttributesChange(appAddr, "tags_all"),
				}},
				ConfigStateChecks: append(tagState,
					statecheck.ExpectKnownValue(appAddr, attr("tags_all"), acctest.StringMap(map[string]string{"env": "dev", "team": "media", "owner": "alice"}))),
				Check: emulatorTags(env, map[string]string{"env": "dev", "team": "media", "owner": "alice"}),
			},
			emptyPlan(defaultTagsConfig(env, map[string]string{"team": "media"}, body)),
		},
	})
}

// TestAccApplicationDefaultTags_tooManyKeys: the 50-tag limit applies to the
// merge (a shared key counts once): a warning at plan time, refused at apply before any write.
func TestAccApplicationDefaultTags_tooManyKeys(t *testing.T) {
	env := acctest.NewEnv(t)
	defaults := map[string]string{}
	for i := range 30 {
		defaults[fmt.Sprintf("d%02d", i)] = "v"
	}
	ownTags := func(first, n int) string {
		s := "tags = {"
		for i := first; i < first+n; i++ {
			s += fmt.Sprintf(" t%02d = \"v\",", i)
		}
		return s + ` d00 = "own" }`
	}
	name := acctest.RandomName()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{ // 30 defaults + 20 own + d00 shared = 50 keys
				Config:             defaultTagsConfig(env, defaults, defaultTagsApp(name, ownTags(0, 20))),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(appAddr, attr("tags_all").AtMapKey("d00"), knownvalue.StringExact("own")),
				}},
			},
			{
				// The plan only warns (an error would block terraform destroy
				// too); the apply refuses before any write.
				Config:      defaultTagsConfig(env, defaults, defaultTagsApp(name, ownTags(0, 21))),
				ExpectError: acctest.Wrapped("Attribute tags together with the provider's default_tags gives 51 distinct tag keys; at most 50 are allowed per application. Nothing was changed."),
			},
		},
	})
	// Only reads: the credentials check, and the account listing by which a
	// create's plan looks for another application of the same name.
	for action := range env.Emulator.Stats().Calls {
		if action != "sts.GetCallerIdentity" && action != "trtc.DescribeAppStatList" {
			t.Errorf("planning and the refused apply called %s: %v", action, env.Emulator.Stats().Calls)
		}
	}
}
