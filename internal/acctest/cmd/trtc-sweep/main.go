// Command trtc-sweep deletes the applications that failed acceptance runs
// left behind: every application named tfacc_*, all at once, each disabled
// first and waited for as destroy does (acctest.Sweep). Credentials and
// endpoint as for the provider (TENCENTCLOUD_*, the tccli profile,
// TRTC_ENDPOINT).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trtc-sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	timeout := fs.Duration("timeout", 30*time.Minute, "give up after this long (all applications at once: 6-10 minutes on the real service, plus seconds per hundred for the rate limit)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	res, err := credentials.FromEnvironment()
	if err != nil {
		fmt.Fprintln(stderr, "trtc-sweep:", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	deleted, err := acctest.Sweep(ctx, credentials.NewClient(res, transport.Options{}), clock.Real{}, stdout)
	fmt.Fprintf(stdout, "swept %d %s* application(s)\n", len(deleted), acctest.NamePrefix)
	if err != nil {
		fmt.Fprintln(stderr, "trtc-sweep:", err)
		return 1
	}
	return 0
}
