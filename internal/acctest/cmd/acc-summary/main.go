// Command acc-summary reads the `go test -json` output of one acceptance run
// and prints how many top-level tests passed, skipped and failed, the skips
// grouped by reason (a test's last log line before it skipped) and, for a
// failure, the failed tests' output. It exits 1 when a test failed, when
// no test passed, or with -no-cli-skips when a test skipped for a feature
// its CLI lacks (the newest CLI of a run must have them all).
//
//	acc-summary -label "Terraform 1.5.7" run.json
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("acc-summary", flag.ContinueOnError)
	flags.SetOutput(stderr)
	label := flags.String("label", "", "what ran (the CLI and its version), first word of the summary")
	noCLISkips := flags.Bool("no-cli-skips", false, "fail when a test skipped for a feature the CLI lacks")
	if err := flags.Parse(args); err != nil || flags.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: acc-summary -label LABEL [-no-cli-skips] FILE.json")
		return 2
	}
	f, err := os.Open(flags.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer f.Close()
	r, err := summarize(f)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", flags.Arg(0), err)
		return 2
	}
	return r.report(stdout, *label, *noCLISkips)
}

// event is a line of `go test -json` (test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type timed struct {
	test    string
	elapsed float64
}

type results struct {
	passed, failed []string
	skipped        map[string][]string // reason → tests
	output         map[string][]string // test → its output lines
	elapsed        time.Duration       // the slowest package's
	slowest        []timed             // top-level tests, slowest first
	broken         []string            // package-level failures with no failed test (build, panic, timeout)
}

var logLine = regexp.MustCompile(`^\s+\S+\.go:\d+: (.*)$`)

func summarize(in io.Reader) (*results, error) {
	r := &results{skipped: map[string][]string{}, output: map[string][]string{}}
	failedIn := map[string]bool{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("not go test -json output: %w", err)
		}
		if e.Test == "" {
			switch e.Action {
			case "output":
				r.output[e.Package] = append(r.output[e.Package], strings.TrimRight(e.Output, "\n"))
			case "pass", "fail":
				r.elapsed = max(r.elapsed, time.Duration(e.Elapsed*float64(time.Second)))
				if e.Action == "fail" && !failedIn[e.Package] {
					r.broken = append(r.broken, e.Package)
				}
			}
			continue
		}
		top := !strings.Contains(e.Test, "/")
		switch e.Action {
		case "output":
			r.output[e.Test] = append(r.output[e.Test], strings.TrimRight(e.Output, "\n"))
		case "pass":
			if top {
				r.passed = append(r.passed, e.Test)
				r.slowest = append(r.slowest, timed{e.Test, e.Elapsed})
			}
		case "fail":
			failedIn[e.Package] = true
			if top {
				r.failed = append(r.failed, e.Test)
				r.slowest = append(r.slowest, timed{e.Test, e.Elapsed})
			}
		case "skip":
			if top {
				reason := "(no reason logged)"
				for _, line := range r.output[e.Test] {
					if m := logLine.FindStringSubmatch(line); m != nil {
						reason = m[1]
					}
				}
				r.skipped[reason] = append(r.skipped[reason], e.Test)
			}
		}
	}
	return r, sc.Err()
}

// cliSkip matches the skip messages of acctest.SkipWithout and
// tfversion.SkipBelow.
var cliSkip = regexp.MustCompile(`has no .* \(Terraform >= .*\): skipping test|below minimum version`)

func (r *results) report(w io.Writer, label string, noCLISkips bool) int {
	nSkipped := 0
	for _, tests := range r.skipped {
		nSkipped += len(tests)
	}
	fmt.Fprintf(w, "%s: %d passed, %d skipped, %d failed (%.0f s)\n", label, len(r.passed), nSkipped, len(r.failed), r.elapsed.Seconds())
	// The longest tests bound the run's time however parallel it is.
	sort.SliceStable(r.slowest, func(i, j int) bool { return r.slowest[i].elapsed > r.slowest[j].elapsed })
	if len(r.slowest) > 0 {
		var names []string
		for _, t := range r.slowest[:min(3, len(r.slowest))] {
			names = append(names, fmt.Sprintf("%s %.0f s", t.test, t.elapsed))
		}
		fmt.Fprintf(w, "  slowest: %s\n", strings.Join(names, ", "))
	}
	reasons := make([]string, 0, len(r.skipped))
	for reason := range r.skipped {
		reasons = append(reasons, reason)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if a, b := len(r.skipped[reasons[i]]), len(r.skipped[reasons[j]]); a != b {
			return a > b
		}
		return reasons[i] < reasons[j]
	})
	code := 0
	for _, reason := range reasons {
		tests := r.skipped[reason]
		sort.Strings(tests)
		fmt.Fprintf(w, "  skipped %d: %s\n    %s\n", len(tests), reason, strings.Join(tests, " "))
		if noCLISkips && cliSkip.MatchString(reason) {
			fmt.Fprintf(w, "  %s should have every feature the tests need, and skipped %d for this\n", label, len(tests))
			code = 1
		}
	}
	for _, test := range r.failed {
		fmt.Fprintf(w, "--- FAIL: %s\n", test)
		printTail(w, r.output[test], 60)
	}
	for _, pkg := range r.broken {
		fmt.Fprintf(w, "FAIL %s (outside any test):\n", pkg)
		printTail(w, r.output[pkg], 40)
	}
	switch {
	case len(r.failed) > 0 || len(r.broken) > 0:
		fmt.Fprintf(w, "%s: the acceptance run failed\n", label)
		return 1
	case len(r.passed) == 0:
		fmt.Fprintf(w, "%s: no test ran\n", label)
		return 1
	}
	return code
}

func printTail(w io.Writer, lines []string, n int) {
	if len(lines) > n {
		fmt.Fprintf(w, "    ... (%d lines before)\n", len(lines)-n)
		lines = lines[len(lines)-n:]
	}
	for _, line := range lines {
		fmt.Fprintln(w, line)
	}
}
