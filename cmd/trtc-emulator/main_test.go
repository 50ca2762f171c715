package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

func TestHelpPrintsEveryFlagWithDefault(t *testing.T) {
	var out bytes.Buffer
	_, err := parseFlags([]string{"--help"}, &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("--help: %v", err)
	}
	help := out.String()
	for _, want := range []string{
		"-listen", `(default "127.0.0.1:8080")`,
		"-secret-id", emulator.DefaultSecretID,
		"-secret-key", emulator.DefaultSecretKey,
		"-uin", emulator.DefaultUIN,
		"-propagation-delay", `(default "3s-5s")`,
		"-random-seed", "(default 1)",
		"-seed", "former name of --random-seed",
		"-state-file", "across restarts",
		"-fleet", "preload",
		"-rate-limit", "(default 20)",
		"-admin-token", "beyond loopback",
		"-not-found-code", `(default "FailedOperation.SdkAppIdNotExist")`,
		"-other-account-apps",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
}

func TestParseDelay(t *testing.T) {
	for _, tc := range []struct {
		in     string
		lo, hi time.Duration
		ok     bool
	}{
		{"4s", 4 * time.Second, 4 * time.Second, true},
		{"3m-5m", 3 * time.Minute, 5 * time.Minute, true},
		{"1s - 2s", time.Second, 2 * time.Second, true},
		{"5m-3m", 0, 0, false},
		{"0s", 0, 0, false},
		{"soon", 0, 0, false},
		{"1s-", 0, 0, false},
	} {
		lo, hi, err := parseDelay(tc.in)
		if (err == nil) != tc.ok || (tc.ok && (lo != tc.lo || hi != tc.hi)) {
			t.Errorf("parseDelay(%q) = %s, %s, %v", tc.in, lo, hi, err)
		}
	}
}

func TestFlagsReachConfig(t *testing.T) {
	o, err := parseFlags([]string{"--listen", "127.0.0.1:0", "--uin", "123", "--propagation-delay", "1m-2m", "--seed", "9", "--rate-limit", "0"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.listen != "127.0.0.1:0" || o.cfg.UIN != "123" || o.cfg.PropagationMin != time.Minute || o.cfg.PropagationMax != 2*time.Minute ||
		o.cfg.Seed != 9 || o.cfg.RateLimit >= 0 {
		t.Fatalf("options = %+v", o)
	}
	if o, err = parseFlags([]string{"--random-seed", "11", "--state-file", "s.json"}, io.Discard); err != nil || o.cfg.Seed != 11 || o.cfg.StateFile != "s.json" {
		t.Fatalf("--random-seed 11 --state-file s.json: %+v, %v", o, err)
	}
}

// TestBadStateOrFleetFileFailsAtStartNamingIt: the command refuses to
// serve an account it could not load, and says which file.
func TestBadStateOrFleetFileFailsAtStartNamingIt(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	fleet := filepath.Join(dir, "fleet.json")
	if err := os.WriteFile(state, []byte(`{"format": 1, "apps": [`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fleet, []byte(`{"apps": [{"name": "sixteen_chars_xx"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ flag, path, want string }{
		{"--state-file", state, "state file " + state},
		{"--fleet", fleet, "fleet file " + fleet + `: apps[0] ("sixteen_chars_xx"): InvalidParameterValue.AppName`},
		{"--fleet", filepath.Join(dir, "absent.json"), "fleet file " + filepath.Join(dir, "absent.json")},
	} {
		var stdout bytes.Buffer
		err := run(context.Background(), []string{"--listen", "127.0.0.1:0", tc.flag, tc.path}, &stdout, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s: %v; want an error containing %q", tc.flag, tc.path, err, tc.want)
		}
		if strings.Contains(stdout.String(), "listening") {
			t.Errorf("%s %s: served anyway", tc.flag, tc.path)
		}
	}
}

// TestStateFileKeepsAnAppAcrossARestart runs the command twice on one
// state file: the application made in the first run is served by the second.
func TestStateFileKeepsAnAppAcrossARestart(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	fleet := filepath.Join(t.TempDir(), "fleet.json")
	if err := os.WriteFile(fleet, []byte(`{"apps": [{"name": "from_fleet", "tags": {"env": "ci"}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for run := 0; run < 2; run++ {
		t.Run(strconv.Itoa(run), func(t *testing.T) { // its cleanup stops the command before the next run
			url, stderr := startRun(t, "--listen", "127.0.0.1:0", "--state-file", state, "--fleet", fleet)
			if run == 0 {
				resp, err := http.Post(url+"/_emulator/account", "application/json", strings.NewReader(`{"app_quota": 7}`))
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
			}
			apps := getBody(t, url+"/_emulator/apps")
			if strings.Count(apps, `"AppName":"from_fleet"`) != 1 || !strings.Contains(apps, `"env":"ci"`) {
				t.Fatalf("apps = %s", apps)
			}
			if account := getBody(t, url+"/_emulator/account"); !strings.Contains(account, `"app_quota":7`) {
				t.Errorf("account = %s, want the app_quota 7 set before the restart", account)
			}
			if !strings.Contains(stderr.String(), "state file "+state+": 1 applications") {
				t.Errorf("stderr does not report the state file: %s", stderr.String())
			}
			if ignored := strings.Contains(stderr.String(), "--fleet "+fleet+" not loaded"); ignored != (run == 1) {
				t.Errorf("run %d: the fleet's not-loaded line is there: %v, want %v: %s", run, ignored, run == 1, stderr.String())
			}
		})
	}
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// TestServesAndShutsDown starts the command on a free port, waits for its
// "listening on" line, asks /_emulator/health, then cancels (startRun's
// cleanup checks the shutdown).
func TestServesAndShutsDown(t *testing.T) {
	url, _ := startRun(t, "--listen", "127.0.0.1:0")
	resp, err := http.Get(url + "/_emulator/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.TrimSpace(string(body)) != `{"ok":true}` {
		t.Fatalf("health = %s", body)
	}
}

// startRun starts the command with args and returns its URL and stderr.
func startRun(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, pw, stderr)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no listening line: %v (stderr %s)", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok {
		t.Fatalf("first line %q", line)
	}
	return url, stderr
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func healthStatus(t *testing.T, url, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url+"/_emulator/health", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Beyond loopback the emulator refuses to start without an admin token.
func TestListenBeyondLoopbackNeedsAdminToken(t *testing.T) {
	// Should it serve instead, the deadline ends it and the test fails.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := run(ctx, []string{"--listen", "0.0.0.0:0"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--admin-token") {
		t.Fatalf("run = %v, want a refusal naming --admin-token", err)
	}
}

// With a token beyond loopback: a warning, and the admin API refuses
// requests without the token.
func TestListenBeyondLoopbackWarnsAndGuardsAdmin(t *testing.T) {
	url, stderr := startRun(t, "--listen", "0.0.0.0:0", "--admin-token", "tok-123")
	url = strings.Replace(url, "0.0.0.0", "127.0.0.1", 1)
	if !strings.Contains(stderr.String(), "warning: listening on") {
		t.Errorf("no warning on stderr: %q", stderr.String())
	}
	if code := healthStatus(t, url, ""); code != http.StatusUnauthorized {
		t.Errorf("health without the token: HTTP %d, want 401", code)
	}
	if code := healthStatus(t, url, "tok-123"); code != http.StatusOK {
		t.Errorf("health with the token: HTTP %d, want 200", code)
	}
}

// On loopback nothing changes: no warning, the admin API needs no token.
func TestLoopbackNeedsNoToken(t *testing.T) {
	url, stderr := startRun(t, "--listen", "127.0.0.1:0")
	if code := healthStatus(t, url, ""); code != http.StatusOK {
		t.Errorf("health: HTTP %d", code)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("warning on loopback: %q", stderr.String())
	}
}

func TestVersionPrintsAndExits(t *testing.T) {
	var out bytes.Buffer
	// No listener is opened: an occupied or forbidden --listen would fail.
	if err := run(context.Background(), []string{"--version", "--listen", "256.0.0.1:1"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "trtc-emulator dev\n" {
		t.Errorf("--version = %q, want the unstamped %q", got, "trtc-emulator dev\n")
	}
}

// TestVersionStampedByLdflags builds the command as a release does and runs
// the binary: the -X path must name this package's variable.
func TestVersionStampedByLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "trtc-emulator")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.8.7", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "trtc-emulator v9.8.7\n" {
		t.Errorf("--version = %q, want %q", out, "trtc-emulator v9.8.7\n")
	}
}

// TestReadmeNamesEveryFlag keeps the README's flag table and the command in
// step, both ways.
func TestReadmeNamesEveryFlag(t *testing.T) {
	var help bytes.Buffer
	_, _ = parseFlags([]string{"--help"}, &help)
	inHelp := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(help.String(), -1) {
		inHelp[m[1]] = true
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	inReadme := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `--([a-z-]+)` \\|").FindAllStringSubmatch(string(readme), -1) {
		inReadme[m[1]] = true
	}
	inReadme["seed"] = inReadme["random-seed"] // named in --random-seed's row as its former name
	for name := range inHelp {
		if !inReadme[name] {
			t.Errorf("the README's emulator flag table lacks --%s", name)
		}
	}
	for name := range inReadme {
		if !inHelp[name] {
			t.Errorf("the README names --%s, which the command does not have", name)
		}
	}
}

// TestReadmeFleetExampleLoads: the README's fleet file is one the command
// accepts, with the applications it shows.
func TestReadmeFleetExampleLoads(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?ms)^```json\n(\\{\n  \"account\".*?)^```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no fleet example")
	}
	path := filepath.Join(t.TempDir(), "fleet.json")
	if err := os.WriteFile(path, m[1], 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := parseFlags([]string{"--fleet", path}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.cfg.Fleet == nil || len(o.cfg.Fleet.Apps) != 3 || o.cfg.Fleet.Apps[2].Status != "Disabled" {
		t.Fatalf("the README's fleet reads as %+v", o.cfg.Fleet)
	}
}
