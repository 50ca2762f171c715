package provider_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

func statusConfig(env *acctest.Env, id uint64, extra string) string {
	return env.Config(fmt.Sprintf(`
data "trtc_application_status" "test" {
  sdk_app_id = %d
%s
}
`, id, extra))
}

// Without waiting, a disable still propagating reads as disabled (the target), enabled in effect, pending.
func TestAccApplicationStatusDataSource_pending(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	env := acctest.NewEnv(t, acctest.WithPropagation(10*time.Minute, 10*time.Minute))
	id := createAndDisable(t, env)
	const ds = "data.trtc_application_status.test"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: statusConfig(env, id, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(fmt.Sprint(id))),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("status"), knownvalue.StringExact("disabled")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("status_in_effect"), knownvalue.StringExact("enabled")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("pending"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("status_change_time"), acctest.UTCTime()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("disabled_reason"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("edition"), knownvalue.StringExact("Basic")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("expire_time"), knownvalue.Null()),
				},
			},
			{
				// Waiting longer than the read timeout fails with an error that says so.
				Config:      statusConfig(env, id, "  wait_until_settled = true\n  timeouts {\n    read = \"2s\"\n  }"),
				ExpectError: regexp.MustCompile(`(?s)timed\s+out.*application\s+\d+\s+to\s+settle.*timeouts.read`),
			},
		},
	})
}

// settleAfterRead is an emulator log that lets pending changes take effect
// once the first DescribeSdkAppInfo has been answered (logged): the wait
// then sees the change pending first, however long Terraform takes to start
// on a loaded machine (with a 2 s propagation the change was sometimes in
// effect before the first read, and the test saw no polling).
type settleAfterRead struct {
	env  *acctest.Env
	once sync.Once
}

func (s *settleAfterRead) Write(line []byte) (int, error) {
	if bytes.Contains(line, []byte(".DescribeSdkAppInfo ")) {
		s.once.Do(func() { go s.env.Emulator.Advance(2 * time.Hour) }) // the log is written under the emulator's lock
	}
	return len(line), nil
}

// With wait_until_settled, the read returns once the disable is in effect.
func TestAccApplicationStatusDataSource_waitUntilSettled(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	settle := &settleAfterRead{}
	env := acctest.NewEnv(t, acctest.WithPropagation(time.Hour, time.Hour), acctest.WithConfig(func(c *emulator.Config) { c.Log = settle }))
	settle.env = env
	id := createAndDisable(t, env)
	const ds = "data.trtc_application_status.test"

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: statusConfig(env, id, "  wait_until_settled = true"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("status"), knownvalue.StringExact("disabled")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("status_in_effect"), knownvalue.StringExact("disabled")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("pending"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("disabled_reason"), knownvalue.StringExact("Manual")),
			},
			// The wait polled. By now the data source was read once, in the
			// plan that apply then used, so more than one read is the wait's
			// (counted after the test, the plans that follow would pass it anyway).
			Check: func(*terraform.State) error {
				if n := env.Calls("DescribeSdkAppInfo"); n < 2 {
					return fmt.Errorf("DescribeSdkAppInfo called %d times during the plan and apply, want at least 2 (polling)", n)
				}
				return nil
			},
		}},
	})
}

func TestAccApplicationStatusDataSource_notFound(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      statusConfig(env, 1499999999, ""),
			ExpectError: acctest.Wrapped("Could not read the status of TRTC application 1499999999", "No application with this sdk_app_id"),
		}},
	})
}
