package provider_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// lossyEnv is env seen through a gateway that lets the first call of action
// reach the emulator (which carries it out) and then closes the connection
// without answering: the ambiguous failure that the transport retries. Its
// configs point the provider at the gateway; env stays the direct way in.
func lossyEnv(t *testing.T, env *acctest.Env, action string) *acctest.Env {
	t.Helper()
	acctest.NeedsEmulator(t, "a gateway in front of it that drops an answer")
	var lost atomic.Bool
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-TC-Action") != action || lost.Swap(true) {
			env.Emulator.ServeHTTP(w, r)
			return
		}
		env.Emulator.ServeHTTP(httptest.NewRecorder(), r) // done server-side...
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijacking the connection: %v", err)
			return
		}
		conn.Close() // ...and the answer lost
	}))
	t.Cleanup(gw.Close)
	lossy := *env
	lossy.URL = gw.URL
	return &lossy
}

// remoteTrials checks the trial counters of the application and the account.
func remoteTrials(t *testing.T, env *acctest.Env, id uint64, want int64) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s := remoteSub(t, env, id)
		if s.TrialsUsed != want || s.AccountTrialsUsed != want {
			return fmt.Errorf("trials used: application %d, account %d; want %d each", s.TrialsUsed, s.AccountTrialsUsed, want)
		}
		return nil
	}
}

// CreateTrtcFreeLicense has no ClientToken: when its first answer is lost, the
// retry is refused (LimitExceeded.AppTrialQuota: the running trial counts
// against the quota, one at a time) although the trial the plan asks for was
// started. The resource must adopt it, not fail, and not claim another.
func TestAccSubscription_lostAnswerOfCreateTrtcFreeLicenseIsAdopted(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	lossy := lossyEnv(t, env, "CreateTrtcFreeLicense")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: subConfig(lossy, id, "Trial", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.StateString(subAddr, "edition", "Trial"),
				acctest.StateString(subAddr, "status", "Active"),
				acctest.StateInt64(subAddr, "trials_used", 1),
			},
			Check: resource.ComposeTestCheckFunc(
				env.CheckCalls("CreateTrtcFreeLicense", 2), // the lost one and its retry
				remoteTrials(t, env, id, 1),
				func(*terraform.State) error {
					if n := env.Emulator.Stats().Errors[api.CodeAppTrialQuota]; n != 1 {
						return fmt.Errorf("the retry was refused with %s %d times, want once", api.CodeAppTrialQuota, n)
					}
					return nil
				},
			),
		}},
	})
}

// A trial already running before the apply (started through the API) is
// adopted by the read before purchasing: no CreateTrtcFreeLicense, one trial used.
func TestAccSubscription_trialStartedOutsideTerraformIsAdopted(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	if _, err := env.Client().CreateTrtcFreeLicense(context.Background(), &api.CreateTrtcFreeLicenseRequest{SdkAppId: id}); err != nil {
		t.Fatalf("starting the trial through the API: %v", err)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: subConfig(env, id, "Trial", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.StateString(subAddr, "edition", "Trial"),
				acctest.StateInt64(subAddr, "trials_used", 1),
			},
			Check: resource.ComposeTestCheckFunc(
				env.CheckCalls("CreateTrtcFreeLicense", 1), // only the one made above
				remoteTrials(t, env, id, 1),
			),
		}},
	})
}

// CreateAppSubscription carries a ClientToken drawn once per purchase, and
// the transport resends the same body: the retry of a purchase whose answer
// was lost returns the first deal instead of buying (extending) again.
func TestAccSubscription_lostAnswerOfPurchaseBuysOnce(t *testing.T) {
	env := acctest.NewEnv(t)
	id := newEmulatorApp(t, env, catalog.ProductRTCEngine)
	lossy := lossyEnv(t, env, "CreateAppSubscription")
	var start time.Time

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: subConfig(lossy, id, "Standard", "period_months = 1"),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.StateString(subAddr, "edition", "Standard"),
				statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("start_time"), acctest.CaptureTime(&start)),
				statecheck.ExpectKnownValue(subAddr, tfjsonpath.New("expire_time"), acctest.MonthsAfter(&start, 1)), // two purchases would make it 2
			},
			Check: env.CheckCalls("CreateAppSubscription", 2),
		}},
	})
}
