package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// Resource identity needs Terraform or OpenTofu >= 1.12: on older CLIs
// these tests skip (scripts/acc-matrix.sh runs the suite on several).
var identityTerraform = acctest.SkipWithout(acctest.Identity)

// identityIs checks the whole identity of addr: sdk_app_id (and key).
func identityIs(addr string, id uint64, key ...string) statecheck.StateCheck {
	want := map[string]knownvalue.Check{"sdk_app_id": knownvalue.Int64Exact(int64(id))}
	if len(key) > 0 {
		want["key"] = knownvalue.StringExact(key[0])
	}
	return statecheck.ExpectIdentity(addr, want)
}

// identityMatchesState: identity.sdk_app_id equals the sdk_app_id attribute.
func identityMatchesState(addr string) statecheck.StateCheck {
	return statecheck.ExpectIdentityValueMatchesState(addr, attr("sdk_app_id"))
}

// identitySteps creates addr from config, checks its identity after the
// create (created) and after a refresh (refreshed), then imports it by
// identity, by ID in an import block and by terraform import.
func identitySteps(addr, config string, created []statecheck.StateCheck, refreshed statecheck.StateCheck, check resource.TestCheckFunc, verifyIgnore ...string) []resource.TestStep {
	return []resource.TestStep{
		{Config: config, ConfigStateChecks: append(created, identityMatchesState(addr))},
		{RefreshState: true},
		{ // the identity after the refresh is the one created
			Config:            config,
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{refreshed, identityMatchesState(addr)},
			Check:             check,
		},
		{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		{ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: verifyIgnore},
	}
}

func TestAccApplication_identity(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	var id uint64
	captureID := knownvalue.Int64Func(func(v int64) error {
		id = uint64(v)
		if v <= 0 {
			return fmt.Errorf("sdk_app_id %d", v)
		}
		return nil
	})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityTerraform,
		ProtoV6ProviderFactories: env.Factories(),
		Steps: identitySteps(appAddr, appConfig(env, name, catalog.ProductRTCEngine, `tags = { team = "a" }`),
			[]statecheck.StateCheck{statecheck.ExpectIdentity(appAddr, map[string]knownvalue.Check{"sdk_app_id": captureID})},
			statecheck.ExpectIdentityValue(appAddr, attr("sdk_app_id"), knownvalue.Int64Func(func(v int64) error {
				if uint64(v) != id {
					return fmt.Errorf("identity sdk_app_id %d after refresh, %d after create", v, id)
				}
				return nil
			})),
			func(*terraform.State) error { return checkIdentityID(t, env, name, id) },
			"deletion_protection"),
	})
}

// checkIdentityID: the identity captured at create names the emulator's
// only application (in external mode, the one named name).
func checkIdentityID(t *testing.T, env *acctest.Env, name string, id uint64) error {
	if env.IsExternal() {
		if ids := env.AppIDsNamed(t, name); len(ids) != 1 || ids[0] != id {
			return fmt.Errorf("identity sdk_app_id %d, applications named %s: %v", id, name, ids)
		}
		return nil
	}
	apps := env.Emulator.Apps()
	if len(apps) != 1 || apps[0].SdkAppId != id {
		return fmt.Errorf("identity sdk_app_id %d, emulator holds %+v", id, apps)
	}
	return nil
}

// An application made outside Terraform is adopted by an import block with
// identity = {...}: no write call, identity and state in place.
func TestAccApplication_importByIdentity(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	out, err := env.Client().CreateTrtcApp(context.Background(), &api.CreateTrtcAppRequest{AppName: name, Product: catalog.ProductCall})
	if err != nil {
		t.Fatalf("creating an application outside Terraform: %v", err)
	}
	id := out.SdkAppId
	writes := env.MarkCalls()
	config := env.Config(fmt.Sprintf(`
import {
  to       = trtc_application.test
  identity = { sdk_app_id = %d }
}

resource "trtc_application" "test" {
  name    = %q
  product = "Call"
}
`, id, name))
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityTerraform,
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					identityIs(appAddr, id),
					statecheck.ExpectKnownValue(appAddr, attr("id"), knownvalue.StringExact(fmt.Sprint(id))),
					statecheck.ExpectKnownValue(appAddr, attr("product"), knownvalue.StringExact("Call")),
				},
				Check: writes.CheckNoWrites(),
			},
			{
				Config: env.Config(`
import {
  to       = trtc_application.other
  identity = { sdk_app_id = 0 }
}

resource "trtc_application" "other" {
  name    = "` + acctest.RandomName() + `"
  product = "Call"
}
`),
				ExpectError: regexp.MustCompile(`Invalid import identity`),
			},
		},
	})
}

func TestAccApplicationTag_identity(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	key := "cost center, eu"
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityTerraform,
		ProtoV6ProviderFactories: env.Factories(),
		Steps: identitySteps(tagAddr, tagConfig(env, id, key, "cc-1"),
			[]statecheck.StateCheck{identityIs(tagAddr, id, key)}, identityIs(tagAddr, id, key), nil),
	})
}

func TestAccSubscription_identity(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityTerraform,
		ProtoV6ProviderFactories: env.Factories(),
		Steps: identitySteps(subAddr, subConfig(env, id, "Trial", ""),
			[]statecheck.StateCheck{identityIs(subAddr, id)}, identityIs(subAddr, id), nil,
			"period_months", "renewal_trigger"),
	})
}
