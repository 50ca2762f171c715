package acctest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// skipRecorder is a testing.TB whose Skipf records the message and unwinds
// (as runtime.Goexit would), so a test can look at a skip of another.
type skipRecorder struct {
	testing.TB
	skipped string
	errors  []string
}

type skipUnwind struct{}

func (r *skipRecorder) Helper() {}
func (r *skipRecorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	panic(skipUnwind{})
}
func (r *skipRecorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *skipRecorder) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// skipOf runs f and returns the skip message ("" when f did not skip).
func (r *skipRecorder) skipOf(f func()) (msg string) {
	r.skipped = ""
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(skipUnwind); !ok {
				panic(v)
			}
			msg = r.skipped
		}
	}()
	f()
	return ""
}

// externalTo sets external mode against a fresh in-process emulator
// standing in for a separately started one.
func externalTo(t *testing.T) *emulator.Emulator {
	emu := emulator.New(emulator.Config{PropagationMin: 1, PropagationMax: 1})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	t.Setenv(EnvExternal, "1")
	t.Setenv(EnvAllowCosts, "")
	t.Setenv(EnvPropagation, "1ms-2ms")
	t.Setenv(credentials.EnvEndpoint, srv.URL)
	t.Setenv(credentials.EnvSecretID, emulator.DefaultSecretID)
	t.Setenv(credentials.EnvSecretKey, emulator.DefaultSecretKey)
	return emu
}

// Every exported method of the emulator is shadowed by Internals: in
// external mode each one skips, naming what it needed, instead of reaching
// the nil emulator (a promoted method would panic here).
func TestInternalsShadowEveryEmulatorMethod(t *testing.T) {
	externalTo(t)
	rec := &skipRecorder{TB: t}
	in := NewEnv(rec).Emulator
	emuType := reflect.TypeFor[*emulator.Emulator]()
	for i := range emuType.NumMethod() {
		name := emuType.Method(i).Name
		m := reflect.ValueOf(in).MethodByName(name)
		args := make([]reflect.Value, m.Type().NumIn())
		for j := range args {
			switch in := m.Type().In(j); in {
			case reflect.TypeFor[http.ResponseWriter]():
				args[j] = reflect.ValueOf(httptest.NewRecorder())
			case reflect.TypeFor[*http.Request]():
				args[j] = reflect.ValueOf(httptest.NewRequest(http.MethodPost, "/", nil))
			default:
				args[j] = reflect.Zero(in)
			}
		}
		rec.errors = nil
		var msg string
		func() {
			defer func() {
				if v := recover(); v != nil {
					t.Errorf("Internals.%s reached the emulator in external mode (%v): shadow it in internals.go", name, v)
				}
			}()
			msg = rec.skipOf(func() { m.Call(args) })
		}()
		if msg != "" && !strings.HasPrefix(msg, "needs emulator internals: ") {
			t.Errorf("Internals.%s skipped with %q", name, msg)
		}
		if msg == "" && len(rec.errors) == 1 && strings.HasPrefix(rec.errors[0], "needs emulator internals: ") {
			continue // ServeHTTP, on a server goroutine, fails the test instead
		}
		if msg == "" && !t.Failed() {
			t.Errorf("Internals.%s did not skip in external mode (errors %q)", name, rec.errors)
		}
	}
}

