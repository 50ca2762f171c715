package provider_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

const faultyFleetSize = 50

// faultyFleetConfig is 50 applications, each with tags and a trial. The
// provider allows more retries than the default: at a 22 % failure rate per
// attempt (errors, throttling, drops), 5 retries would leave about one call
// in 10 000 failing, and a fleet makes thousands.
func faultyFleetConfig(env *acctest.Env) string {
	return fmt.Sprintf(`
provider "trtc" {
  endpoint    = %q
  secret_id   = %q
  secret_key  = %q
  max_retries = 12
}

resource "trtc_application" "fleet" {
  count   = %d
  name    = format("fault_%%02d", count.index)
  product = count.index %% 2 == 0 ? "RTCEngine" : "Call"
  tags = {
    fleet = "faults"
    index = tostring(count.index)
  }
}

resource "trtc_subscription" "fleet" {
  count      = length(trtc_application.fleet)
  sdk_app_id = trtc_application.fleet[count.index].sdk_app_id
  edition    = "Trial"
}
`, env.URL, emulator.DefaultSecretID, emulator.DefaultSecretKey, faultyFleetSize)
}

// remoteApp is what state says of one application, to compare with the emulator.
type remoteApp struct {
	name, edition string
	tags          map[string]string
}

func (a remoteApp) String() string {
	return fmt.Sprintf("%s/%s/%v", a.name, a.edition, a.tags)
}

// fleetFromState collects every trtc_application of the state with the
// edition of its trtc_subscription.
func fleetFromState(s *terraform.State) (map[uint64]remoteApp, error) {
	out := map[uint64]remoteApp{}
	editions := map[uint64]string{}
	for addr, rs := range s.RootModule().Resources {
		attrs := rs.Primary.Attributes
		switch rs.Type {
		case "trtc_application":
			id, err := strconv.ParseUint(rs.Primary.ID, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: id %q: %w", addr, rs.Primary.ID, err)
			}
			tags := map[string]string{}
			for k, v := range attrs {
				if key, ok := strings.CutPrefix(k, "tags."); ok && key != "%" {
					tags[key] = v
				}
			}
			out[id] = remoteApp{name: attrs["name"], tags: tags}
		case "trtc_subscription":
			id, err := strconv.ParseUint(attrs["sdk_app_id"], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: sdk_app_id %q: %w", addr, attrs["sdk_app_id"], err)
			}
			editions[id] = attrs["edition"]
		}
	}
	for id, edition := range editions {
		a, ok := out[id]
		if !ok {
			return nil, fmt.Errorf("subscription of %d, an application not in state", id)
		}
		a.edition = edition
		out[id] = a
	}
	return out, nil
}

// emulatorMatchesState: the emulator holds exactly the applications of the
// state (no orphan, no duplicate), with the same names, tags and editions.
func emulatorMatchesState(env *acctest.Env, want int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		inState, err := fleetFromState(s)
		if err != nil {
			return err
		}
		if len(inState) != want {
			return fmt.Errorf("state holds %d applications, want %d", len(inState), want)
		}
		var problems []string
		seen := map[uint64]bool{}
		for _, a := range env.Emulator.Apps() {
			if seen[a.SdkAppId] {
				problems = append(problems, fmt.Sprintf("%d listed twice", a.SdkAppId))
			}
			seen[a.SdkAppId] = true
			got := remoteApp{name: a.AppName, edition: a.Edition, tags: a.Tags}
			if got.tags == nil {
				got.tags = map[string]string{}
			}
			st, ok := inState[a.SdkAppId]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("orphan %d (%v, target %s)", a.SdkAppId, got, a.TargetStatus))
			case st.String() != got.String():
				problems = append(problems, fmt.Sprintf("%d: state %v, emulator %v", a.SdkAppId, st, got))
			}
		}
		for id := range inState {
			if !seen[id] {
				problems = append(problems, fmt.Sprintf("%d in state, not in the emulator", id))
			}
		}
		if len(problems) > 0 {
			sort.Strings(problems)
			return fmt.Errorf("emulator and state differ:\n%s", strings.Join(problems, "\n"))
		}
		return nil
	}
}

// dropCounter counts the connections the emulator dropped, from its log.
type dropCounter struct {
	mu sync.Mutex
	n  int
}

func (d *dropCounter) Write(p []byte) (int, error) {
	d.mu.Lock()
	d.n += bytes.Count(p, []byte(" DROPPED "))
	d.mu.Unlock()
	return len(p), nil
}

func (d *dropCounter) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.n
}

// logFaultFigures reports what the faults cost: calls per action, errors by
// code (every injected error is one retry).
func logFaultFigures(t *testing.T, env *acctest.Env, drops *dropCounter, elapsed time.Duration) {
	stats := env.Emulator.Stats()
	total, errs := 0, 0
	var calls, codes []string
	for _, k := range slices.Sorted(maps.Keys(stats.Calls)) {
		total += stats.Calls[k]
		calls = append(calls, fmt.Sprintf("%s=%d", k, stats.Calls[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(stats.Errors)) {
		errs += stats.Errors[k]
		codes = append(codes, fmt.Sprintf("%s=%d", k, stats.Errors[k]))
	}
	t.Logf("fault run: %d applications + %d trials, create/plan/destroy in %s", faultyFleetSize, faultyFleetSize, elapsed.Round(time.Second))
	t.Logf("API calls that reached the emulator: %d (%s)", total, strings.Join(calls, " "))
	t.Logf("error answers (retried or expected): %d (%s); dropped connections (retried): %d", errs, strings.Join(codes, " "), drops.count())
}

// With 10 % InternalError, 10 % throttling, 2 % dropped connections, 100 ms
// latency and a 2 s read-after-write lag on every action, 50 applications
// with tags and trials apply, match the emulator exactly, plan empty and
// destroy to nothing.
func TestAccReliability_fleetUnderFaults(t *testing.T) {
	drops := &dropCounter{}
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.Log = drops }))
	account := env.Emulator.Account()
	account.AccountTrialQuota = faultyFleetSize
	env.Emulator.SetAccount(account)
	faults := emulator.Faults{
		ErrorRate: 0.10, ErrorCode: "InternalError", ThrottleRate: 0.10,
		Latency: 100 * time.Millisecond, ReadLag: 2 * time.Second, DropRate: 0.02,
	}
	env.Emulator.SetFaults(faults)
	start := time.Now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{{
			Config: faultyFleetConfig(env),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: emulatorMatchesState(env, faultyFleetSize),
		}},
	})
	logFaultFigures(t, env, drops, time.Since(start))
	stats := env.Emulator.Stats()
	if n := stats.Calls["trtc.ModifyAppSubscriptionAutoRenew"]; n != 0 {
		t.Errorf("destroying trials made %d ModifyAppSubscriptionAutoRenew calls; a trial has no renewal to stop", n)
	}
	if drops.count() == 0 {
		t.Errorf("no connection was dropped: the test did not exercise them")
	}
	for _, code := range []string{"InternalError", "RequestLimitExceeded"} {
		if stats.Errors[code] == 0 {
			t.Errorf("no %s was injected: the test did not exercise retries (%v)", code, stats.Errors)
		}
	}
}
