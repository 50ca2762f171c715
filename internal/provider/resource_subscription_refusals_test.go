package provider_test

// Subscription refusals and faults: quotas, plan-time refusals, balance,
// validate-time rules, lagging reads and timeouts.

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

func TestAccSubscription_appTrialQuota(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	pastTrial := func() { env.Emulator.Advance(catalog.TrialLength(catalog.ProductRTCEngine) + time.Hour) }

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: subConfig(env, id, "Trial", ""), ConfigStateChecks: []statecheck.StateCheck{acctest.StateInt64(subAddr, "trials_used", 1)}},
			{Config: noSubConfig(env)},
			{PreConfig: pastTrial, Config: subConfig(env, id, "Trial", ""), ConfigStateChecks: []statecheck.StateCheck{acctest.StateInt64(subAddr, "trials_used", 2)}},
			{Config: noSubConfig(env)},
			{
				PreConfig:   pastTrial,
				Config:      subConfig(env, id, "Trial", ""),
				ExpectError: acctest.Wrapped(fmt.Sprintf("Application %d has used 2 of 2 trials", id)),
			},
		},
	})
	if n := env.Calls("CreateTrtcFreeLicense"); n != 3 {
		t.Errorf("CreateTrtcFreeLicense called %d times, want 3 (two claims, one refusal)", n)
	}
}

func TestAccSubscription_accountTrialQuota(t *testing.T) {
	env := acctest.NewEnv(t)
	account := env.Emulator.Account()
	account.AccountTrialQuota = 1
	env.Emulator.SetAccount(account)
	first := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	second := newEmulatorApp(t, env, catalog.ProductCall)
	subs := func(withSecond bool) string {
		cfg := fmt.Sprintf(`
resource "trtc_subscription" "first" {
  sdk_app_id = %d
  edition    = "Trial"
}
`, first)
		if withSecond {
			cfg += fmt.Sprintf(`
resource "trtc_subscription" "second" {
  sdk_app_id = %d
  edition    = "Trial"
}
`, second)
		}
		return env.Config(cfg)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: subs(false), ConfigStateChecks: []statecheck.StateCheck{acctest.StateInt64("trtc_subscription.first", "account_trials_used", 1)}},
			{
				Config:      subs(true),
				ExpectError: acctest.Wrapped("account has used 1 of 10 trials", "quota is lower"),
			},
		},
	})
	if got := remoteSub(t, env, second).Edition; got != catalog.EditionBasic {
		t.Errorf("edition of the second application = %q, want Basic", got)
	}
}

func TestAccSubscription_editionSwitchRefusedBeforePurchase(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: subConfig(env, id, "Standard", "period_months = 1")},
			{
				Config:      subConfig(env, id, "Pro", "period_months = 1"),
				ExpectError: acctest.Wrapped("Switching between paid editions needs a service ticket", "Standard to Pro", "terraform state rm"),
			},
			{
				Config:      subConfig(env, id, "Trial", ""),
				ExpectError: acctest.Wrapped("Trial not possible while a paid package is active", "holds a paid Standard"),
			},
			{ // a fresh resource on the same application is refused too
				Config: env.Config(fmt.Sprintf(`
resource "trtc_subscription" "other" {
  sdk_app_id    = %d
  edition       = "Pro"
  period_months = 1
}
`, id)),
				ExpectError: acctest.Wrapped("service ticket", "Standard to Pro"),
			},
		},
	})
	if n := env.Calls("CreateAppSubscription"); n != 1 {
		t.Errorf("CreateAppSubscription called %d times, want 1: refusals must come before any purchase", n)
	}
	if got := remoteSub(t, env, id).Edition; got != "Standard" {
		t.Errorf("edition in the emulator = %q, want Standard", got)
	}
}

func TestAccSubscription_editionMustFitProduct(t *testing.T) {
	env := acctest.NewEnv(t)
	live := newEmulatorApp(t, env, catalog.ProductLive)
	call := newEmulatorApp(t, env, catalog.ProductCall)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      subConfig(env, live, "Standard", "period_months = 1"),
				ExpectError: acctest.Wrapped("Error: Edition not offered for this product", `product is Live; Live offers: "Trial"`),
			},
			{
				Config:      subConfig(env, call, "Pro", "period_months = 12"),
				ExpectError: acctest.Wrapped(`edition "Pro" is not offered`, `Call offers: "Trial", "OneToOneCall", "GroupCall"`),
			},
		},
	})
	if n := env.Calls("CreateAppSubscription"); n != 0 {
		t.Errorf("CreateAppSubscription called %d times, want 0", n)
	}
}

