package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

func TestAccSubscription_trialConvertRenewAutoRenew(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	var expire, start time.Time

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{ // claim a trial: 7 days
				Config: subConfig(env, id, "Trial", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.StateString(subAddr, "id", fmt.Sprint(id)),
					acctest.StateString(subAddr, "edition", "Trial"),
					acctest.StateString(subAddr, "status", "Active"),
					acctest.StateString(subAddr, "product", "RTCEngine"),
					acctest.StateInt64(subAddr, "trials_used", 1),
					acctest.StateInt64(subAddr, "account_trials_used", 1),
					acctest.StateBool(subAddr, "auto_renew", false),
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("start_time"), acctest.CaptureTime(&start)),
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), knownvalue.StringFunc(func(v string) error {
						end, err := time.Parse(time.RFC3339, v)
						if err != nil {
							return fmt.Errorf("expire_time %q: %w", v, err)
						}
						if end.Sub(start) != catalog.TrialLength(catalog.ProductRTCEngine) {
							return fmt.Errorf("trial from %s to %s, want 7 days", start, v)
						}
						return nil
					})),
				},
				Check: env.CheckCalls("CreateTrtcFreeLicense", 1),
			},
			{ // the trial converts in place to a paid edition
				Config: subConfig(env, id, "Standard", "period_months = 1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(subAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.StateString(subAddr, "edition", "Standard"),
					acctest.StateString(subAddr, "status", "Active"),
					acctest.StateInt64(subAddr, "trials_used", 1),
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("start_time"), acctest.CaptureTime(&start)),
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), acctest.CaptureTime(&expire)),
				},
				Check: env.CheckCalls("CreateAppSubscription", 1),
			},
			{ // period_months alone buys nothing; the plan shows the known times
				Config: subConfig(env, id, "Standard", "period_months = 3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(subAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), knownvalue.NotNull()),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), acctest.MonthsAfter(&expire, 0)),
				},
				Check: env.CheckCalls("CreateAppSubscription", 1),
			},
			{ // a new renewal_trigger buys period_months again
				Config: subConfig(env, id, "Standard", `period_months = 3
  renewal_trigger = "2027-q1"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), acctest.MonthsAfter(&expire, 3)),
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("start_time"), acctest.MonthsAfter(&start, 0)),
				},
				Check: env.CheckCalls("CreateAppSubscription", 2),
			},
			{ // auto-renewal on: no purchase, expiry unchanged
				Config: subConfig(env, id, "Standard", `period_months = 3
  renewal_trigger = "2027-q1"
  auto_renew = true`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.StateBool(subAddr, "auto_renew", true),
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), acctest.MonthsAfter(&expire, 3)),
				},
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls("CreateAppSubscription", 2),
					func(*terraform.State) error {
						if !remoteSub(t, env, id).AutoRenew {
							return fmt.Errorf("auto-renewal is off in the emulator")
						}
						return nil
					},
				),
			},
			{
				ResourceName: subAddr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"period_months", "renewal_trigger"},
			},
			{ // and off again
				Config: subConfig(env, id, "Standard", `period_months = 3
  renewal_trigger = "2027-q1"`),
				ConfigStateChecks: []statecheck.StateCheck{acctest.StateBool(subAddr, "auto_renew", false)},
				Check: func(*terraform.State) error {
					if remoteSub(t, env, id).AutoRenew {
						return fmt.Errorf("auto-renewal is still on in the emulator")
					}
					return nil
				},
			},
		},
	})
}

func TestAccSubscription_expiryShowsAsDriftAndRebuys(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductCall)
	cfg := subConfig(env, id, "GroupCall", "period_months = 1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{acctest.StateString(subAddr, "edition", "GroupCall")}},
			{
				PreConfig:          func() { env.Emulator.Advance(32 * 24 * time.Hour) },
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(subAddr, "edition", "Basic"),
					resource.TestCheckResourceAttr(subAddr, "status", "Expired"),
					resource.TestCheckNoResourceAttr(subAddr, "expire_time"),
				),
				RefreshPlanChecks: resource.RefreshPlanChecks{
					PostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(subAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(subAddr, tfjsonpath.New("edition"), knownvalue.StringExact("GroupCall")),
					},
				},
			},
			{ // going back to the configured edition is a new purchase, not a switch
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.StateString(subAddr, "edition", "GroupCall"),
					acctest.StateString(subAddr, "status", "Active"),
				},
				Check: env.CheckCalls("CreateAppSubscription", 2),
			},
		},
	})
}

func TestAccSubscription_autoRenewalAtExpiry(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	cfg := subConfig(env, id, "Pro", "period_months = 1\n  auto_renew = true")
	var expire time.Time

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), acctest.CaptureTime(&expire)),
			}},
			{
				PreConfig: func() { env.Emulator.Advance(32 * 24 * time.Hour) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.StateString(subAddr, "edition", "Pro"),
					acctest.StateString(subAddr, "status", "Active"),
					statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), acctest.MonthsAfter(&expire, catalog.AutoRenewMonths)),
				},
				Check: env.CheckCalls("CreateAppSubscription", 1),
			},
		},
	})
}

func TestAccSubscription_destroyKeepsPackageActive(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: subConfig(env, id, "Standard", "period_months = 6\n  auto_renew = true")},
			{
				Config: noSubConfig(env),
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[subAddr]; ok {
						return fmt.Errorf("%s is still in state", subAddr)
					}
					sub := remoteSub(t, env, id)
					if sub.Edition != "Standard" || sub.Status != api.SubscriptionActive || sub.AutoRenew {
						return fmt.Errorf("after destroy the emulator has %s/%s auto_renew=%v, want Standard/Active auto_renew=false", sub.Edition, sub.Status, sub.AutoRenew)
					}
					return nil
				},
			},
			{ // adding it back adopts the active package instead of paying again
				Config:            subConfig(env, id, "Standard", "period_months = 6\n  auto_renew = true"),
				ConfigStateChecks: []statecheck.StateCheck{acctest.StateString(subAddr, "edition", "Standard"), acctest.StateBool(subAddr, "auto_renew", true)},
				Check: resource.ComposeTestCheckFunc(
					env.CheckCalls("CreateAppSubscription", 1),
					func(*terraform.State) error {
						if !remoteSub(t, env, id).AutoRenew {
							return fmt.Errorf("auto-renewal was not switched back on for the adopted package")
						}
						return nil
					},
				),
			},
		},
	})
}

// With the application in the same configuration its SdkAppId is unknown at
// plan time: a trial works, and an edition the product lacks is still refused
// before any purchase.
func TestAccSubscription_applicationInSameConfig(t *testing.T) {
	env := acctest.NewEnv(t)
	rtc := `
resource "trtc_application" "rtc" {
  name    = "` + acctest.RandomName() + `"
  product = "RTCEngine"
}
resource "trtc_subscription" "test" {
  sdk_app_id = trtc_application.rtc.sdk_app_id
  edition    = "Trial"
}
`
	call := `
resource "trtc_application" "call" {
  name    = "` + acctest.RandomName() + `"
  product = "Call"
}
resource "trtc_subscription" "call" {
  sdk_app_id    = trtc_application.call.sdk_app_id
  edition       = "Pro"
  period_months = 1
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.Config(rtc),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(subAddr, tfjsonpath.New("product"))},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.StateString(subAddr, "edition", "Trial"),
					acctest.StateString(subAddr, "product", "RTCEngine"),
					statecheck.CompareValuePairs(subAddr, tfjsonpath.New("sdk_app_id"), "trtc_application.rtc", tfjsonpath.New("sdk_app_id"), compare.ValuesSame()),
				},
			},
			{
				Config:      env.Config(rtc + call),
				ExpectError: acctest.Wrapped("Edition not offered for this product", `product is Call; Call offers: "Trial", "OneToOneCall", "GroupCall"`),
			},
		},
	})
	// Terraform plans the subscription again once the SdkAppId is known, so
	// the refusal comes before any purchase is attempted.
	if n := env.Calls("CreateAppSubscription"); n != 0 {
		t.Errorf("CreateAppSubscription called %d times, want 0", n)
	}
}

func TestAccSubscription_applicationDeletedOutsideTerraform(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithPropagation(50*time.Millisecond, 50*time.Millisecond))
	id := newEmulatorApp(t, env, catalog.ProductConference)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: subConfig(env, id, "Trial", ""), ConfigStateChecks: []statecheck.StateCheck{acctest.StateString(subAddr, "product", "Conference")}},
			{
				PreConfig:          func() { env.DeleteApp(t, id) },
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[subAddr]; ok {
						return fmt.Errorf("%s still in state after its application was deleted", subAddr)
					}
					return nil
				},
			},
		},
	})
}
