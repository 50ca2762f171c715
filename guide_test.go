package main

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// The guide "Testing your modules" (docs/guides/testing-modules.md) is run
// as written, like the README (readme_test.go): its install command, its CI
// commands and its unit-test command, on a copy of the example module.

const guidePath = "docs/guides/testing-modules.md"

// guideBlock returns the one ```shell block of the guide that contains marker.
func guideBlock(t *testing.T, marker string) string {
	t.Helper()
	guide, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, m := range regexp.MustCompile("(?ms)^```shell\n(.*?)^```").FindAllStringSubmatch(string(guide), -1) {
		if strings.Contains(m[1], marker) {
			found = append(found, m[1])
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s has %d shell blocks containing %q, want 1", guidePath, len(found), marker)
	}
	return found[0]
}

// terraformAtLeast17 reports whether the terraform on PATH has mock_provider.
func terraformAtLeast17(t *testing.T) bool {
	t.Helper()
	out, err := exec.Command("terraform", "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Terraform v1\.(\d+)\.`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("terraform version: %s", out)
	}
	minor, _ := strconv.Atoi(string(m[1]))
	return minor >= 7
}

// moduleProxy writes a GOPROXY directory serving this commit (git archive
// of HEAD) as version v0.99.0-guide, so that the guide's go install ...@latest
// runs as a user's would, without the network: dependencies come from the
// module cache, read as a proxy.
func moduleProxy(t *testing.T, dir string) string {
	t.Helper()
	const module, version = "github.com/trtc-oss/terraform-provider-trtc", "v0.99.0-guide"
	at := filepath.Join(dir, module, "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("git", "archive", "--format=zip", "--prefix="+module+"@"+version+"/", "-o", filepath.Join(at, version+".zip"), "HEAD").CombinedOutput(); err != nil {
		t.Skipf("git archive HEAD (needs a git checkout): %v %s", err, out)
	}
	mod, err := exec.Command("git", "show", "HEAD:go.mod").Output()
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{version + ".mod": string(mod), version + ".info": `{"Version":"` + version + `"}`, "list": version + "\n"} {
		if err := os.WriteFile(filepath.Join(at, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + dir + ",file://" + filepath.Join(strings.TrimSpace(string(cache)), "cache", "download")
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func TestGuideTestingModules(t *testing.T) {
	requireCommands(t)
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatalf("curl not on PATH (the guide's CI commands use it): %v", err)
	}
	if !terraformAtLeast17(t) {
		t.Skip("NOTE: the terraform on PATH is older than 1.7: the example module's tests use mock_provider")
	}
	t.Parallel()
	tmp := t.TempDir()
	gobin := filepath.Join(tmp, "gobin")

	// Install: the guide's go install, from this commit served as a proxy.
	install := guideBlock(t, "go install")
	env := []string{
		"GOBIN=" + gobin, "GOPROXY=" + moduleProxy(t, filepath.Join(tmp, "proxy")), "GOSUMDB=off", "GOFLAGS=-modcacherw",
		"GOMODCACHE=" + filepath.Join(tmp, "modcache"), // the test's version stays out of the shared cache
		"PATH=" + gobin + string(os.PathListSeparator) + os.Getenv("PATH"),
	}
	out, err := run(t, tmp, env, "bash", "-euo", "pipefail", "-c", install)
	if err != nil {
		t.Fatalf("the guide's install commands: %v\n%s", err, out)
	}
	if !strings.Contains(out, "trtc-emulator v0.99.0-guide") {
		t.Errorf("trtc-emulator --version after go install ...@latest: %q, want the module version", out)
	}

	// The provider, through dev_overrides (a released one would come from
	// the registry at terraform init).
	if out, err := run(t, ".", nil, "go", "build", "-o", filepath.Join(tmp, "provider", "terraform-provider-trtc"), "."); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	rc := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(rc, []byte(`provider_installation {
  dev_overrides {
    "registry.terraform.io/trtc-oss/trtc" = "`+filepath.Join(tmp, "provider")+`"
  }
  direct {}
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	module := filepath.Join(tmp, "trtc-app-env")
	if out, err := run(t, ".", nil, "cp", "-r", "examples/modules/trtc-app-env", module); err != nil {
		t.Fatalf("copying the example module: %v\n%s", err, out)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "TF_CLI_ARGS_test=-no-color", "TF_ACC=", "RUNNER_TEMP="+tmp,
		"TRTC_ENDPOINT=", "TENCENTCLOUD_SECRET_ID=", "TENCENTCLOUD_SECRET_KEY=", "TENCENTCLOUD_SECURITY_TOKEN=", "TENCENTCLOUD_PROFILE=", "TENCENTCLOUD_REGION=")

	// CI: the guide's commands, on a free port instead of 8080; the
	// background emulator is stopped when they end.
	ci := guideBlock(t, "terraform init")
	for _, want := range []string{"--propagation-delay 1s", "--state-file", "TRTC_ENDPOINT=", emulator.DefaultSecretID, emulator.DefaultSecretKey} {
		if !strings.Contains(ci, want) {
			t.Errorf("the guide's CI commands lack %q", want)
		}
	}
	ci = strings.ReplaceAll(ci, "127.0.0.1:8080", "127.0.0.1:"+freePort(t))
	// The one substitution: dev_overrides stand in for the registry that
	// terraform init installs a release from (and Terraform says to skip
	// init with them: it would still ask the registry).
	if !strings.Contains(ci, "\nterraform init\n") {
		t.Fatalf("the guide's CI commands do not run terraform init on a line of its own:\n%s", ci)
	}
	ci = strings.Replace(ci, "\nterraform init\n", "\n: terraform init, replaced by dev_overrides\n", 1)
	out, err = run(t, module, env, "bash", "-euo", "pipefail", "-c", "trap 'kill $(jobs -p) 2>/dev/null' EXIT\n"+ci)
	if err != nil {
		t.Fatalf("the guide's CI commands: %v\n%s", err, out)
	}
	for _, want := range []string{`run "creates_a_tagged_application"... pass`, `run "disables_the_application"... pass`, "Success! 7 passed, 0 failed."} {
		if !strings.Contains(out, want) {
			t.Errorf("the guide's CI commands' output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "trtc-emulator.json")); err != nil {
		t.Errorf("the emulator wrote no state file where the guide says: %v", err)
	}

	// Unit tests: no emulator, no endpoint.
	unit := guideBlock(t, "-filter=tests/unit.tftest.hcl")
	out, err = run(t, module, env, "bash", "-euo", "pipefail", "-c", unit)
	if err != nil || !strings.Contains(out, "Success! 3 passed, 0 failed.") {
		t.Fatalf("the guide's unit-test command: %v\n%s", err, out)
	}
}
