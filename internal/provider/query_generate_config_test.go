package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

const providerSource = "registry.terraform.io/trtc-oss/trtc"

// serveProvider serves the provider in this process until the test ends and
// returns the TF_REATTACH_PROVIDERS value that lets the Terraform CLI use it
// (what terraform-plugin-testing does, without its SDKv2 helper).
func serveProvider(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	go func() {
		err := tf6server.Serve(providerSource, providerserver.NewProtocol6(provider.New("test")()),
			tf6server.WithDebug(ctx, reattach, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t)) // TF_LOG and TF_ACC_LOG_PATH, as terraform-plugin-testing
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	cfg := <-reattach
	t.Cleanup(func() { cancel(); <-closed })
	b, err := json.Marshal(map[string]any{providerSource: map[string]any{
		"Protocol": string(cfg.Protocol), "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cliRunner runs the Terraform CLI in dir against the in-process provider.
type cliRunner struct {
	t        *testing.T
	bin, dir string
	env      []string
}

func newCLIRunner(t *testing.T, bin string) *cliRunner {
	dir := t.TempDir()
	rc := filepath.Join(dir, ".terraformrc")
	if err := os.WriteFile(rc, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+serveProvider(t), "TF_CLI_CONFIG_FILE="+rc,
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=")
	return &cliRunner{t: t, bin: bin, dir: dir, env: env}
}

func (c *cliRunner) write(name, content string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, name), []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// run returns the output and the exit code; any code not in ok fails the test.
func (c *cliRunner) run(ok []int, args ...string) (string, int) {
	c.t.Helper()
	cmd := exec.Command(c.bin, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = c.dir, c.env
	out, err := cmd.CombinedOutput()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		c.t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	for _, want := range ok {
		if code == want {
			return string(out), code
		}
	}
	c.t.Fatalf("terraform %s: exit %d\n%s", strings.Join(args, " "), code, out)
	return "", 0
}

// terraform query -generate-config-out writes configuration and import
// blocks for every application; applying it imports them all with no
// change and no write call, and the next plan is empty.
func TestAccApplicationList_generateConfigAppliesClean(t *testing.T) {
	bin := acctest.CLIFor(t, acctest.Query).Path
	env := acctest.NewEnv(t)
	acctest.NeedsEmulator(t, "counting write calls")
	ids := seedApps(t, env, "adopt", 103, catalog.ProductRTCEngine, nil)
	ids = append(ids, seedApps(t, env, "tagged", 2, catalog.ProductLive, map[string]string{"team": "blue", "cost": "c1"})...)
	if err := env.Emulator.DisableApp(ids[0], "NoPackage"); err != nil {
		t.Fatal(err)
	}

	cli := newCLIRunner(t, bin)
	cli.write("main.tf", `
terraform {
  required_providers {
    trtc = { source = "trtc-oss/trtc" }
  }
}
`+env.ProviderConfig())
	cli.write("adopt.tfquery.hcl", `
list "trtc_application" "all" {
  provider         = trtc
  include_resource = true
  limit            = 1000
}
`)
	cli.run([]int{0}, "init", "-input=false")
	writes := env.MarkCalls()

	cli.run([]int{0}, "query", "-generate-config-out=adopt.tf")
	generated, err := os.ReadFile(filepath.Join(cli.dir, "adopt.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if !regexp.MustCompile(fmt.Sprintf(`sdk_app_id\s*=\s*%d\b`, id)).Match(generated) {
			t.Fatalf("no import of application %d in the generated configuration:\n%s", id, generated)
		}
	}

	out, _ := cli.run([]int{0}, "apply", "-auto-approve", "-input=false")
	if want := fmt.Sprintf("Resources: %d imported, 0 added, 0 changed, 0 destroyed.", len(ids)); !strings.Contains(out, want) {
		t.Fatalf("apply of the generated configuration: want %q in\n%s", want, out)
	}
	if out, code := cli.run([]int{0, 2}, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after adopting: changes planned\n%s", out)
	}
	if err := writes.CheckNoWrites()(nil); err != nil {
		t.Error(err)
	}
}

// The same under default_tags: the generated tags leave the default tag
// out (as the resource reads after an import), the apply that imports adds
// it where it is missing, and the next plan is empty.
func TestAccApplicationList_generateConfigDefaultTags(t *testing.T) {
	bin := acctest.CLIFor(t, acctest.Query).Path
	env := acctest.NewEnv(t)
	prefix := acctest.RandomPrefix(5)
	seedApps(t, env, prefix+"a", 1, catalog.ProductRTCEngine, nil)
	seedApps(t, env, prefix+"b", 1, catalog.ProductRTCEngine, map[string]string{"team": "blue"})
	seedApps(t, env, prefix+"c", 1, catalog.ProductRTCEngine, map[string]string{"managed_by": "terraform"})

	cli := newCLIRunner(t, bin)
	cli.write("main.tf", `
terraform {
  required_providers {
    trtc = { source = "trtc-oss/trtc" }
  }
}
`+env.ConfigWithProvider("  default_tags {\n    tags = { managed_by = \"terraform\" }\n  }\n", ""))
	cli.write("adopt.tfquery.hcl", fmt.Sprintf(`
list "trtc_application" "mine" {
  provider         = trtc
  include_resource = true
  config {
    name_regex = "^%s"
  }
}
`, prefix))
	cli.run([]int{0}, "init", "-input=false")
	cli.run([]int{0}, "query", "-generate-config-out=adopt.tf")
	out, _ := cli.run([]int{0}, "apply", "-auto-approve", "-input=false")
	if want := "Resources: 3 imported, 0 added, 2 changed, 0 destroyed."; !strings.Contains(out, want) {
		t.Fatalf("apply of the generated configuration: want %q in\n%s", want, out)
	}
	if out, code := cli.run([]int{0, 2}, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after adopting: changes planned\n%s", out)
	}
}
