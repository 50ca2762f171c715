// Command trtc-emulator serves the emulated TRTC control plane (trtc, tag
// and sts services plus the /_emulator/ admin surface) on one HTTP port.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// version is stamped by a release (-ldflags "-X main.version=v1.2.3"), as
// the provider's is; a plain build or go install says "dev".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "trtc-emulator:", err)
		stop()
		os.Exit(2)
	}
}

// options are the parsed command line.
type options struct {
	listen      string
	cfg         emulator.Config
	propagation string
	rateLimit   float64
	otherApps   string
	fleet       string
	version     bool
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("trtc-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: trtc-emulator [flags]\n\nServes the TRTC control-plane emulator (trtc, tag, sts and /_emulator/) on one port.\n\nFlags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8080", "address to serve on; beyond loopback, --admin-token is required")
	fs.StringVar(&o.cfg.AdminToken, "admin-token", "", "token the unsigned /_emulator/ admin API then requires as \"Authorization: Bearer <token>\"; required when --listen is not a loopback address")
	fs.StringVar(&o.cfg.SecretID, "secret-id", emulator.DefaultSecretID, "SecretId the emulator accepts")
	fs.StringVar(&o.cfg.SecretKey, "secret-key", emulator.DefaultSecretKey, "SecretKey of that SecretId")
	fs.StringVar(&o.cfg.UIN, "uin", emulator.DefaultUIN, "account ID (uin) of the emulated account")
	fs.StringVar(&o.propagation, "propagation-delay", "3s-5s", "delay before enable/disable/delete take effect: one duration (4m) or a range (3m-5m)")
	fs.Int64Var(&o.cfg.Seed, "random-seed", 1, "seed of random propagation delays, faults and generated keys")
	fs.Int64Var(&o.cfg.Seed, "seed", 1, "the former name of --random-seed")
	fs.StringVar(&o.cfg.StateFile, "state-file", "", "keep the account (applications, tags, subscriptions, quotas, pending changes, clock) in this JSON file across restarts; a missing file starts afresh")
	fs.StringVar(&o.fleet, "fleet", "", "JSON file of applications (tags, editions, statuses) to preload into a fresh account; an existing --state-file wins")
	fs.Float64Var(&o.rateLimit, "rate-limit", emulator.DefaultRateLimit, "requests per second per action; 0 turns the limit off")
	fs.StringVar(&o.cfg.NotFoundCode, "not-found-code", emulator.NotFoundCodes[0], "error code for an unknown or deleted SdkAppId: "+strings.Join(emulator.NotFoundCodes, " or "))
	fs.StringVar(&o.otherApps, "other-account-apps", "", "comma-separated SdkAppIds of another account (answered UnauthorizedOperation.SdkAppId)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.version {
		return o, nil
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	var err error
	if o.cfg.PropagationMin, o.cfg.PropagationMax, err = parseDelay(o.propagation); err != nil {
		return o, err
	}
	if !slices.Contains(emulator.NotFoundCodes, o.cfg.NotFoundCode) {
		return o, fmt.Errorf("--not-found-code %q: want one of %s", o.cfg.NotFoundCode, strings.Join(emulator.NotFoundCodes, ", "))
	}
	for _, field := range strings.FieldsFunc(o.otherApps, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseUint(field, 10, 64)
		if err != nil || id == 0 {
			return o, fmt.Errorf("--other-account-apps: %q is not an SdkAppId", field)
		}
		o.cfg.OtherAccountApps = append(o.cfg.OtherAccountApps, id)
	}
	if o.fleet != "" {
		if o.cfg.Fleet, err = emulator.ReadFleet(o.fleet); err != nil {
			return o, err
		}
	}
	o.cfg.RateLimit = o.rateLimit
	if o.rateLimit <= 0 {
		o.cfg.RateLimit = -1
	}
	return o, nil
}

// versionString is the stamped version, else the module version go install
// pkg@v1.2.3 records in the binary, else "dev".
func versionString() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}

// parseDelay reads "4s" or "3m-5m".
func parseDelay(s string) (lo, hi time.Duration, err error) {
	first, second, isRange := strings.Cut(s, "-")
	if lo, err = time.ParseDuration(strings.TrimSpace(first)); err != nil {
		return 0, 0, fmt.Errorf("--propagation-delay %q: %w", s, err)
	}
	hi = lo
	if isRange {
		if hi, err = time.ParseDuration(strings.TrimSpace(second)); err != nil {
			return 0, 0, fmt.Errorf("--propagation-delay %q: %w", s, err)
		}
	}
	if lo <= 0 || hi < lo {
		return 0, 0, fmt.Errorf("--propagation-delay %q: want a positive duration or a range low-high", s)
	}
	return lo, hi, nil
}

// run serves until ctx ends (SIGINT or SIGTERM in main), then shuts down
// gracefully.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if o.version {
		fmt.Fprintln(stdout, "trtc-emulator", versionString())
		return nil
	}
	o.cfg.Log = timestamped{stderr}
	if _, err := os.Stat(o.cfg.StateFile); err == nil && o.fleet != "" {
		fmt.Fprintf(o.cfg.Log, "--fleet %s not loaded: the state file %s already holds the account\n", o.fleet, o.cfg.StateFile)
	}
	emu, err := emulator.Open(o.cfg)
	if err != nil {
		return err
	}
	if o.cfg.StateFile != "" {
		fmt.Fprintf(o.cfg.Log, "state file %s: %d applications\n", o.cfg.StateFile, len(emu.Apps()))
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	if err := checkExposure(ln.Addr(), o.cfg.AdminToken, stderr); err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fmt.Fprintln(stderr, "shutting down")
	return srv.Shutdown(shutdown)
}

// checkExposure warns when the emulator is reachable beyond loopback, and
// refuses to serve its unsigned admin API there without a token: anyone
// who reaches it could reset the account, inject faults or move the clock.
func checkExposure(addr net.Addr, adminToken string, stderr io.Writer) error {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		return nil
	}
	if adminToken == "" {
		return fmt.Errorf("--listen %s is beyond loopback: the /_emulator/ admin API is unsigned, so give --admin-token (or listen on 127.0.0.1)", addr)
	}
	fmt.Fprintf(stderr, "warning: listening on %s, beyond loopback: anyone who reaches it can call the API with the emulator's well-known keys; "+
		"the /_emulator/ admin API requires the --admin-token\n", addr)
	return nil
}

// timestamped prefixes each log line (one Write per line) with UTC time.
type timestamped struct{ w io.Writer }

func (t timestamped) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, time.Now().UTC().Format("2006-01-02T15:04:05.000Z ")); err != nil {
		return 0, err
	}
	return t.w.Write(p)
}
