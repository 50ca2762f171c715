package provider_test

// A status change still propagating is visible in the plan: status holds the
// target TRTC records, status_in_effect the state in effect.

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// The propagation of the scenario.
const longPropagation = 20 * time.Second

// expectStatus is a plan check of the planned status and status_in_effect.
func expectStatus(status, inEffect string) []plancheck.PlanCheck {
	return []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
		plancheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact(status)),
		plancheck.ExpectKnownValue(appAddr, attr("status_in_effect"), knownvalue.StringExact(inEffect)),
	}
}

// The scenario: an apply disabling the application stops before the
// 20 s propagation ends (here its timeout, with the emulator clock frozen;
// Ctrl-C leaves the same state),
// then the configuration says enabled again. The plan must show the pending
// disable and reverse it, not say "No changes". The same for a disable made
// outside Terraform.
func TestAccApplication_pendingChangeAwayFromConfigIsReversed(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(longPropagation, longPropagation), frozenEmulator())
	config := func(status, update string) string {
		return appConfig(env, "pending", "RTCEngine", `
  status = "`+status+`"
  timeouts {
    update = "`+update+`"
  }`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{Config: config("enabled", "2s")},
			{
				Config:      config("disabled", "2s"),
				ExpectError: acctest.Wrapped("to become disabled (in effect: enabled, target: disabled"),
			},
			{
				// The disable is still pending: the state says so...
				Config:             config("disabled", "2s"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(appAddr, attr("status_in_effect"), knownvalue.StringExact("disabled")),
				}},
			},
			{
				// ...and configuring enabled again reverses it at once.
				Config:           config("enabled", "1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expectStatus("enabled", "enabled")},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("enabled")),
					statecheck.ExpectKnownValue(appAddr, attr("status_in_effect"), knownvalue.StringExact("enabled")),
				},
				Check: emulatorStatus(env, api.AppStatusEnabled),
			},
			{
				// A disable requested outside Terraform, still propagating.
				PreConfig: func() {
					id := onlyAppID(t, env, "pending")
					if _, err := env.Client().ModifyAppStatus(context.Background(), &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config("enabled", "1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expectStatus("enabled", "enabled")},
				Check:            resource.ComposeTestCheckFunc(emulatorStatus(env, api.AppStatusEnabled), fastForward(t, env)),
			},
		},
	})
}