func TestAccSubscription_insufficientBalance(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	account := env.Emulator.Account()
	account.Balance = api.Ptr(0.0)
	env.Emulator.SetAccount(account)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      subConfig(env, id, "Pro", "period_months = 2"),
			ExpectError: acctest.Wrapped("Insufficient account balance", "Pro for 2 month(s)", "Top up the account"),
		}},
	})
	if got := remoteSub(t, env, id).Edition; got != catalog.EditionBasic {
		t.Errorf("edition after a refused purchase = %q, want Basic", got)
	}
}

// Every edition rule that needs no API call fails `terraform validate`,
// naming the attribute and the rule.
func TestAccSubscription_rulesAtValidate(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct {
		edition, extra string
		want           []string
	}{
		{"Trial", "period_months = 1", []string{"period_months not allowed for a Trial"}},
		{"Trial", "auto_renew = true", []string{"auto_renew cannot be true for a Trial"}},
		{"Trial", `renewal_trigger = "x"`, []string{"renewal_trigger not allowed for a Trial"}},
		{"Standard", "", []string{"period_months required for a paid edition", `"Standard"`}},
		{"Standard", "period_months = 5", []string{"Attribute period_months value must be one of"}},
		{"Gold", "period_months = 1", []string{"Attribute edition value must be one of"}},
		{"Basic", "", []string{"Attribute edition value must be one of"}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      subConfig(env, 1400000001, c.edition, c.extra),
			PlanOnly:    true,
			ExpectError: acctest.Wrapped(c.want...),
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
	if n := env.TotalCalls(); n != 0 {
		t.Errorf("validation made %d API calls, want 0: %v", n, env.Emulator.Stats().Calls)
	}
}

// Reads may lag behind writes: the purchase is read back until it shows.
func TestAccSubscription_readLagAfterPurchase(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	env.Emulator.SetFaults(emulator.Faults{ReadLag: 1500 * time.Millisecond, Actions: []string{"DescribeAppSubscription"}})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:            subConfig(env, id, "Pro", "period_months = 1"),
			ConfigStateChecks: []statecheck.StateCheck{acctest.StateString(subAddr, "edition", "Pro"), acctest.StateString(subAddr, "status", "Active")},
			Check: func(*terraform.State) error {
				// plan, create, then at least one lagging read before the one that shows Pro
				if n := env.Calls("DescribeAppSubscription"); n < 4 {
					return fmt.Errorf("DescribeAppSubscription called %d times; the read-back did not poll", n)
				}
				return nil
			},
		}},
	})
}

// A purchase whose read-back times out stays in state as tainted: never an
// orphan. Replacing it adopts the package instead of paying twice.
func TestAccSubscription_readBackTimeoutKeepsTaintedState(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	env.Emulator.SetFaults(emulator.Faults{ReadLag: time.Minute, Actions: []string{"DescribeAppSubscription"}})
	cfg := subConfig(env, id, "Pro", "period_months = 1\n  timeouts {\n    create = \"2s\"\n  }")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg, ExpectError: acctest.Wrapped(fmt.Sprintf("Could not confirm the change of the subscription of TRTC application %d", id), "kept in state (tainted)")},
			{
				PreConfig: func() { env.Emulator.SetFaults(emulator.Faults{}) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(subAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.StateString(subAddr, "edition", "Pro"), acctest.StateString(subAddr, "id", fmt.Sprint(id))},
				Check:             env.CheckCalls("CreateAppSubscription", 1),
			},
		},
	})
}

// The scenario: a Live application with a Standard subscription
// (Live offers only Trial). The apply fails after creating the application,
// which is right; terraform destroy must still work, although Terraform
// plans the configuration again to refresh before destroying.
func TestAccSubscription_refusedEditionDoesNotBlockDestroy(t *testing.T) {
	env := acctest.NewEnv(t)
	config := env.Config(`
resource "trtc_application" "live" {
  name    = "` + acctest.RandomName() + `"
  product = "Live"
}
resource "trtc_subscription" "live" {
  sdk_app_id    = trtc_application.live.sdk_app_id
  edition       = "Standard"
  period_months = 1
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: acctest.Wrapped("Edition not offered for this product", `product is Live; Live offers: "Trial"`),
			},
			{Config: config, Destroy: true},
		},
	})
	if n := env.Calls("CreateAppSubscription"); n != 0 {
		t.Errorf("CreateAppSubscription called %d times, want 0", n)
	}
}
