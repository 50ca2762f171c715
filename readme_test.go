package main

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// These tests run what the README tells a new user to run, so a README that
// drifts from the build fails here. They need terraform and make, like the
// acceptance tests, so they run with TF_ACC=1 (make test sets it).

func requireCommands(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC not set: this test runs terraform and make")
	}
	for _, cmd := range []string{"terraform", "make", "bash"} {
		if _, err := exec.LookPath(cmd); err != nil {
			t.Fatalf("%s not on PATH: %v", cmd, err)
		}
	}
}

// readmeBlock returns the one fenced block of the given language in
// README.md whose text contains marker.
func readmeBlock(t *testing.T, lang, marker string) string {
	t.Helper()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, m := range regexp.MustCompile("(?ms)^```"+lang+"\n(.*?)^```").FindAllStringSubmatch(string(readme), -1) {
		if strings.Contains(m[1], marker) {
			found = append(found, m[1])
		}
	}
	if len(found) != 1 {
		t.Fatalf("README.md has %d ```%s blocks containing %q, want 1", len(found), lang, marker)
	}
	return found[0]
}

func run(t *testing.T, dir string, env []string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestReadmeLocalBuild follows "Building from source" and "Usage": make install,
// the dev_overrides block with its path replaced, then plan the Usage
// configuration without terraform init against an emulator.
func TestReadmeLocalBuild(t *testing.T) {
	requireCommands(t)
	t.Parallel()
	tmp := t.TempDir()
	gobin := filepath.Join(tmp, "bin")

	install := readmeBlock(t, "shell", "make install")
	if !strings.HasPrefix(install, "make install") {
		t.Fatalf("the README's install block should start with make install:\n%s", install)
	}
	if out, err := run(t, ".", []string{"GOBIN=" + gobin}, "make", "install"); err != nil {
		t.Fatalf("make install: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(gobin, "terraform-provider-trtc")); err != nil {
		t.Fatalf("make install did not put terraform-provider-trtc in GOBIN: %v", err)
	}

	overrides := readmeBlock(t, "hcl", "dev_overrides")
	const placeholder = `"/home/you/go/bin"`
	if !strings.Contains(overrides, placeholder) {
		t.Fatalf("the README's dev_overrides block should point at %s (the text says to replace it):\n%s", placeholder, overrides)
	}
	rc := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(rc, []byte(strings.Replace(overrides, placeholder, `"`+gobin+`"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}

	work := filepath.Join(tmp, "work")
	usage := readmeBlock(t, "terraform", `resource "trtc_application"`)
	if err := os.MkdirAll(work, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(usage), 0o600); err != nil {
		t.Fatal(err)
	}

	emu := emulator.New(emulator.Config{})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	env := []string{
		"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "TF_ACC=", "TRTC_ENDPOINT=" + srv.URL,
		"TENCENTCLOUD_SECRET_ID=" + emulator.DefaultSecretID, "TENCENTCLOUD_SECRET_KEY=" + emulator.DefaultSecretKey,
		"TENCENTCLOUD_SECURITY_TOKEN=", "TENCENTCLOUD_PROFILE=", "TENCENTCLOUD_REGION=",
	}
	// No terraform init: dev_overrides make plan use the local build.
	out, err := run(t, work, env, "terraform", "plan", "-no-color", "-input=false", "-detailed-exitcode")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("terraform plan of the README's Usage without init: want exit 2 (changes), got %v\n%s", err, out)
	}
	for _, want := range []string{"Provider development overrides are in effect", "trtc_application.call will be created", "Plan: 1 to add"} {
		if !strings.Contains(out, want) {
			t.Errorf("terraform plan output lacks %q:\n%s", want, out)
		}
	}
	followModulesAndBackend(t, filepath.Join(tmp, "modules"), env, usage)
}

// TestDemoKeepsItsConfigurationOnRequest runs `make demo` as the README
// says, with and without KEEP=1: it prints where its configuration is, keeps
// it only on request, and explains every error code of its closing stats.
func TestDemoKeepsItsConfigurationOnRequest(t *testing.T) {
	requireCommands(t)
	for _, keep := range []bool{true, false} {
		name := map[bool]string{true: "KEEP=1", false: "default"}[keep]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := []string{"KEEP=0"}
			if keep {
				env = []string{"KEEP=1"}
			}
			out, err := run(t, ".", env, "make", "demo")
			if err != nil {
				t.Fatalf("make demo: %v\n%s", err, out)
			}
			m := regexp.MustCompile(`(?m)^configuration: (\S+) `).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("the demo does not say where its configuration is:\n%s", out)
			}
			dir := m[1]
			_, statErr := os.Stat(filepath.Join(dir, "main.tf"))
			if keep {
				t.Cleanup(func() { os.RemoveAll(filepath.Dir(dir)) })
				if statErr != nil {
					t.Errorf("KEEP=1: configuration %s not kept: %v", dir, statErr)
				}
				if _, err := os.Stat(filepath.Join(dir, "terraform.tfstate")); err != nil {
					t.Errorf("KEEP=1: state not kept in %s: %v", dir, err)
				}
				if !strings.Contains(out, "kept (KEEP=1): configuration and state in "+dir) {
					t.Errorf("KEEP=1: the demo does not say what it kept:\n%s", out)
				}
			} else if !errors.Is(statErr, os.ErrNotExist) {
				t.Errorf("without KEEP=1 the configuration %s should be removed, stat: %v", dir, statErr)
			}
			checkStatsExplained(t, out)
		})
	}
}

// checkStatsExplained finds the emulator's stats in the demo output and
// checks each error code there has its explanation line, as normal waiting.
func checkStatsExplained(t *testing.T, out string) {
	t.Helper()
	line := regexp.MustCompile(`(?m)^\{"calls":.*$`).FindString(out)
	var stats emulator.Stats
	if err := json.Unmarshal([]byte(line), &stats); err != nil {
		t.Fatalf("no emulator stats in the demo output (%v):\n%s", err, out)
	}
	if stats.Calls["trtc.CreateTrtcApp"] == 0 || stats.Calls["trtc.DeleteTrtcApp"] == 0 {
		t.Errorf("stats show no create or delete: %v", stats.Calls)
	}
	if len(stats.Errors) == 0 && !strings.Contains(out, "error codes: none") {
		t.Errorf("no error codes, and the demo does not say so:\n%s", out)
	}
	for code, n := range stats.Errors {
		explained := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(code) + ` \(\d+\): (.*)$`).FindStringSubmatch(out)
		switch {
		case explained == nil:
			t.Errorf("error code %s (%d) in the stats has no explanation:\n%s", code, n, out)
		case strings.HasPrefix(explained[1], "unexpected"):
			t.Errorf("a clean demo run answered %s %d times: %s", code, n, explained[1])
		}
	}
}

// TestReadmeInstallNamesTheRelease keeps the README's version constraints
// (Install, Usage) in step with the newest release of CHANGELOG.md: "~> X.Y"
// must accept it, or a reader copying a block would not get it.
func TestReadmeInstallNamesTheRelease(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	changelog, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	rel := regexp.MustCompile(`(?m)^## (\d+)\.(\d+)\.(\d+) \((?:[A-Z][a-z]+ [1-9]\d?, \d{4}|Unreleased)\)$`).FindStringSubmatch(string(changelog))
	if rel == nil {
		t.Fatal(`CHANGELOG.md has no release section "## X.Y.Z (Month D, YYYY)"`)
	}
	constraints := regexp.MustCompile(`source\s*=\s*"trtc-oss/trtc"\s+version\s*=\s*"~> (\d+)\.(\d+)"`).FindAllStringSubmatch(string(readme), -1)
	if len(constraints) == 0 {
		t.Fatal(`README.md has no required_providers entry with source "trtc-oss/trtc" and version "~> X.Y"`)
	}
	for _, m := range constraints {
		if m[1] != rel[1] || (m[1] == "0" && m[2] != rel[2]) {
			t.Errorf("README.md says %s, CHANGELOG.md's newest release is %s.%s.%s", m[0], rel[1], rel[2], rel[3])
		}
	}
}
