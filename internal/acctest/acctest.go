// Package acctest runs acceptance tests against an in-process emulator of the
// TRTC control plane instead of the cloud: each Env is one emulator on a free
// loopback port, a provider configuration pointing at it, and an API client
// for making changes behind Terraform's back.
//
// Tests that use it live in external test packages (package provider_test),
// since this package imports the provider.
package acctest

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/provider"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// DefaultPropagation is the emulator's enable/disable/delete delay in tests:
// long enough that waits really poll, short enough to keep tests quick.
const DefaultPropagation = time.Second

// Env is one emulator and everything a test needs to talk to it.
type Env struct {
	Emulator *emulator.Emulator
	URL      string

	cfg emulator.Config
}

// Option adjusts the emulator of an Env.
type Option func(*emulator.Config)

// WithPropagation sets the range of the enable/disable/delete delay.
func WithPropagation(lo, hi time.Duration) Option {
	return func(c *emulator.Config) { c.PropagationMin, c.PropagationMax = lo, hi }
}

// WithConfig changes any other emulator setting (log, rate limit, clock...).
func WithConfig(f func(*emulator.Config)) Option { return Option(f) }

// NewEnv starts an emulator for t and stops it when t ends.
func NewEnv(t testing.TB, opts ...Option) *Env {
	t.Helper()
	cfg := emulator.Config{
		SecretID:       emulator.DefaultSecretID,
		SecretKey:      emulator.DefaultSecretKey,
		UIN:            emulator.DefaultUIN,
		PropagationMin: DefaultPropagation,
		PropagationMax: DefaultPropagation,
		Seed:           1,
	}
	for _, o := range opts {
		o(&cfg)
	}
	emu := emulator.New(cfg)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &Env{Emulator: emu, URL: srv.URL, cfg: cfg}
}

// ProviderConfig is a provider block for the emulator, to prepend to test configs.
func (e *Env) ProviderConfig() string {
	return fmt.Sprintf(`
provider "trtc" {
  endpoint   = %q
  secret_id  = %q
  secret_key = %q
}
`, e.URL, e.cfg.SecretID, e.cfg.SecretKey)
}

// Config prepends the provider block to a test configuration.
func (e *Env) Config(body string) string { return e.ProviderConfig() + body }

// Factories are the ProtoV6ProviderFactories of resource.TestCase.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"trtc": providerserver.NewProtocol6WithError(provider.New("test")()),
	}
}

// Client is an API client of the emulator, for changes made outside Terraform.
func (e *Env) Client() *api.Client {
	return api.New(transport.New(transport.Options{
		Credentials: transport.StaticCredentials(transport.Credential{SecretID: e.cfg.SecretID, SecretKey: e.cfg.SecretKey}),
		Region:      "ap-singapore",
		Endpoint:    e.URL,
	}))
}

// Calls counts the requests that reached an action so far: "CreateTrtcApp"
// sums every service, "trtc.CreateTrtcApp" is one key of emulator Stats.
func (e *Env) Calls(action string) int {
	calls := e.Emulator.Stats().Calls
	if strings.Contains(action, ".") {
		return calls[action]
	}
	n := 0
	for k, v := range calls {
		if strings.HasSuffix(k, "."+action) {
			n += v
		}
	}
	return n
}

// TotalCalls counts every request that reached an action so far.
func (e *Env) TotalCalls() int {
	n := 0
	for _, v := range e.Emulator.Stats().Calls {
		n += v
	}
	return n
}
