// Package emutest starts an in-process emulator and an API client for it,
// for unit tests of packages that acctest cannot serve: acctest imports the
// provider, so tests inside internal/provider or the packages it uses would
// make an import cycle.
package emutest

import (
	"net/http/httptest"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// Start serves an emulator made from cfg on a loopback port until the test
// ends, and returns it with a client that signs with the emulator's default
// keys. opts tunes the client (retries, rate limit); its Credentials,
// Region and Endpoint are filled in when empty.
func Start(t testing.TB, cfg emulator.Config, opts transport.Options) (*emulator.Emulator, *api.Client) {
	t.Helper()
	emu := emulator.New(cfg)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	if opts.Credentials == nil {
		id, key := cfg.SecretID, cfg.SecretKey
		if id == "" {
			id, key = emulator.DefaultSecretID, emulator.DefaultSecretKey
		}
		opts.Credentials = transport.StaticCredentials(transport.Credential{SecretID: id, SecretKey: key})
	}
	if opts.Region == "" {
		opts.Region = "ap-singapore"
	}
	if opts.Endpoint == "" {
		opts.Endpoint = srv.URL
	}
	return emu, api.New(transport.New(opts))
}
