package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// events builds `go test -json` lines: test, action, output.
func events(lines ...[3]string) string {
	var b strings.Builder
	for _, l := range lines {
		out := strings.ReplaceAll(l[2], `"`, `\"`)
		b.WriteString(`{"Action":"` + l[1] + `","Package":"p","Test":"` + l[0] + `","Output":"` + out + `\n"}` + "\n")
	}
	return b.String()
}

const versionSkip = "Terraform 1.5.7 has no resource identity (Terraform >= 1.12.0, OpenTofu >= 1.12.0): skipping test"

func summaryOf(t *testing.T, input string, args ...string) (string, int) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "run.json")
	if err := os.WriteFile(file, []byte(input), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	code := run(append(args, file), &stdout, &stderr)
	return stdout.String() + stderr.String(), code
}

func TestSummary(t *testing.T) {
	run := events(
		[3]string{"TestA", "output", "=== RUN   TestA"},
		[3]string{"TestB", "output", "    b_test.go:12: created 3 applications"},
		[3]string{"TestA/sub", "pass", ""}, // subtests are not counted
		[3]string{"TestA", "pass", ""},
		[3]string{"TestC", "output", "    c_test.go:40: " + versionSkip},
		[3]string{"TestB", "output", "    b_test.go:20: " + versionSkip},
		[3]string{"TestB", "skip", ""},
		[3]string{"TestC", "skip", ""},
		[3]string{"TestD", "output", "    d_test.go:3: acceptance test: set TF_ACC=1"},
		[3]string{"TestD", "skip", ""},
	)
	out, code := summaryOf(t, run, "-label", "Terraform 1.5.7")
	for _, want := range []string{
		"Terraform 1.5.7: 1 passed, 3 skipped, 0 failed",
		"  slowest: TestA 0 s\n",
		"  skipped 2: " + versionSkip + "\n    TestB TestC\n",
		"  skipped 1: acceptance test: set TF_ACC=1\n    TestD\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d, want 0:\n%s", code, out)
	}
	if out, code := summaryOf(t, run, "-label", "Terraform 1.14.9", "-no-cli-skips"); code != 1 {
		t.Errorf("with -no-cli-skips and 2 skips for a missing feature: exit %d, want 1:\n%s", code, out)
	}
}

func TestSummaryFails(t *testing.T) {
	for name, input := range map[string]string{
		"a failed test": events(
			[3]string{"TestA", "pass", ""},
			[3]string{"TestB", "output", "    b_test.go:9: boom"},
			[3]string{"TestB", "fail", ""},
		),
		"no test passed":  events([3]string{"TestA", "output", "    a_test.go:3: acceptance test: set TF_ACC=1"}, [3]string{"TestA", "skip", ""}),
		"a build failure": `{"Action":"output","Package":"p","Output":"# p\n"}` + "\n" + `{"Action":"fail","Package":"p","Elapsed":0}` + "\n",
	} {
		out, code := summaryOf(t, input, "-label", "Terraform 1.11.4")
		if code != 1 {
			t.Errorf("%s: exit %d, want 1:\n%s", name, code, out)
		}
		if name == "a failed test" && !strings.Contains(out, "--- FAIL: TestB\n    b_test.go:9: boom") {
			t.Errorf("%s: the failure's output is missing:\n%s", name, out)
		}
	}
}
