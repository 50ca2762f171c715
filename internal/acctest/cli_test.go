package acctest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The gates follow each CLI's own history: OpenTofu 1.10 passes a
// Terraform 1.10 gate but has no ephemeral resources, OpenTofu 1.12 has
// identity but no list resources.
func TestCLIHas(t *testing.T) {
	tf := func(v string) CLI { return CLI{Version: version.Must(version.NewVersion(v))} }
	tofu := func(v string) CLI { c := tf(v); c.OpenTofu = true; return c }
	for _, tc := range []struct {
		cli     CLI
		feature Feature
		want    bool
	}{
		{tf("1.5.7"), ImportForEach, false},
		{tf("1.7.0"), ImportForEach, true},
		{tf("1.10.0"), Ephemeral, true},
		{tf("1.9.8"), Ephemeral, false},
		{tofu("1.10.10"), Ephemeral, false},
		{tofu("1.11.0"), Ephemeral, true},
		{tf("1.11.4"), Identity, false},
		{tofu("1.12.6"), Identity, true},
		{tf("1.14.0-rc1"), Query, true}, // a prerelease counts as its release
		{tf("1.13.5"), Query, false},
		{tofu("1.12.6"), Query, false},
		{tofu("9.0.0"), Query, false}, // no OpenTofu release is known to have it
	} {
		if got := tc.cli.Has(tc.feature); got != tc.want {
			t.Errorf("%s has %s: got %v, want %v", tc.cli, tc.feature.Name, got, tc.want)
		}
	}
}

// fakeCLI is a script that answers `version` as the named CLI does.
func fakeCLI(t *testing.T, versionOutput string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cli")
	script := "#!/bin/sh\ncat <<'EOF'\n" + versionOutput + "\nEOF\n"
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCurrentCLI(t *testing.T) {
	for _, tc := range []struct{ output, want string }{
		{"Terraform v1.11.4\non linux_amd64", "Terraform 1.11.4"},
		// OpenTofu prints its configuration warnings first, on stdout.
		{"There are some problems with the CLI configuration:\n\nOpenTofu v1.12.6\non linux_amd64", "OpenTofu 1.12.6"},
	} {
		t.Setenv("TF_ACC_TERRAFORM_PATH", fakeCLI(t, tc.output))
		cli, err := CurrentCLI()
		if err != nil {
			t.Fatal(err)
		}
		if cli.String() != tc.want {
			t.Errorf("CLI from %q: got %s, want %s", tc.output, cli, tc.want)
		}
	}
	t.Setenv("TF_ACC_TERRAFORM_PATH", fakeCLI(t, "Vagrant 2.4.1"))
	if cli, err := CurrentCLI(); err == nil {
		t.Errorf("CLI from a Vagrant version: got %s, want an error", cli)
	}
}

// SkipWithout skips with one message a feature for every test, naming the
// CLI and both minimums, so that a run's skips group by reason.
func TestSkipWithout(t *testing.T) {
	t.Setenv("TF_ACC_TERRAFORM_PATH", fakeCLI(t, "OpenTofu v1.10.10"))
	req := tfversion.CheckTerraformVersionRequest{TerraformVersion: version.Must(version.NewVersion("1.10.10"))}
	var resp tfversion.CheckTerraformVersionResponse
	SkipWithout(ImportForEach, Ephemeral)[0].CheckTerraformVersion(context.Background(), req, &resp)
	want := "OpenTofu 1.10.10 has no ephemeral resources (Terraform >= 1.10.0, OpenTofu >= 1.11.0): skipping test"
	if resp.Error != nil || resp.Skip != want {
		t.Errorf("got skip %q, error %v; want skip %q", resp.Skip, resp.Error, want)
	}
	resp = tfversion.CheckTerraformVersionResponse{}
	SkipWithout(ImportForEach)[0].CheckTerraformVersion(context.Background(), req, &resp)
	if resp.Error != nil || resp.Skip != "" {
		t.Errorf("import for_each on OpenTofu 1.10.10: got skip %q, error %v; want it to run", resp.Skip, resp.Error)
	}
	resp = tfversion.CheckTerraformVersionResponse{}
	SkipWithout(Query)[0].CheckTerraformVersion(context.Background(), req, &resp)
	if !strings.Contains(resp.Skip, "no OpenTofu release") {
		t.Errorf("query on OpenTofu: got skip %q, want it to say no OpenTofu release has it", resp.Skip)
	}
}