func TestExternalEnvUsesThePublicAPIOnly(t *testing.T) {
	emu := externalTo(t)
	rec := &skipRecorder{TB: t}
	env := NewEnv(rec)
	if !env.IsExternal() || env.Propagation() != 2*time.Millisecond {
		t.Fatalf("external env: IsExternal %v, Propagation %s", env.IsExternal(), env.Propagation())
	}
	if got := env.ProviderConfig(); strings.Contains(got, "secret") || strings.Contains(got, "endpoint") {
		t.Errorf("external provider block must leave endpoint and keys to the environment, got %s", got)
	}
	name := RandomName()
	out, err := env.Client().CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: name, Product: "Call"})
	if err != nil {
		t.Fatal(err)
	}
	if apps := emu.Apps(); len(apps) != 1 || apps[0].SdkAppId != out.SdkAppId || apps[0].AppName != name {
		t.Fatalf("the signed client did not reach the endpoint: %+v", apps)
	}
	if msg := rec.skipOf(func() { env.Calls("CreateTrtcApp") }); !strings.Contains(msg, "needs emulator internals: its call counts") {
		t.Errorf("Calls in external mode: skip %q", msg)
	}
	if msg := rec.skipOf(func() { NewEnv(rec, WithConfig(func(*emulator.Config) {})) }); !strings.Contains(msg, "its configuration") {
		t.Errorf("WithConfig in external mode: skip %q", msg)
	}
	if msg := rec.skipOf(func() { NewEnv(rec, WithPropagation(time.Millisecond, time.Second)) }); msg != "" {
		t.Errorf("WithPropagation within the endpoint's must not skip in external mode: %q", msg)
	}
	if msg := rec.skipOf(func() { NewEnv(rec, WithPropagation(time.Minute, time.Minute)) }); !strings.Contains(msg, "needs changes to stay pending for 1m0s; the endpoint's take 1ms (TRTC_ACC_PROPAGATION)") {
		t.Errorf("WithPropagation longer than the endpoint's: skip %q", msg)
	}

	// Costs: a subscription in a configuration, or bought out of band.
	sub := `resource "trtc_subscription" "s" {` + "\n  sdk_app_id = 1\n}"
	if msg := rec.skipOf(func() { env.Config(sub) }); !strings.Contains(msg, EnvAllowCosts) {
		t.Errorf("subscription config without %s: skip %q", EnvAllowCosts, msg)
	}
	buy := func() {
		_, _ = env.Client().CreateAppSubscription(t.Context(), &api.CreateAppSubscriptionRequest{SdkAppId: out.SdkAppId, Edition: "OneToOneCall", PeriodMonths: 1})
	}
	if msg := rec.skipOf(buy); !strings.Contains(msg, "buying a paid edition") {
		t.Errorf("out-of-band purchase without %s: skip %q", EnvAllowCosts, msg)
	}
	if n := emu.Stats().Calls["trtc.CreateAppSubscription"]; n != 0 {
		t.Errorf("a refused purchase reached the endpoint %d time(s)", n)
	}
	t.Setenv(EnvAllowCosts, "1")
	if msg := rec.skipOf(func() { env.Config(sub) }); msg != "" {
		t.Errorf("subscription config with costs allowed skipped: %q", msg)
	}
	if msg := rec.skipOf(buy); msg != "" || emu.Stats().Calls["trtc.CreateAppSubscription"] != 1 {
		t.Errorf("purchase with costs allowed: skip %q, calls %v", msg, emu.Stats().Calls)
	}

	// Names the sweeper could not find.
	if msg := rec.skipOf(func() { env.Config(`  name = "acc_basic"`) }); !strings.Contains(msg, `"acc_basic" does not start with "tfacc_"`) {
		t.Errorf("non-tfacc name: skip %q", msg)
	}
	if msg := rec.skipOf(func() { env.Config(`  name = "bad-name"`) }); msg != "" {
		t.Errorf("a name the service refuses cannot leak, yet it skipped: %q", msg)
	}
	if msg := rec.skipOf(func() { env.Config(`  name = "` + name + `"`) }); msg != "" {
		t.Errorf("tfacc name skipped: %q", msg)
	}
	if msg := rec.skipOf(func() {
		_, _ = env.Client().CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "oob_app", Product: "Call"})
	}); !strings.Contains(msg, `"oob_app" does not start with "tfacc_"`) || len(emu.Apps()) != 1 {
		t.Errorf("out-of-band non-tfacc application: skip %q, apps %+v", msg, emu.Apps())
	}

	// What the test created out of band is deleted when it ends.
	env.deleteCreated()
	if apps := emu.Apps(); len(apps) != 0 || len(rec.errors) != 0 {
		t.Errorf("after the cleanup: apps %+v, errors %q", apps, rec.errors)
	}
}

// In process, nothing skips: the guards are for external mode only.
func TestInProcessEnvNeverSkips(t *testing.T) {
	t.Setenv(EnvExternal, "")
	rec := &skipRecorder{TB: t}
	env := NewEnv(rec)
	if msg := rec.skipOf(func() {
		env.Config(`resource "trtc_subscription" "s" {}` + "\n  name = \"acc\"")
		env.Emulator.Apps()
		NeedsEmulator(rec, "x")
		NeedsCosts(rec, "y")
	}); msg != "" || env.IsExternal() {
		t.Errorf("in-process env skipped: %q", msg)
	}
}

func TestRandomName(t *testing.T) {
	valid := regexp.MustCompile(`^tfacc_[a-z0-9]{9}$`)
	seen := map[string]bool{}
	for range 50 {
		n := RandomName()
		if !valid.MatchString(n) || len(n) != 15 {
			t.Fatalf("RandomName() = %q, want tfacc_ and 9 random characters", n)
		}
		seen[n] = true
	}
	if len(seen) < 50 {
		t.Errorf("50 names, %d distinct", len(seen))
	}
	if p := RandomPrefix(4); !regexp.MustCompile(`^tfacc_[a-z0-9]{5}$`).MatchString(p) {
		t.Errorf("RandomPrefix(4) = %q, want tfacc_ and 5 random characters, leaving 4 of the 15", p)
	}
}
