package provider_test

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
)

// defaultTagsConfig is the provider block of env with a default_tags
// block (none when defaults is nil), followed by body.
func defaultTagsConfig(env *acctest.Env, defaults map[string]string, body string) string {
	block := ""
	if defaults != nil {
		block = "\n  default_tags {\n    tags = {\n"
		for _, k := range slices.Sorted(maps.Keys(defaults)) {
			block += fmt.Sprintf("      %q = %q\n", k, defaults[k])
		}
		block += "    }\n  }\n"
	}
	return env.ConfigWithProvider(block, body)
}

// defaultTagsApp is trtc_application.test named name with the given tags attribute line.
func defaultTagsApp(name, tags string) string {
	return fmt.Sprintf(`
resource "trtc_application" "test" {
  name    = %q
  product = "RTCEngine"
  %s
}
`, name, tags)
}

func stringMap(m map[string]string) knownvalue.Check {
	checks := map[string]knownvalue.Check{}
	for k, v := range m {
		checks[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(checks)
}

// emulatorTags checks every tag the application carries in the emulator.
func emulatorTags(env *acctest.Env, want map[string]string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		a, err := emulatorAppInState(env, s)
		if err != nil {
			return err
		}
		if !maps.Equal(a.Tags, want) {
			return fmt.Errorf("application %d carries tags %v, want %v", a.SdkAppId, a.Tags, want)
		}
		return nil
	}
}

// onlyAttributesChange checks that the planned update of addr changes exactly
// the given attributes (compared before/after, unknown values counted as changes).
type onlyAttributesChange struct {
	addr  string
	attrs []string
}

func (c onlyAttributesChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for k := range before {
			if u, _ := unknown[k].(bool); u || !reflect.DeepEqual(before[k], after[k]) {
				changed = append(changed, k)
			}
		}
		slices.Sort(changed)
		if want := slices.Sorted(slices.Values(c.attrs)); !slices.Equal(changed, want) {
			resp.Error = fmt.Errorf("%s: planned changes of %v, want only %v", c.addr, changed, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", c.addr)
}

// updatesOnly: the step's plan updates the application in place, changing only attrs.
func updatesOnly(attrs ...string) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
		onlyAttributesChange{addr: appAddr, attrs: attrs},
	}}
}

func tagStateChecks(tags, tagsAll map[string]string) []statecheck.StateCheck {
	var tagsCheck knownvalue.Check = knownvalue.Null()
	if tags != nil {
		tagsCheck = stringMap(tags)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(appAddr, attr("tags"), tagsCheck),
		statecheck.ExpectKnownValue(appAddr, attr("tags_all"), stringMap(tagsAll)),
	}
}

// emptyPlan is a step that plans the config again and expects no change.
func emptyPlan(config string) resource.TestStep {
	return resource.TestStep{
		Config:           config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	}
}

// TestAccApplicationDefaultTags_addChangeRemove: adding, changing and removing
// default tags updates tags_all (and the application) and nothing else.
func TestAccApplicationDefaultTags_addChangeRemove(t *testing.T) {
	env := acctest.NewEnv(t)
	app := defaultTagsApp(acctest.RandomName(), `tags = { env = "dev" }`)
	own := map[string]string{"env": "dev"}
	withDefaults := defaultTagsConfig(env, map[string]string{"team": "rtc", "cost-center": "cc-1"}, app)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkAppsGone(env),
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
		CheckDestroy:             checkAppsGone(env),
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
		CheckDestroy:             checkAppsGone(env),
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
					onlyAttributesChange{addr: appAddr, attrs: []string{"tags_all"}},
				}},
				ConfigStateChecks: append(tagState,
					statecheck.ExpectKnownValue(appAddr, attr("tags_all"), stringMap(map[string]string{"env": "dev", "team": "media", "owner": "alice"}))),
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
