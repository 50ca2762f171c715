package provider_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

func checkEmulatorTag(env *acctest.Env, sdkAppID uint64, key, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, ok, err := emulatorTag(env, sdkAppID, key)
		switch {
		case err != nil:
			return err
		case !ok && want != "":
			return fmt.Errorf("application %d has no tag %q in the emulator", sdkAppID, key)
		case ok && want == "":
			return fmt.Errorf("application %d still has tag %q = %q in the emulator", sdkAppID, key, got)
		case got != want:
			return fmt.Errorf("application %d tag %q = %q in the emulator, want %q", sdkAppID, key, got, want)
		}
		return nil
	}
}

func TestAccApplicationTag_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	wantID := strconv.FormatUint(id, 10) + "|cost-center"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkEmulatorTag(env, id, "cost-center", ""),
		Steps: []resource.TestStep{
			{
				Config: tagConfig(env, id, "cost-center", "cc-1"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("id"), knownvalue.StringExact(wantID)),
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("value"), knownvalue.StringExact("cc-1")),
				},
				Check: checkEmulatorTag(env, id, "cost-center", "cc-1"),
			},
			{
				Config: tagConfig(env, id, "cost-center", "cc-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("value"), knownvalue.StringExact("cc-2")),
				},
				Check: resource.ComposeTestCheckFunc(
					checkEmulatorTag(env, id, "cost-center", "cc-2"),
					env.InternalCheck("its call counts", func(*terraform.State) error { // an in-place change never removes the key
						if n := env.Calls("UnTagResources"); n != 0 {
							return fmt.Errorf("UnTagResources called %d times during an in-place value change", n)
						}
						return nil
					}),
				),
			},
			{ResourceName: tagAddr, ImportState: true, ImportStateVerify: true},
			{ // one documented form: a comma is refused with the form to use
				ResourceName: tagAddr, ImportState: true,
				ImportStateId: strconv.FormatUint(id, 10) + ",cost-center",
				ExpectError:   acctest.Wrapped(fmt.Sprintf(`The ID "%d,cost-center" is not <sdk_app_id>|<key>, such as "1400000001|cost-center". Import it with the ID in quotes: id = "1400000001|cost-center" in an import block, or terraform import trtc_application_tag.example "1400000001|cost-center"`, id)),
			},
		},
	})
}

func TestAccApplicationTag_keyWithComma(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductCall)
	key := "team,owner (ops)"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkEmulatorTag(env, id, key, ""),
		Steps: []resource.TestStep{
			{
				Config: tagConfig(env, id, key, "a b"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tagAddr, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprintf("%d|%s", id, key))),
				},
				Check: checkEmulatorTag(env, id, key, "a b"),
			},
			{ResourceName: tagAddr, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccApplicationTag_removedOutsideTerraform(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: tagConfig(env, id, "owner", "alice"),
				Check:  checkEmulatorTag(env, id, "owner", "alice"),
			},
			{
				PreConfig: func() {
					out, err := env.Client().UnTagResources(context.Background(), &api.UnTagResourcesRequest{
						ResourceList: []string{catalog.ResourceName(emulator.DefaultUIN, id)}, TagKeys: []string{"owner"},
					})
					if err != nil || len(out.FailedResources) > 0 {
						t.Fatalf("removing the tag behind Terraform's back: %v %+v", err, out)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{
					PostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionCreate)},
				},
			},
			{ // the next apply sets it again
				Config: tagConfig(env, id, "owner", "alice"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionCreate)},
				},
				Check: checkEmulatorTag(env, id, "owner", "alice"),
			},
		},
	})
}

// Every tag rule is caught by `terraform validate`, naming the attribute and
// the rule, before any API call.
func TestAccApplicationTag_rulesAtValidate(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct{ key, value, want string }{
		{"", "v", `Attribute key tag key "" must be 1-127 characters long, got 0`},
		{strings.Repeat("k", 128), "v", `Attribute key tag key "` + strings.Repeat("k", 128) + `" must be 1-127 characters long, got 128`},
		{" lead", "v", `Attribute key tag key " lead" must not start or end with a space`},
		{"a#b", "v", `Attribute key tag key "a#b" may contain only`},
		{"a|b", "v", `Attribute key tag key "a|b" may contain only`},
		{"qcs:owner", "v", `Attribute key tag key "qcs:owner" must not start with the reserved prefix "qcs:"`},
		{"project-x", "v", `Attribute key tag key "project-x" must not start with the reserved prefix "project"`},
		{"项目a", "v", `Attribute key tag key "项目a" must not start with the reserved prefix "项目"`},
		{"k", "", `Attribute value tag value "" must be 1-255 characters long, got 0`},
		{"k", strings.Repeat("v", 256), `Attribute value tag value "` + strings.Repeat("v", 256) + `" must be 1-255 characters long, got 256`},
		{"k", "trailing ", `Attribute value tag value "trailing " must not start or end with a space`},
		{"k", "50%", `Attribute value tag value "50%" may contain only`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      tagConfig(env, 1400000001, c.key, c.value),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(c.want),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
	if n := env.TotalCalls(); n != 0 {
		t.Errorf("validation made %d API calls, want 0: %v", n, env.Emulator.Stats().Calls)
	}
}

func TestAccApplicationTag_applicationDeletedOutsideTerraform(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(50*time.Millisecond, 50*time.Millisecond))
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: tagConfig(env, id, "owner", "alice")},
			{
				PreConfig:          func() { env.DeleteApp(t, id) },
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[tagAddr]; ok {
						return fmt.Errorf("%s still in state after its application was deleted", tagAddr)
					}
					return nil
				},
				RefreshPlanChecks: resource.RefreshPlanChecks{
					PostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tagAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}
