package acctest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Feature is something of the CLI's that a test needs, with the first
// Terraform and the first OpenTofu release that have it. Gate on a Feature
// rather than on tfversion.SkipBelow: OpenTofu's version numbers pass
// Terraform's gates without the feature (OpenTofu 1.10 has no ephemeral
// resources, OpenTofu 1.12 no list resources).
type Feature struct {
	Name string
	// Terraform and OpenTofu are the first releases with the feature; ""
	// for OpenTofu when no OpenTofu release has it yet.
	Terraform, OpenTofu string
}

// The features the acceptance tests gate on.
var (
	ImportForEach = Feature{Name: "for_each in import blocks", Terraform: "1.7.0", OpenTofu: "1.7.0"}
	Ephemeral     = Feature{Name: "ephemeral resources", Terraform: "1.10.0", OpenTofu: "1.11.0"}
	Identity      = Feature{Name: "resource identity", Terraform: "1.12.0", OpenTofu: "1.12.0"}
	Query         = Feature{Name: "list resources and query", Terraform: "1.14.0"}
)

// CLI is the Terraform or OpenTofu that the acceptance tests run: the
// binary TF_ACC_TERRAFORM_PATH names, else terraform on PATH, as
// terraform-plugin-testing chooses it.
type CLI struct {
	Path     string
	OpenTofu bool
	// Version is the CLI's own version. OpenTofu tells providers another
	// one (its Terraform-compatible version, 1.13.0 for OpenTofu 1.12.6).
	Version *version.Version
}

func (c CLI) String() string {
	if c.OpenTofu {
		return "OpenTofu " + c.Version.String()
	}
	return "Terraform " + c.Version.String()
}

// Has reports whether c has feature f.
func (c CLI) Has(f Feature) bool {
	first := f.Terraform
	if c.OpenTofu {
		first = f.OpenTofu
	}
	return first != "" && !c.Version.Core().LessThan(version.Must(version.NewVersion(first)))
}

// lacks is the skip message when c does not have f: the same text for
// every test skipped for f, so that a run's skips group by reason.
func (c CLI) lacks(f Feature) string {
	tofu := "no OpenTofu release"
	if f.OpenTofu != "" {
		tofu = "OpenTofu >= " + f.OpenTofu
	}
	return fmt.Sprintf("%s has no %s (Terraform >= %s, %s): skipping test", c, f.Name, f.Terraform, tofu)
}

var (
	clis   sync.Map // binary path → cliResult
	cliRun = regexp.MustCompile(`(?m)^(Terraform|OpenTofu) v(\S+)$`)
)

type cliResult struct {
	cli CLI
	err error
}

// CurrentCLI identifies the CLI the acceptance tests run (once per binary).
func CurrentCLI() (CLI, error) {
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		var err error
		if path, err = exec.LookPath("terraform"); err != nil {
			return CLI{}, fmt.Errorf("no TF_ACC_TERRAFORM_PATH and no terraform on PATH: %w", err)
		}
	}
	if r, ok := clis.Load(path); ok {
		return r.(cliResult).cli, r.(cliResult).err
	}
	cli, err := identifyCLI(path)
	clis.Store(path, cliResult{cli, err})
	return cli, err
}

// identifyCLI reads the first line of `version`, which names the product
// (`version -json` does not). An empty CLI configuration keeps OpenTofu's
// warning about a missing TF_CLI_CONFIG_FILE out of the output.
func identifyCLI(path string) (CLI, error) {
	cmd := exec.Command(path, "version")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+os.DevNull, "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return CLI{}, fmt.Errorf("%s version: %w", path, err)
	}
	m := cliRun.FindSubmatch(out)
	if m == nil {
		return CLI{}, fmt.Errorf("%s version: no Terraform or OpenTofu version in %q", path, out)
	}
	v, err := version.NewVersion(string(m[2]))
	if err != nil {
		return CLI{}, fmt.Errorf("%s version: %w", path, err)
	}
	return CLI{Path: path, OpenTofu: string(m[1]) == "OpenTofu", Version: v}, nil
}

// SkipWithout are the TerraformVersionChecks of a resource.TestCase that
// needs features fs: the test skips on a CLI without one of them.
func SkipWithout(fs ...Feature) []tfversion.TerraformVersionCheck {
	return []tfversion.TerraformVersionCheck{featureCheck(fs)}
}

type featureCheck []Feature

func (fs featureCheck) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	cli, err := CurrentCLI()
	if err != nil {
		resp.Error = err
		return
	}
	for _, f := range fs {
		if !cli.Has(f) {
			resp.Skip = cli.lacks(f)
			return
		}
	}
}

// CLIFor is the CLI for a test that runs it itself (outside
// resource.Test): it skips t without TF_ACC or on a CLI without one of fs.
func CLIFor(t testing.TB, fs ...Feature) CLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	cli, err := CurrentCLI()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if !cli.Has(f) {
			t.Skip(cli.lacks(f))
		}
	}
	return cli
}
