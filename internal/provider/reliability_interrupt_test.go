package provider_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// cliWorkdir runs the real terraform CLI against a provider binary built
// from this module (dev_overrides), for what terraform-plugin-testing cannot
// do, such as sending SIGINT to terraform.
type cliWorkdir struct {
	t   *testing.T
	dir string
	env []string
}

func newCLIWorkdir(t *testing.T) *cliWorkdir {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatalf("TF_ACC is set but terraform is not on PATH: %v", err)
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-trtc"), "github.com/trtc-oss/terraform-provider-trtc")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(bin, "terraformrc")
	rcText := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/trtc-oss/trtc\" = %q\n  }\n  direct {}\n}\n", bin)
	if err := os.WriteFile(rc, []byte(rcText), 0o600); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_LOG") && !strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") {
			env = append(env, kv)
		}
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1")
	return &cliWorkdir{t: t, dir: t.TempDir(), env: env}
}

func (w *cliWorkdir) writeConfig(body string) {
	w.t.Helper()
	text := "terraform {\n  required_providers {\n    trtc = { source = \"trtc-oss/trtc\" }\n  }\n}\n" + body
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(text), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

func (w *cliWorkdir) command(ctx context.Context, args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.CommandContext(ctx, "terraform", append(args, "-no-color")...)
	cmd.Dir, cmd.Env = w.dir, w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, &out
}

// run runs terraform to the end and fails the test if it fails.
func (w *cliWorkdir) run(args ...string) string {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(w.t.Context(), 5*time.Minute)
	defer cancel()
	cmd, out := w.command(ctx, args...)
	if err := cmd.Run(); err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out.String()
}

// stateIDs are the id attributes of every instance of resource type typ in
// terraform.tfstate, by address.
func (w *cliWorkdir) stateIDs(typ string) map[string]string {
	w.t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		w.t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				IndexKey   any            `json:"index_key"`
				Status     string         `json:"status"`
				Attributes map[string]any `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		w.t.Fatal(err)
	}
	ids := map[string]string{}
	for _, r := range st.Resources {
		if r.Type != typ {
			continue
		}
		for _, in := range r.Instances {
			ids[fmt.Sprintf("%s.%s[%v]%s", r.Type, r.Name, in.IndexKey, in.Status)] = fmt.Sprint(in.Attributes["id"])
		}
	}
	return ids
}

func sortedValues(m map[string]string) string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func emulatorIDs(env *acctest.Env) string {
	var out []string
	for _, a := range env.Emulator.Apps() {
		out = append(out, fmt.Sprint(a.SdkAppId))
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// An apply interrupted (SIGINT) while applications are being created, then
// applied again, converges: the emulator holds exactly the applications of
// the state, one per name.
func TestAccReliability_interruptedCreateConverges(t *testing.T) {
	w := newCLIWorkdir(t)
	env := acctest.NewEnv(t, acctest.WithPropagation(300*time.Millisecond, 300*time.Millisecond))
	const count = 6
	w.writeConfig(env.ProviderConfig() + fmt.Sprintf(`
resource "trtc_application" "app" {
  count   = %d
  name    = "intr_${count.index}"
  product = "RTCEngine"
  tags    = { run = "interrupted" }
}
`, count))
	// Creates are slow to answer, so SIGINT lands while they are in flight.
	env.Emulator.SetFaults(emulator.Faults{Latency: 1500 * time.Millisecond, Actions: []string{"CreateTrtcApp"}})

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	apply, out := w.command(ctx, "apply", "-auto-approve")
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	for env.Calls("CreateTrtcApp") == 0 {
		if ctx.Err() != nil {
			t.Fatalf("no CreateTrtcApp reached the emulator:\n%s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := apply.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := apply.Wait()
	t.Logf("interrupted apply (exit: %v), %d CreateTrtcApp call(s) reached the emulator, %d application(s) exist:\n%s",
		err, env.Calls("CreateTrtcApp"), len(env.Emulator.Apps()), out)
	if err == nil {
		t.Fatalf("the interrupted apply succeeded: SIGINT came too late to test anything")
	}
	if !strings.Contains(out.String(), "Interrupt received") {
		t.Fatalf("terraform did not see the interrupt:\n%s", out)
	}
	if text := out.String(); strings.Contains(text, "timed out") || !acctest.Wrapped("interrupted while waiting for the new application").MatchString(text) {
		t.Errorf("the interrupted creates should say so, not blame a timeout:\n%s", text)
	}
	interrupted := w.stateIDs("trtc_application")
	t.Logf("state after the interrupt: %v", interrupted)
	// Already no orphan: every application created is in the state (tainted).
	if got, want := sortedValues(interrupted), emulatorIDs(env); got != want {
		t.Errorf("after the interrupt the emulator holds %s, the state %s", want, got)
	}

	env.Emulator.SetFaults(emulator.Faults{})
	w.run("apply", "-auto-approve")
	ids := w.stateIDs("trtc_application")
	if len(ids) != count {
		t.Fatalf("state holds %d applications, want %d: %v", len(ids), count, ids)
	}
	if got, want := sortedValues(ids), emulatorIDs(env); got != want {
		t.Errorf("emulator applications %s != state %s (orphans or duplicates)", want, got)
	}
	names := map[string]int{}
	for _, a := range env.Emulator.Apps() {
		names[a.AppName]++
	}
	for name, n := range names {
		if n != 1 {
			t.Errorf("%d applications named %s", n, name)
		}
	}
	if plan := w.run("plan", "-detailed-exitcode"); !strings.Contains(plan, "No changes") {
		t.Errorf("the plan after convergence is not empty:\n%s", plan)
	}

	w.run("destroy", "-auto-approve")
	if apps := env.Emulator.Apps(); len(apps) != 0 {
		t.Errorf("%d application(s) left after destroy: %+v", len(apps), apps)
	}
}
