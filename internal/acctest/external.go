package acctest

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
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

	// EnvPropagation is how long enable, disable and delete take at the
	// endpoint: one duration ("1s") or a range ("3m-5m", the default: the
	// real service's). It sizes waits, and skips tests written for
	// changes that stay pending longer than the endpoint keeps them.
	EnvPropagation = "TRTC_ACC_PROPAGATION"

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
func RandomName() string { return RandomPrefix(0) }

// RandomPrefix starts the names of a test's group of applications:
// NamePrefix and a random part, leaving room characters of the 15 for the
// test to append (an index, a role), so that a name_regex of "^" + prefix
// matches the group and nothing else in the account.
func RandomPrefix(room int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	suffix := []byte(rand.Text()) // base32: upper-case letters and digits 2-7
	out := []byte(NamePrefix)
	for _, b := range suffix[:catalog.NameMaxLength-len(NamePrefix)-room] {
		out = append(out, alphabet[int(b)%len(alphabet)])
	}
	return string(out)
}

// costActions are the client calls that spend money or trial quota.
var costActions = map[string]string{
	"CreateAppSubscription": "buying a paid edition",
	"CreateTrtcFreeLicense": "claiming a trial",
}

// externalGuard is the caller of an external Env's client: it skips the
// test before an out-of-band call that costs (unless allowed) or that
// creates an application the sweeper could not find, and remembers the
// applications it creates so that the test's cleanup deletes them.
type externalGuard struct {
	t       testing.TB
	next    api.Caller
	created *[]uint64
}

func (g externalGuard) Call(ctx context.Context, service, version, action string, request, response any) error {
	g.t.Helper()
	if what, ok := costActions[action]; ok {
		NeedsCosts(g.t, what+" ("+action+")")
	}
	if req, ok := request.(*api.CreateTrtcAppRequest); ok {
		skipUnsweepable(g.t, req.AppName)
	}
	err := g.next.Call(ctx, service, version, action, request, response)
	if out, ok := response.(*api.CreateTrtcAppResponse); ok && err == nil {
		*g.created = append(*g.created, out.SdkAppId)
	}
	return err
}

// skipUnsweepable skips before creating an application the sweeper would
// not find; a name the service refuses anyway (a validation test's) passes.
func skipUnsweepable(t testing.TB, name string) {
	t.Helper()
	if !strings.HasPrefix(name, NamePrefix) && validators.CheckAppName(name) == nil {
		t.Skipf("application name %q does not start with %q, so make sweep could not delete it after a failed run: use acctest.RandomName()", name, NamePrefix)
	}
}

// endpointPropagation is the range of EnvPropagation.
func endpointPropagation() (lo, hi time.Duration, err error) {
	s := os.Getenv(EnvPropagation)
	if s == "" {
		return catalog.PropagationMin, catalog.PropagationMax, nil
	}
	a, b, isRange := strings.Cut(s, "-")
	if lo, err = time.ParseDuration(a); err == nil {
		hi = lo
		if isRange {
			hi, err = time.ParseDuration(b)
		}
	}
	if err != nil || lo > hi {
		return 0, 0, fmt.Errorf("%s=%q: want a duration (1s) or a range (3m-5m)", EnvPropagation, s)
	}
	return lo, hi, nil
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
		skipUnsweepable(t, m[1])
	}
}
