package provider_test

import (
	"context"
	"fmt"
	"regexp"
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

const tagAddr = "trtc_application_tag.test"

func tagConfig(env *acctest.Env, sdkAppID uint64, key, value string) string {
	return env.Config(fmt.Sprintf(`
resource "trtc_application_tag" "test" {
  sdk_app_id = %d
  key        = %q
  value      = %q
}
`, sdkAppID, key, value))
}

// emulatorTag reads a tag straight from the emulator's state (in external
// mode, from the Tag API).
func emulatorTag(env *acctest.Env, sdkAppID uint64, key string) (string, bool, error) {
	a, _, err := env.App(sdkAppID)
	v, ok := a.Tags[key]
	return v, ok, err
}

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
		{strings.Repeat("k", 128), "v", `Attribute key tag key "k+" must be 1-127 characters long, got 128`},
		{" lead", "v", `Attribute key tag key " lead" must not start or end with a space`},
		{"a#b", "v", `Attribute key tag key "a#b" may contain only`},
		{"a|b", "v", `Attribute key tag key "a\|b" may contain only`},
		{"qcs:owner", "v", `Attribute key tag key "qcs:owner" must not start with the reserved prefix "qcs:"`},
		{"project-x", "v", `Attribute key tag key "project-x" must not start with the reserved prefix "project"`},
		{"项目a", "v", `Attribute key tag key "项目a" must not start with the reserved prefix "项目"`},
		{"k", "", `Attribute value tag value "" must be 1-255 characters long, got 0`},
		{"k", strings.Repeat("v", 256), `Attribute value tag value "v+" must be 1-255 characters long, got 256`},
		{"k", "trailing ", `Attribute value tag value "trailing " must not start or end with a space`},
		{"k", "50%", `Attribute value tag value "50%" may contain only`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      tagConfig(env, 1400000001, c.key, c.value),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
	if n := env.TotalCalls(); n != 0 {
		t.Errorf("validation made %d API calls, want 0: %v", n, env.Emulator.Stats().Calls)
	}
}

// newEmulatorApp creates an application through the API, outside Terraform
// (in external mode it is deleted when the test ends).
func newEmulatorApp(t *testing.T, env *acctest.Env, product string) uint64 {
	t.Helper()
	out, err := env.Client().CreateTrtcApp(context.Background(), &api.CreateTrtcAppRequest{AppName: acctest.RandomName(), Product: product})
	if err != nil {
		t.Fatalf("creating a %s application: %v", product, err)
	}
	return out.SdkAppId
}

func TestAccApplicationTag_applicationDeletedOutsideTerraform(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(50*time.Millisecond, 50*time.Millisecond))
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: tagConfig(env, id, "owner", "alice")},
			{
				PreConfig:          func() { deleteEmulatorApp(t, env, id) },
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

// deleteEmulatorApp disables, then deletes an application through the API
// and waits until it is gone (the emulator's propagation delay is short).
func deleteEmulatorApp(t *testing.T, env *acctest.Env, id uint64) {
	t.Helper()
	ctx, client := context.Background(), env.Client()
	if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		t.Fatalf("disabling %d: %v", id, err)
	}
	waitFor := func(what string, done func() bool) {
		for deadline := time.Now().Add(10 * time.Second); !done(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("application %d: %s did not happen", id, what)
			}
		}
	}
	waitFor("disabling", func() bool {
		info, err := client.DescribeSdkAppInfo(ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: id})
		return err == nil && info.Status == api.AppStatusDisabled && info.TargetStatus == api.AppStatusDisabled
	})
	if _, err := client.DeleteTrtcApp(ctx, &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil {
		t.Fatalf("deleting %d: %v", id, err)
	}
	waitFor("deletion", func() bool {
		_, err := client.DescribeSdkAppInfo(ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: id})
		return api.IsNotFound(err)
	})
}
