// Package acctest runs acceptance tests against an in-process emulator of the
// TRTC control plane instead of the cloud: each Env is one emulator on a free
// loopback port, a provider configuration pointing at it, and an API client
// for making changes behind Terraform's back.
//
// In external mode (TRTC_ACC_EXTERNAL=1) an Env is instead the endpoint of
// TRTC_ENDPOINT (unset: the real cloud) reached through the public signed
// API with the TENCENTCLOUD_* credentials: steps that need emulator
// internals skip (see Internals and NeedsEmulator), and what costs money
// runs only with TRTC_ACC_ALLOW_COSTS=1 (NeedsCosts).
//
// Besides Env it holds what any acceptance test reuses: state, plan and
// value checks and captures, and the match of wrapped errors (checks.go),
// and the call counter (calls.go). A test's plumbing (configurations,
// addresses) lives beside the tests, in internal/provider/provider_test.go.
//
// Tests that use it live in external test packages (package provider_test),
// since this package imports the provider.
package acctest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/provider"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// DefaultPropagation is the emulator's enable/disable/delete delay in tests:
// long enough that waits really poll, short enough to keep tests quick.
const DefaultPropagation = time.Second

// Env is one emulator and everything a test needs to talk to it.
type Env struct {
	// Emulator is the in-process emulator; in external mode its methods
	// skip the test.
	Emulator *Internals
	// URL is the endpoint: the emulator's, or TRTC_ENDPOINT in external
	// mode ("" for the real cloud).
	URL string

	t        testing.TB
	cfg      emulator.Config
	external *credentials.Resolved // nil in process
	created  []uint64              // applications created through Client in external mode
}

// Option adjusts the emulator of an Env.
type Option struct {
	apply func(*emulator.Config)
	// internal names what the option needs of an in-process emulator, when
	// external mode cannot honour it ("" when it can go without).
	internal string
	// pendingFor is how long the test needs a change to stay pending.
	pendingFor time.Duration
}

// WithPropagation sets the range of the enable/disable/delete delay. In
// external mode the endpoint's own delay applies (TRTC_ACC_PROPAGATION):
// the test skips when the endpoint's shortest delay is below lo, since it
// counts on changes staying pending that long.
func WithPropagation(lo, hi time.Duration) Option {
	return Option{apply: func(c *emulator.Config) { c.PropagationMin, c.PropagationMax = lo, hi }, pendingFor: lo}
}

// WithConfig changes any other emulator setting (log, rate limit, clock...);
// in external mode the test skips, since an endpoint cannot be configured.
func WithConfig(f func(*emulator.Config)) Option {
	return Option{apply: f, internal: "its configuration (WithConfig)"}
}

// NewEnv starts an emulator for t and stops it when t ends; in external
// mode it resolves the endpoint and credentials from the environment.
func NewEnv(t testing.TB, opts ...Option) *Env {
	t.Helper()
	if External() {
		return newExternalEnv(t, opts)
	}
	cfg := emulator.Config{
		SecretID:       emulator.DefaultSecretID,
		SecretKey:      emulator.DefaultSecretKey,
		UIN:            emulator.DefaultUIN,
		PropagationMin: DefaultPropagation,
		PropagationMax: DefaultPropagation,
		Seed:           1,
	}
	for _, o := range opts {
		o.apply(&cfg)
	}
	emu := emulator.New(cfg)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &Env{Emulator: &Internals{Emulator: emu, t: t}, URL: srv.URL, t: t, cfg: cfg}
}

func newExternalEnv(t testing.TB, opts []Option) *Env {
	t.Helper()
	lo, hi, err := endpointPropagation()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range opts {
		if o.internal != "" {
			NeedsEmulator(t, o.internal)
		}
		if o.pendingFor > lo {
			t.Skipf("needs changes to stay pending for %s; the endpoint's take %s (%s)", o.pendingFor, lo, EnvPropagation)
		}
	}
	res, err := credentials.FromEnvironment()
	if err != nil {
		t.Fatalf("%s=1: %v", EnvExternal, err)
	}
	e := &Env{Emulator: &Internals{t: t}, URL: res.Endpoint, t: t, external: &res, cfg: emulator.Config{PropagationMin: lo, PropagationMax: hi}}
	t.Cleanup(e.deleteCreated)
	return e
}

