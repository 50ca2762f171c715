package acctest

import (
	"net/http"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// Internals is the in-process emulator of an Env, reached around the public
// API (clock, faults, admin reads, call counts). In external mode there is
// none: every method skips the test, saying what it needed, so a test that
// reads internals runs against an emulator process or a real account as
// far as the public API takes it. Each exported method of *emulator.Emulator
// is shadowed here (TestInternalsShadowEveryEmulatorMethod checks it), so
// none can reach the nil emulator of external mode.
type Internals struct {
	*emulator.Emulator // nil in external mode

	t testing.TB
}

// need returns the emulator, or skips the test in external mode.
func (in *Internals) need(what string) *emulator.Emulator {
	if in.Emulator == nil {
		in.t.Helper()
		NeedsEmulator(in.t, what)
	}
	return in.Emulator
}

func (in *Internals) Now() time.Time {
	in.t.Helper()
	return in.need("its clock (Now)").Now()
}
func (in *Internals) Reset() {
	in.t.Helper()
	in.need("a reset of its state").Reset()
}
func (in *Internals) Advance(d time.Duration) {
	in.t.Helper()
	in.need("moving its clock (Advance)").Advance(d)
}
func (in *Internals) Stats() emulator.Stats {
	in.t.Helper()
	return in.need("its call counts (Stats)").Stats()
}
func (in *Internals) Account() emulator.Account {
	in.t.Helper()
	return in.need("its account settings (Account)").Account()
}
func (in *Internals) SetAccount(a emulator.Account) {
	in.t.Helper()
	in.need("changing its account settings (SetAccount)").SetAccount(a)
}
func (in *Internals) SetFaults(f emulator.Faults) {
	in.t.Helper()
	in.need("injected faults (SetFaults)").SetFaults(f)
}
func (in *Internals) Apps() []emulator.AppView {
	in.t.Helper()
	return in.need("its admin list of applications (Apps)").Apps()
}
func (in *Internals) DisableApp(sdkAppID uint64, reason string) error {
	in.t.Helper()
	return in.need("a platform-side disable (DisableApp)").DisableApp(sdkAppID, reason)
}
func (in *Internals) LoadFleet(f *emulator.Fleet) error {
	in.t.Helper()
	return in.need("loading a fleet of applications (LoadFleet)").LoadFleet(f)
}

// ServeHTTP runs on a server goroutine, where a test cannot be skipped:
// in external mode it fails the request and the test, which should have
// called NeedsEmulator before serving the emulator.
func (in *Internals) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if in.Emulator == nil {
		in.t.Errorf("needs emulator internals: its handler (ServeHTTP); call acctest.NeedsEmulator before serving it")
		http.Error(w, "no in-process emulator in external mode", http.StatusNotImplemented)
		return
	}
	in.Emulator.ServeHTTP(w, r)
}
