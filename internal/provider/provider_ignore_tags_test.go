package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// ignoreTagsSettings ignores cost-center and every billing: key, beside a default tag.
const ignoreTagsSettings = `
  ignore_tags {
    keys         = ["cost-center"]
    key_prefixes = ["billing:"]
  }
  default_tags {
    tags = { managed_by = "terraform" }
  }
`

// Tags that another system adds (a console user, a cost tool) and that
// ignore_tags names are neither removed nor shown: not in tags or tags_all,
// not in the data source, not planned away; a tag added by hand that is not
// ignored still is. trtc_application_tag, which ignore_tags does not affect,
// owns an ignored key beside the application's own tags without a fight. A
// key both configured and ignored is never written and plans no change.
func TestAccApplication_ignoreTags(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	listed := `
data "trtc_applications" "test" {
  sdk_app_ids = [trtc_application.test.sdk_app_id]
}
`
	config := func(tags, more string) string {
		return env.ConfigWithProvider(ignoreTagsSettings, defaultTagsApp(name, tags)+listed+more)
	}
	byHand := func(tags ...api.Tag) func() {
		return func() {
			_, err := env.Client().TagResources(t.Context(), &api.TagResourcesRequest{
				ResourceList: []string{catalog.ResourceName(env.AccountID(t), env.AppID(t, name))}, Tags: tags,
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	entry := func(tags, tagsAll map[string]string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("data.trtc_applications.test", tfjsonpath.New("applications"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"tags": acctest.StringMap(tags), "tags_all": acctest.StringMap(tagsAll)}),
		}))
	}
	dev := map[string]string{"env": "dev"}
	devAll := map[string]string{"env": "dev", "managed_by": "terraform"}
	tagResource := `
resource "trtc_application_tag" "billing" {
  sdk_app_id = trtc_application.test.sdk_app_id
  key        = "billing:owner"
  value      = "terraform"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            config(`tags = { env = "dev" }`, ""),
				ConfigStateChecks: tagStateChecks(dev, devAll),
				Check:             emulatorTags(env, devAll),
			},
			{ // the ignored tags stay; the one not ignored is planned away
				PreConfig: byHand(api.Tag{TagKey: "cost-center", TagValue: "42"}, api.Tag{TagKey: "billing:owner", TagValue: "finance"},
					api.Tag{TagKey: "rogue", TagValue: "x"}),
				Config:            config(`tags = { env = "dev" }`, ""),
				ConfigPlanChecks:  updatesOnly("tags", "tags_all"),
				ConfigStateChecks: append(tagStateChecks(dev, devAll), entry(dev, devAll)),
				Check:             emulatorTags(env, map[string]string{"env": "dev", "managed_by": "terraform", "cost-center": "42", "billing:owner": "finance"}),
			},
			{ // a change of the application's own tags leaves the ignored ones
				Config:            config(`tags = { env = "prod" }`, ""),
				ConfigPlanChecks:  updatesOnly("tags", "tags_all"),
				ConfigStateChecks: tagStateChecks(map[string]string{"env": "prod"}, map[string]string{"env": "prod", "managed_by": "terraform"}),
				Check:             emulatorTags(env, map[string]string{"env": "prod", "managed_by": "terraform", "cost-center": "42", "billing:owner": "finance"}),
			},
			{ // trtc_application_tag owns an ignored key: no fight in the next plans
				Config: config(`tags = { env = "prod" }`, tagResource),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("trtc_application_tag.billing", tfjsonpath.New("value"), knownvalue.StringExact("terraform")),
				},
				Check: emulatorTags(env, map[string]string{"env": "prod", "managed_by": "terraform", "cost-center": "42", "billing:owner": "terraform"}),
			},
			emptyPlan(config(`tags = { env = "prod" }`, tagResource)),
			{ // configured and ignored: never written, no perpetual diff
				Config:            config(`tags = { env = "prod", "cost-center" = "99" }`, tagResource),
				ConfigStateChecks: tagStateChecks(map[string]string{"env": "prod", "cost-center": "99"}, map[string]string{"env": "prod", "managed_by": "terraform"}),
				Check:             emulatorTags(env, map[string]string{"env": "prod", "managed_by": "terraform", "cost-center": "42", "billing:owner": "terraform"}),
			},
			emptyPlan(config(`tags = { env = "prod", "cost-center" = "99" }`, tagResource)),
		},
	})
}

// ignore_tags is checked at validate: keys by the tag key rule, prefixes
// by length, and a default tag it would ignore is refused.
func TestAccProvider_ignoreTagsValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	body := defaultTagsApp(acctest.RandomName(), "")
	cases := []struct {
		settings string
		want     string
	}{
		{`ignore_tags { keys = ["qcs:owner"] }`, `Invalid tag key`},
		{`ignore_tags { key_prefixes = [""] }`, `ignore_tags.key_prefixes.*length\s+must\s+be\s+between\s+1\s+and\s+127`},
		{"ignore_tags { key_prefixes = [\"cost\"] }\n  default_tags { tags = { costly = \"yes\" } }",
			`Attribute\s+default_tags.tags\s+key\s+"costly"\s+is\s+ignored\s+by\s+ignore_tags`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      env.ConfigWithProvider(fmt.Sprintf("  %s\n", c.settings), body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
}
