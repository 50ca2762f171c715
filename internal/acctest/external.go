package acctest

import (
	"context"
	"crypto/rand"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// Variables of external mode.
const (
	// EnvExternal = "1" runs the suite against TRTC_ENDPOINT (unset: the
	// real cloud) through the public signed API only, with credentials
	// from TENCENTCLOUD_* (or the tccli profile), instead of an in-process
	// emulator.
	EnvExternal = "TRTC_ACC_EXTERNAL"
	// EnvAllowCosts = "1" lets external mode run what costs money (a paid
	// edition) or uses a limited quota (a trial).
	EnvAllowCosts = "TRTC_ACC_ALLOW_COSTS"

	// NamePrefix starts the name of every application a test creates, so
	// that the sweeper (make sweep) can find what a failed run left.
	NamePrefix = "tfacc_"
)

// External reports whether the suite runs in external mode.
func External() bool { return os.Getenv(EnvExternal) == "1" }

// CostsAllowed reports whether external mode may spend money or quota.
func CostsAllowed() bool { return os.Getenv(EnvAllowCosts) == "1" }

// NeedsEmulator skips t in external mode: call it before a step that needs
// emulator internals (its clock, faults, admin reads, call counts), naming
// them. In-process it does nothing.
func NeedsEmulator(t testing.TB, what string) {
	t.Helper()
	if External() {
		t.Skipf("needs emulator internals: %s (%s=1 reaches the endpoint through the public API only)", what, EnvExternal)
	}
}

// NeedsCosts skips t in external mode unless TRTC_ACC_ALLOW_COSTS=1:
// call it before anything that costs money or uses a limited quota.
func NeedsCosts(t testing.TB, what string) {
	t.Helper()
	if External() && !CostsAllowed() {
		t.Skipf("costs money or limited quota: %s (set %s=1 to allow)", what, EnvAllowCosts)
	}
}

// RandomName is an application name for a test: NamePrefix and a random
// suffix, catalog.NameMaxLength (15) characters in all.
func RandomName() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	suffix := []byte(rand.Text()) // base32: upper-case letters and digits 2-7
	out := []byte(NamePrefix)
	for _, b := range suffix[:catalog.NameMaxLength-len(NamePrefix)] {
		out = append(out, alphabet[int(b)%len(alphabet)])
	}
	return string(out)
}

// costActions are the client calls that spend money or trial quota.
var costActions = map[string]string{
	"CreateAppSubscription": "buying a paid edition",
	"CreateTrtcFreeLicense": "claiming a trial",
}

// costGuard skips the test before an out-of-band call that costs, unless
// costs are allowed.
type costGuard struct {
	t    testing.TB
	next api.Caller
}

func (g costGuard) Call(ctx context.Context, service, version, action string, request, response any) error {
	if what, ok := costActions[action]; ok {
		NeedsCosts(g.t, what+" ("+action+")")
	}
	return g.next.Call(ctx, service, version, action, request, response)
}

var (
	subscriptionBlock = regexp.MustCompile(`resource\s+"trtc_subscription"`)
	nameAttribute     = regexp.MustCompile(`(?m)^\s*name\s*=\s*"([^"]*)"`)
)

// guardConfig skips, in external mode, a configuration that would buy an
// edition without leave, or create an application the sweeper cannot find.
func guardConfig(t testing.TB, body string) {
	t.Helper()
	if !External() {
		return
	}
	if subscriptionBlock.MatchString(body) {
		NeedsCosts(t, "a trtc_subscription (paid edition or trial)")
	}
	for _, m := range nameAttribute.FindAllStringSubmatch(body, -1) {
		if !strings.HasPrefix(m[1], NamePrefix) {
			t.Skipf("application name %q does not start with %q, so make sweep could not delete it after a failed run: use acctest.RandomName()", m[1], NamePrefix)
		}
	}
}

// externalPropagation sizes waits in external mode: the real service takes
// 3 to 5 minutes, and a wait must outlast the longest.
const externalPropagation = catalog.PropagationMax + time.Minute
