// Command trtc-probe checks, with read actions only, that a Tencent Cloud
// account answers the shapes the provider models (see package probe). It
// signs with the provider's credential chain: TENCENTCLOUD_SECRET_ID /
// TENCENTCLOUD_SECRET_KEY / TENCENTCLOUD_SECURITY_TOKEN, else the tccli
// profile, with TENCENTCLOUD_ASSUME_ROLE_ARN if set; TRTC_ENDPOINT and
// TENCENTCLOUD_REGION as for the provider.
//
// Exit status: 0 clean, 1 drift (or an action not answered), 2 usage or
// credentials error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
	"github.com/trtc-oss/terraform-provider-trtc/internal/probe"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trtc-probe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts probe.Options
	fs.Uint64Var(&opts.SdkAppID, "sdk-app-id", 0, "application to read (default: the first one listed)")
	fs.BoolVar(&opts.ShowAnswers, "answers", false, "print each answer, secrets masked as in the provider's logs")
	timeout := fs.Duration("timeout", 2*time.Minute, "give up after this long")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: trtc-probe [flags]\n\nReads (never writes) the caller identity, the first page of DescribeAppStatList, one application, its tags and its subscription,\nand reports every field that differs from the provider's model. Credentials and endpoint as for the provider.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	res, err := credentials.Resolver{LookupEnv: func(k string) (string, bool) { v := getenv(k); return v, v != "" }}.Resolve(credentials.Config{})
	if err != nil {
		fmt.Fprintln(stderr, "trtc-probe:", err)
		return 2
	}
	endpoint := res.Endpoint
	if endpoint == "" {
		endpoint = "https://<service>.tencentcloudapi.com/"
	}
	fmt.Fprintf(stdout, "endpoint: %s, region: %s, credentials from %s", endpoint, res.Region, res.Source)
	if res.AssumeRole != nil {
		fmt.Fprintf(stdout, ", assuming %s", res.AssumeRole.RoleARN)
	}
	fmt.Fprintln(stdout)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if probe.Run(ctx, credentials.NewTransport(res, transport.Options{}), opts, stdout) {
		return 0
	}
	return 1
}
