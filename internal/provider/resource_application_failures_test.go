package provider_test

// trtc_application when things go wrong: waits that outlast their timeout,
// reads that lag behind the create, transient API errors.

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// A timeout shorter than the propagation fails with a message saying what is
// pending; a second apply with a longer timeout finishes the change.
func TestAccApplication_timeoutShorterThanPropagation(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(6*time.Second, 6*time.Second))
	var modifies acctest.CallMark
	withTimeout := func(status, update string) string {
		return appConfig(env, "slow", "RTCEngine", fmt.Sprintf(`
  status = %q
  timeouts {
    update = %q
  }`, status, update))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{Config: withTimeout("enabled", "2s")},
			{
				Config:      withTimeout("disabled", "2s"),
				ExpectError: regexp.MustCompile(`The\s+change\s+of\s+TRTC\s+application\s+\d+\s+to\s+disabled\s+is\s+still\s+propagating[\s\S]*timed\s+out\s+after\s+\d+s\s+waiting\s+for\s+application\s+\d+\s+to\s+become\s+disabled\s+\(in\s+effect:\s+enabled,\s+target:\s+disabled,\s+requested\s+at\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\.\s+The\s+change\s+is\s+still\s+propagating[\s\S]*raise\s+timeouts.update`),
			},
			{
				// Only a wait is planned: the apply sends nothing and waits.
				PreConfig: func() { modifies = env.MarkCalls() },
				Config:    withTimeout("disabled", "1m"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("disabled")),
				},
				Check: resource.ComposeTestCheckFunc(emulatorStatus(env, api.AppStatusDisabled), func(*terraform.State) error {
					if n := modifies.Since("ModifyAppStatus"); n != 0 {
						return fmt.Errorf("the apply that only waits sent %d ModifyAppStatus", n)
					}
					return nil
				}),
			},
		},
	})
}

// A create whose wait fails keeps the new ID in the state (tainted), so the
// next apply replaces it instead of leaving an orphan in the account.
func TestAccApplication_failedCreateWaitIsTaintedNotOrphaned(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	withCreateTimeout := func(d string) string {
		return appConfig(env, name, "RTCEngine", fmt.Sprintf("timeouts {\n create = %q\n}", d))
	}
	var firstID uint64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.Emulator.SetFaults(emulator.Faults{ReadLag: time.Minute, Actions: []string{"DescribeSdkAppInfo"}})
				},
				Config:      withCreateTimeout("2s"),
				ExpectError: regexp.MustCompile(`(?s)timed\s+out\s+after\s+\d+s\s+waiting\s+for\s+the\s+new\s+application\s+\d+\s+to\s+become\s+readable.*marked\s+tainted`),
			},
			{
				PreConfig: func() {
					firstID = onlyAppID(t, env, name)
					// Reads lag a little: the create polls through it within its timeout.
					env.Emulator.SetFaults(emulator.Faults{ReadLag: time.Second, Actions: []string{"DescribeSdkAppInfo"}})
				},
				Config: withCreateTimeout("1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(appAddr, plancheck.ResourceActionDestroyBeforeCreate),
					priorTimeouts{"create": "2s"}, // else an untaint would plan a timeouts change
				}},
				Check: func(s *terraform.State) error {
					id, err := appIDFromState(s)
					if err != nil {
						return err
					}
					if apps := env.Emulator.Apps(); len(apps) != 1 || apps[0].SdkAppId != id || id == firstID {
						return fmt.Errorf("want only the replacement of %d, emulator has %+v", firstID, apps)
					}
					if n := env.Emulator.Stats().Errors[api.CodeAppNotExist]; n == 0 {
						return fmt.Errorf("reads never lagged: the test did not exercise the readable wait")
					}
					return nil
				},
			},
		},
	})
}

// Transient faults on every action are retried by the transport: the apply
// still converges, and the ClientToken keeps the create from duplicating.
func TestAccApplication_transientFaults(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Emulator.SetFaults(emulator.Faults{ErrorRate: 0.3, ErrorCode: "InternalError", ThrottleRate: 0.1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: appConfig(env, "flaky", "RTCEngine", `
  status = "disabled"
  tags   = { env = "flaky" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(appAddr, attr("status"), knownvalue.StringExact("disabled")),
				},
				Check: func(*terraform.State) error {
					if n := len(env.Emulator.Apps()); n != 1 {
						return fmt.Errorf("want 1 application, emulator has %d", n)
					}
					if errs := env.Emulator.Stats().Errors; errs["InternalError"] == 0 {
						return fmt.Errorf("no fault was injected: %v", errs)
					}
					return nil
				},
			},
		},
	})
}

// priorTimeouts checks the timeouts block of the application in the state
// the plan starts from.
type priorTimeouts map[string]string

func (want priorTimeouts) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
		resp.Error = fmt.Errorf("the plan has no prior state")
		return
	}
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address != appAddr {
			continue
		}
		got, _ := r.AttributeValues["timeouts"].(map[string]any)
		for k, v := range want {
			if got[k] != v {
				resp.Error = fmt.Errorf("timeouts in the state after the failed create = %v, want %s = %q", r.AttributeValues["timeouts"], k, v)
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the prior state", appAddr)
}
