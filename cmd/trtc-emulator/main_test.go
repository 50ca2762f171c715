package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
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
		"-seed", "(default 1)",
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
