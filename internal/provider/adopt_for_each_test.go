package provider_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// The guide's recipe (examples/guides/adopt-for-each, as written): 100
// applications made outside Terraform are adopted in one apply, with no
// write call, and the plan after it is empty. Terraform >= 1.7 (for_each
// in import blocks); it runs on the 1.11 of PATH. The applications' names
// start with a random prefix, which replaces the recipe's legacy_.
func TestAccApplication_adoptForEach(t *testing.T) {
	env := acctest.NewEnv(t)
	prefix := acctest.RandomPrefix(5) // and a, b then _000...
	config := adoptRecipe(t, prefix)
	legacy := seedApps(t, env, prefix+"a", 97, catalog.ProductRTCEngine, nil)
	legacy = append(legacy, seedApps(t, env, prefix+"b", 3, catalog.ProductLive, map[string]string{"team": "blue"})...)
	seedApps(t, env, acctest.RandomPrefix(4), 2, catalog.ProductCall, nil) // not matched: not adopted
	disableOne(t, env, legacy[0])
	var writes acctest.CallMark
	if !env.IsExternal() {
		writes = env.MarkCalls()
	}
	instance := func(id uint64) string { return fmt.Sprintf("trtc_application.legacy[%q]", fmt.Sprint(id)) }
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.SkipWithout(acctest.ImportForEach),
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.Config(config),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(instance(legacy[0]), plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction(instance(legacy[99]), plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					adoptedCount{prefix: "trtc_application.legacy[", want: 100},
					statecheck.ExpectKnownValue(instance(legacy[0]), attr("status"), knownvalue.StringExact("disabled")),
					statecheck.ExpectKnownValue(instance(legacy[99]), attr("product"), knownvalue.StringExact(catalog.ProductLive)),
					statecheck.ExpectKnownValue(instance(legacy[99]), attr("tags"),
						knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("blue")})),
				},
				PostApplyFunc: func() { // not Check: the state shim cannot read for_each
					if err := env.InternalCheck("its call counts (Stats)", writes.CheckNoWrites())(nil); err != nil {
						t.Error(err)
					}
				},
			},
			forgetAdopted(env, func() { stillThere(t, env, legacy) }),
		},
	})
}

// adoptRecipe is the guide's recipe (examples/guides/adopt-for-each) as
// written, with prefix in place of its legacy_ name filter.
func adoptRecipe(t *testing.T, prefix string) string {
	t.Helper()
	recipe, err := os.ReadFile("../../examples/guides/adopt-for-each/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	const recipeRegex = `name_regex   = "^legacy_"`
	if strings.Count(string(recipe), recipeRegex) != 1 {
		t.Fatalf("the recipe no longer holds %s", recipeRegex)
	}
	return strings.Replace(string(recipe), recipeRegex, `name_regex   = "^`+prefix+`"`, 1)
}

// forgetAdopted is a last step that removes the adopted applications from
// the state without destroying them: terraform-plugin-testing cannot read
// for_each instances back (its legacy state shim). then runs after it.
func forgetAdopted(env *acctest.Env, then ...func()) resource.TestStep {
	return resource.TestStep{
		Config: env.Config(`
removed {
  from = trtc_application.legacy
  lifecycle {
    destroy = false
  }
}
`),
		PostApplyFunc: func() {
			for _, f := range then {
				f()
			}
		},
	}
}

// The same recipe, as written, under a provider with default_tags: the
// apply that imports also adds the default tag where it is missing (an
// in-place update of tags_all), and the plan after it is empty. The
// applications carry no tag, their own tag, the default tag already, and
// the default's key with their own value (which wins).
func TestAccApplication_adoptForEachDefaultTags(t *testing.T) {
	env := acctest.NewEnv(t)
	prefix := acctest.RandomPrefix(5)
	config := adoptRecipe(t, prefix)
	none := seedApps(t, env, prefix+"a", 1, catalog.ProductRTCEngine, nil)[0]
	own := seedApps(t, env, prefix+"b", 1, catalog.ProductRTCEngine, map[string]string{"team": "blue"})[0]
	already := seedApps(t, env, prefix+"c", 1, catalog.ProductRTCEngine, map[string]string{"managed_by": "terraform"})[0]
	overridden := seedApps(t, env, prefix+"d", 1, catalog.ProductRTCEngine, map[string]string{"managed_by": "console"})[0]
	instance := func(id uint64) string { return fmt.Sprintf("trtc_application.legacy[%q]", fmt.Sprint(id)) }
	defaults := map[string]string{"managed_by": "terraform"}
	tagChecks := func(id uint64, tags, tagsAll map[string]string) []statecheck.StateCheck {
		var tagsCheck knownvalue.Check = knownvalue.Null()
		if tags != nil {
			tagsCheck = acctest.StringMap(tags)
		}
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(instance(id), attr("tags"), tagsCheck),
			statecheck.ExpectKnownValue(instance(id), attr("tags_all"), acctest.StringMap(tagsAll)),
		}
	}
	var checks []statecheck.StateCheck
	checks = append(checks, tagChecks(none, nil, defaults)...)
	checks = append(checks, tagChecks(own, map[string]string{"team": "blue"}, map[string]string{"team": "blue", "managed_by": "terraform"})...)
	checks = append(checks, tagChecks(already, nil, defaults)...)
	checks = append(checks, tagChecks(overridden, map[string]string{"managed_by": "console"}, map[string]string{"managed_by": "console"})...)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.SkipWithout(acctest.ImportForEach),
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: defaultTagsConfig(env, defaults, config),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(instance(none), plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(instance(own), plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(instance(already), plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction(instance(overridden), plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(checks, adoptedCount{prefix: "trtc_application.legacy[", want: 4}),
			},
			{
				Config:            defaultTagsConfig(env, defaults, config),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: checks,
			},
			forgetAdopted(env),
		},
	})
}

// stillThere checks that the applications the state forgot are kept: in
// process the emulator holds the 102 created, in external mode every
// adopted one still reads.
func stillThere(t *testing.T, env *acctest.Env, adopted []uint64) {
	t.Helper()
	if !env.IsExternal() {
		if n := len(env.Emulator.Apps()); n != 102 {
			t.Errorf("%d applications left in the emulator, want the 102 created", n)
		}
		return
	}
	for _, id := range adopted {
		if _, ok, err := env.App(id); err != nil || !ok {
			t.Errorf("application %d, forgotten by the state, no longer reads (%v)", id, err)
		}
	}
}

// adoptedCount checks how many resource instances whose address starts
// with prefix the state holds.
type adoptedCount struct {
	prefix string
	want   int
}

func (c adoptedCount) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	n := 0
	if req.State != nil && req.State.Values != nil && req.State.Values.RootModule != nil {
		for _, r := range req.State.Values.RootModule.Resources {
			if strings.HasPrefix(r.Address, c.prefix) {
				n++
			}
		}
	}
	if n != c.want {
		resp.Error = fmt.Errorf("%d instances %s...] in the state, want %d", n, c.prefix, c.want)
	}
}