// deleteCreated deletes, as destroy does, what the test created through
// Client: in process the emulator goes away with the test, an endpoint
// keeps everything.
func (e *Env) deleteCreated() {
	if len(e.created) == 0 {
		return
	}
	// All at once (deleteApps): a second per application is ample for
	// their rate-limited calls.
	ctx, cancel := context.WithTimeout(context.Background(), 2*e.Propagation()+time.Minute+time.Duration(len(e.created))*time.Second)
	defer cancel()
	client := credentials.NewClient(*e.external, transport.Options{})
	for i, err := range deleteApps(ctx, client, clock.Real{}, nil, e.created) {
		if err != nil {
			e.t.Errorf("deleting application %d the test created out of band (make sweep will): %v", e.created[i], err)
		}
	}
}

// IsExternal reports whether e reaches its endpoint through the public API only.
func (e *Env) IsExternal() bool { return e.external != nil }

// Propagation is the longest an enable, disable or delete takes to take
// effect at e's endpoint, to size the waits of a test: the emulator's
// setting in process, TRTC_ACC_PROPAGATION's (default 5 minutes, the real
// service's) in external mode.
func (e *Env) Propagation() time.Duration { return e.cfg.PropagationMax }

// ProviderConfig is a provider block for the emulator, to prepend to test
// configs. In external mode the provider reads the endpoint and the
// credentials from the environment, as a user's would.
func (e *Env) ProviderConfig() string { return e.providerBlock("") }

// providerBlock is ProviderConfig with more provider settings (a
// default_tags block...) at its end.
func (e *Env) providerBlock(settings string) string {
	if e.IsExternal() {
		return "\nprovider \"trtc\" {\n" + settings + "}\n"
	}
	return fmt.Sprintf(`
provider "trtc" {
  endpoint   = %q
  secret_id  = %q
  secret_key = %q
%s}
`, e.URL, e.cfg.SecretID, e.cfg.SecretKey, settings)
}

// Config prepends the provider block to a test configuration. In external
// mode it skips a configuration that would spend money without leave, or
// create an application whose name the sweeper would not find.
func (e *Env) Config(body string) string { return e.ConfigWithProvider("", body) }

// ConfigWithProvider is Config with more provider settings in the provider
// block, such as a default_tags block.
func (e *Env) ConfigWithProvider(settings, body string) string {
	e.t.Helper()
	guardConfig(e.t, body)
	return e.providerBlock(settings) + body
}

// ConfigOwnProvider guards, as Config does, a configuration that brings its
// own provider block (an example as written), and returns it unchanged.
func (e *Env) ConfigOwnProvider(body string) string {
	e.t.Helper()
	guardConfig(e.t, body)
	return body
}

// Factories are the ProtoV6ProviderFactories of resource.TestCase.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"trtc": providerserver.NewProtocol6WithError(provider.New("test")()),
	}
}

// Client is an API client of the emulator, for changes made outside
// Terraform. In external mode it signs as the provider does, and a call
// that costs skips the test unless costs are allowed.
func (e *Env) Client() *api.Client {
	if e.IsExternal() {
		return api.New(externalGuard{t: e.t, next: credentials.NewTransport(*e.external, transport.Options{}), created: &e.created})
	}
	return api.New(transport.New(transport.Options{
		Credentials: transport.StaticCredentials(transport.Credential{SecretID: e.cfg.SecretID, SecretKey: e.cfg.SecretKey}),
		Region:      "ap-singapore",
		Endpoint:    e.URL,
	}))
}
