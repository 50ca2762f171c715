package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// Propagation longer than the timeout, for the operations
// TestAccApplication_timeoutShorterThanPropagation (update) leaves out:
// create with status = "disabled", and delete.

const slowPropagation = 6 * time.Second

func slowAppConfig(env *acctest.Env, status, timeouts string) string {
	return appConfig(env, "slow", "RTCEngine", fmt.Sprintf(`
  status = %q
  timeouts {
    %s
  }`, status, timeouts))
}

// onlyAppIs checks that the emulator holds one application, want, the one of
// the state, with the wanted status in effect and as target.
func onlyAppIs(env *acctest.Env, status string, want *uint64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := appIDFromState(s)
		if err != nil {
			return err
		}
		apps := env.Emulator.Apps()
		if len(apps) != 1 || apps[0].SdkAppId != id {
			return fmt.Errorf("state holds %d, emulator %+v", id, apps)
		}
		if id != *want {
			return fmt.Errorf("application %d was replaced by %d", *want, id)
		}
		return emulatorStatus(env, status)(s)
	}
}

// A create that must disable the new application times out: the
// application is kept in the state, not tainted, with the disable pending,
// and the next apply only waits for it (an in-place update). Replacing it
// instead would loop forever while the timeout is shorter than the
// propagation.
func TestAccReliability_createDisabledTimeout(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(slowPropagation, slowPropagation), frozenEmulator())
	var first uint64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:             slowAppConfig(env, "disabled", `create = "2s"`),
				ExpectNonEmptyPlan: true, // the wait still to finish
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("disabled")),
					statecheck.ExpectKnownValue(appAddr, attr("status_in_effect"), knownvalue.StringExact("enabled")),
				},
			},
			{
				PreConfig: func() { first = onlyAppID(t, env, "slow") },
				Config:    slowAppConfig(env, "disabled", `create = "1m"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(appAddr, attr("status_in_effect"), knownvalue.StringExact("disabled")),
					advanceEmulator{env, slowPropagation}, // the disable lands during the apply
				}},
				Check: resource.ComposeTestCheckFunc(onlyAppIs(env, api.AppStatusDisabled, &first), fastForward(t, env)),
			},
		},
	})
}

// A destroy whose propagation outlasts timeouts.delete fails clearly and
// keeps the application in the state; after raising the timeout the next
// destroy finishes.
func TestAccReliability_deleteTimeout(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(slowPropagation, slowPropagation))
	short := slowAppConfig(env, "enabled", `delete = "2s"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{Config: short},
			{
				Config:      short,
				Destroy:     true,
				ExpectError: acctest.Wrapped("raise timeouts.delete"),
			},
			{
				// Still in state and in the emulator; a longer timeout is
				// an in-place change of Terraform-only settings.
				Config: slowAppConfig(env, "enabled", `delete = "1m"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(s *terraform.State) error {
					id, err := appIDFromState(s)
					if err != nil {
						return err
					}
					if apps := env.Emulator.Apps(); len(apps) != 1 || apps[0].SdkAppId != id {
						return fmt.Errorf("state holds %d, emulator %+v", id, apps)
					}
					return nil
				},
			},
		},
	})
}
