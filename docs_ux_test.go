package main

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests hold the docs to what issue 27 (item 7) found missing: they
// read README.md and docs/index.md, and run the README's blocks where
// there is something to run.

// section is the text of the Markdown section that starts with heading,
// up to the next heading of the same level.
func section(t *testing.T, file, heading string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("%s has no section %q", file, heading)
	}
	rest := text[i+len(heading)+2:]
	level := heading[:strings.Index(heading, " ")+1]
	if j := strings.Index(rest, "\n"+level); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// flat joins a Markdown paragraph's lines, so phrases can be looked for
// across line breaks.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestDocsSecuritySaysOutputJSONPrintsSensitiveOutputs(t *testing.T) {
	for _, file := range []string{"README.md", "docs/index.md"} {
		sec := flat(section(t, file, "## Security"))
		for _, want := range []string{"`terraform output -json`", "prints sensitive outputs in clear text"} {
			if !strings.Contains(sec, want) {
				t.Errorf("%s: the Security section does not say %q", file, want)
			}
		}
	}
}

func TestDocsSayWhatResumingADestroyMeans(t *testing.T) {
	sec := flat(section(t, "docs/index.md", "## Waiting for changes to propagate"))
	for _, want := range []string{"the next destroy resumes it", `"Resumes" means`, "a delete already sent is not sent again",
		`"TRTC application ... is being deleted"`} {
		if !strings.Contains(sec, want) {
			t.Errorf("docs/index.md: the propagation section does not say %q", want)
		}
	}
}

func TestReadmeLocalBuildSaysWhatToDoWithModulesOrABackend(t *testing.T) {
	sec := flat(section(t, "README.md", "### Building from source"))
	for _, want := range []string{"modules or a backend", "Run it anyway: it configures the backend and installs the modules",
		"That error is expected"} {
		if !strings.Contains(sec, want) {
			t.Errorf("README.md: Building from source does not say %q", want)
		}
	}
}

// TestReadmeEmulatorInTheBackground runs the README's block that starts a
// built emulator in the background and stops it, on a free port and with
// the binary in a temporary directory; the emulator must have served and
// must be gone afterwards (a backgrounded go run would outlive its kill).
func TestReadmeEmulatorInTheBackground(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC not set: this test builds and runs the emulator")
	}
	for _, cmd := range []string{"go", "bash", "curl"} {
		if _, err := exec.LookPath(cmd); err != nil {
			t.Fatalf("%s not on PATH: %v", cmd, err)
		}
	}
	block := readmeBlock(t, "shell", "./bin/trtc-emulator --listen")
	if strings.Contains(block, "go run") {
		t.Fatalf("the background block uses go run:\n%s", block)
	}
	tmp := t.TempDir()
	addr := "127.0.0.1:" + freePort(t) // guide_test.go
	script := strings.NewReplacer("./bin/", tmp+"/", "127.0.0.1:8080", addr, "emulator.log", filepath.Join(tmp, "emulator.log")).Replace(block)
	script = "set -e\n" + script + "\necho \"stopped $emulator_pid\"\n"
	cmd := exec.Command("bash", "-c", script)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("the README's background block did not finish")
	}
	if err != nil || !strings.Contains(string(out), "stopped ") {
		t.Fatalf("the README's background block failed: %v\n%s", err, out)
	}
	logged, _ := os.ReadFile(filepath.Join(tmp, "emulator.log"))
	if !strings.Contains(string(logged), "listening on http://"+addr) {
		t.Errorf("the emulator did not serve on %s; its log:\n%s", addr, logged)
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Errorf("something still listens on %s after the block's kill", addr)
	}
}

// followModulesAndBackend runs the README's block for a configuration with
// modules or a backend, with the dev_overrides of env: the Usage
// configuration with a local backend and a local module. terraform init
// must set both up and stop at this provider, and plan then work.
func followModulesAndBackend(t *testing.T, work string, env []string, usage string) {
	t.Helper()
	block := readmeBlock(t, "shell", "terraform init   #")
	withBackend := strings.Replace(usage, "terraform {", "terraform {\n  backend \"local\" {\n    path = \"state/terraform.tfstate\"\n  }", 1) +
		"\nmodule \"extra\" {\n  source = \"./extra\"\n}\n"
	if err := os.MkdirAll(filepath.Join(work, "extra"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(withBackend), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "extra", "main.tf"), []byte("output \"name\" {\n  value = \"extra\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var commands []string
	for _, line := range strings.Split(block, "\n") {
		if cmd := strings.TrimSpace(strings.SplitN(line, "#", 2)[0]); cmd != "" {
			commands = append(commands, cmd)
		}
	}
	if len(commands) != 2 || commands[0] != "terraform init" || commands[1] != "terraform plan" {
		t.Fatalf("the README's modules-or-backend block should run terraform init, then terraform plan:\n%s", block)
	}
	out, err := run(t, work, env, "terraform", "init", "-no-color", "-input=false")
	if err == nil || !strings.Contains(out, "Failed to query available provider packages") {
		t.Fatalf("terraform init: want it to stop at the provider as the README says, got %v\n%s", err, out)
	}
	for _, want := range []string{`Successfully configured the backend "local"`, "- extra in extra"} {
		if !strings.Contains(out, want) {
			t.Errorf("terraform init did not say %q before stopping:\n%s", want, out)
		}
	}
	out, err = run(t, work, env, "terraform", "plan", "-no-color", "-input=false", "-detailed-exitcode")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(out, "Plan: 1 to add") {
		t.Fatalf("terraform plan after init with a backend and a module: want exit 2 and 1 to add, got %v\n%s", err, out)
	}
}
