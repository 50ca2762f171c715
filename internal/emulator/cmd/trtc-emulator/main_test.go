package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"strings"
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
// "listening on" line, asks /_emulator/health, then cancels.
func TestServesAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--listen", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok {
		t.Fatalf("first line %q", line)
	}
	resp, err := http.Get(url + "/_emulator/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.TrimSpace(string(body)) != `{"ok":true}` {
		t.Fatalf("health = %s", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}

func TestNotFoundFlags(t *testing.T) {
	o, err := parseFlags([]string{"--not-found-code", emulator.NotFoundCodeModel, "--other-account-apps", "1300000001,1300000002"}, io.Discard)
	if err != nil || o.cfg.NotFoundCode != emulator.NotFoundCodeModel || len(o.cfg.OtherAccountApps) != 2 || o.cfg.OtherAccountApps[1] != 1300000002 {
		t.Fatalf("parsed %+v, %v", o.cfg, err)
	}
	for _, args := range [][]string{{"--not-found-code", "ResourceNotFound"}, {"--other-account-apps", "x"}} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
