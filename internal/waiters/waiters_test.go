package waiters

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// fakeApp is an application whose status change takes effect `delay` after
// `requested`, on the fake clock; it counts reads.
type fakeApp struct {
	clk       *clock.Fake
	requested time.Time
	delay     time.Duration
	from, to  string
	reads     int
	deletedAt time.Time // reads answer not found from then on (zero: never)
	visibleAt time.Time // reads answer not found before (zero: always visible)
	readErr   error
}

func (f *fakeApp) find(_ context.Context, id uint64) (*api.DescribeSdkAppInfoResponse, error) {
	f.reads++
	now := f.clk.Now()
	if f.readErr != nil {
		return nil, f.readErr
	}
	if (!f.deletedAt.IsZero() && !now.Before(f.deletedAt)) || (!f.visibleAt.IsZero() && now.Before(f.visibleAt)) {
		return nil, &api.NotFoundError{What: "application"}
	}
	app := &api.DescribeSdkAppInfoResponse{SdkAppId: id, Status: f.from, TargetStatus: f.to,
		StatusChangeTime: f.requested.In(api.TimeZone).Format(api.TimeLayout)}
	if !now.Before(f.requested.Add(f.delay)) {
		app.Status, app.StatusChangeTime = f.to, ""
	}
	return app, nil
}

// pollBound is the most checks the formula allows until delay: 1/Ratio checks
// at MinInterval, then intervals growing by (1+Ratio) each, plus the first and last.
func pollBound(o Options, delay time.Duration) int {
	o = o.withDefaults()
	minPhase := float64(o.MinInterval) / o.Ratio
	n := 1/o.Ratio + 2
	if float64(delay) > minPhase {
		n += math.Log(float64(delay)/minPhase) / math.Log(1+o.Ratio)
	}
	return int(math.Ceil(n))
}

func TestWaitAppStatusOvershootAndPollCount(t *testing.T) {
	for _, delay := range []time.Duration{2 * time.Second, 30 * time.Second, 3 * time.Minute, 5 * time.Minute} {
		t.Run(delay.String(), func(t *testing.T) {
			clk := clock.NewFake(epoch)
			app := &fakeApp{clk: clk, requested: epoch, delay: delay, from: api.AppStatusEnabled, to: api.AppStatusDisabled}
			got, err := WaitAppStatus(t.Context(), Deps{Find: app.find, Clock: clk}, 1400000001, api.AppStatusDisabled)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != api.AppStatusDisabled {
				t.Fatalf("status = %s", got.Status)
			}
			overshoot := clk.Now().Sub(epoch.Add(delay))
			allowed := max(time.Second, delay/10)
			bound := pollBound(DefaultOptions, delay)
			t.Logf("delay %v: %d reads, overshoot %v (allowed %v), read bound %d", delay, app.reads, overshoot, allowed, bound)
			if overshoot < 0 || overshoot > allowed {
				t.Errorf("overshoot %v, want 0..%v", overshoot, allowed)
			}
			if app.reads > bound {
				t.Errorf("%d reads, want at most %d", app.reads, bound)
			}
			if delay == 5*time.Minute && app.reads >= 60 {
				t.Errorf("%d reads for 5 minutes, want < 60", app.reads)
			}
		})
	}
}

func TestWaitAppStatusResumesFromRequestTime(t *testing.T) {
	clk := clock.NewFake(epoch.Add(4 * time.Minute)) // a second apply, 4 minutes after the request
	app := &fakeApp{clk: clk, requested: epoch, delay: 5 * time.Minute, from: api.AppStatusEnabled, to: api.AppStatusDisabled}
	if _, err := WaitAppStatus(t.Context(), Deps{Find: app.find, Clock: clk}, 1, api.AppStatusDisabled); err != nil {
		t.Fatal(err)
	}
	// Interval starts near 24 s, not 0.5 s: the remaining minute takes a handful of reads.
	if app.reads > 5 {
		t.Errorf("%d reads for the last minute of a resumed wait, want <= 5", app.reads)
	}
	if over := clk.Now().Sub(epoch.Add(5 * time.Minute)); over > 30*time.Second {
		t.Errorf("overshoot %v", over)
	}
}

// A wait that runs out of time is a *TimeoutError saying what it waited
// for and what it last read, with times in RFC 3339 UTC, and no Terraform
// advice: the resource adds that, naming its own timeout.
func TestWaitAppStatusTimeoutError(t *testing.T) {
	clk := clock.NewFake(epoch)
	app := &fakeApp{clk: clk, requested: epoch, delay: time.Hour, from: api.AppStatusEnabled, to: api.AppStatusDisabled}
	d := Deps{Find: app.find, Clock: clk, Poll: Options{Timeout: 5 * time.Minute}}
	_, err := WaitAppStatus(t.Context(), d, 1400000001, api.AppStatusDisabled)
	var timedOut *TimeoutError
	if !errors.As(err, &timedOut) || !errors.Is(err, ErrTimeout) || errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v (%T), want a *TimeoutError", err, err)
	}
	want := "timed out after 5m0s waiting for application 1400000001 to become disabled (in effect: enabled, target: disabled, requested at 2026-01-02T03:04:05Z)"
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	for _, advice := range []string{"timeouts.", "terraform", "UTC+8"} {
		if strings.Contains(err.Error(), advice) {
			t.Errorf("error %q contains %q: advice and wire times belong to the resource", err, advice)
		}
	}
}

func TestUntilStopsOnContextEnd(t *testing.T) {
	clk := clock.NewFake(epoch)
	ctx, cancel := context.WithCancel(t.Context())
	calls := 0
	err := Until(ctx, clk, func(context.Context) (bool, error) {
		calls++
		if calls == 3 {
			cancel()
		}
		return false, nil
	}, Options{})
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.Canceled) || calls != 3 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
}

func TestUntilReturnsCheckError(t *testing.T) {
	boom := errors.New("boom")
	err := Until(t.Context(), clock.NewFake(epoch), func(context.Context) (bool, error) { return false, boom }, Options{})
	if !errors.Is(err, boom) || errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v", err)
	}
}

func TestIntervalClamp(t *testing.T) {
	o := DefaultOptions
	for elapsed, want := range map[time.Duration]time.Duration{
		0: 500 * time.Millisecond, 3 * time.Second: 500 * time.Millisecond, 20 * time.Second: 2 * time.Second,
		time.Hour: 30 * time.Second,
	} {
		if got := o.Interval(elapsed); got != want {
			t.Errorf("Interval(%v) = %v, want %v", elapsed, got, want)
		}
	}
}

func TestWaitAppReadable(t *testing.T) {
	clk := clock.NewFake(epoch)
	app := &fakeApp{clk: clk, requested: epoch, from: api.AppStatusEnabled, to: api.AppStatusEnabled, visibleAt: epoch.Add(2 * time.Second)}
	got, err := WaitAppReadable(t.Context(), Deps{Find: app.find, Clock: clk}, 7)
	if err != nil || got == nil || got.SdkAppId != 7 {
		t.Fatalf("got %v, %v", got, err)
	}
	if clk.Now().Before(epoch.Add(2 * time.Second)) {
		t.Errorf("returned before the app was readable")
	}
}

func TestWaitAppDeleted(t *testing.T) {
	clk := clock.NewFake(epoch)
	app := &fakeApp{clk: clk, requested: epoch, from: api.AppStatusDisabled, to: api.AppStatusDeleted, deletedAt: epoch.Add(3 * time.Minute)}
	if err := WaitAppDeleted(t.Context(), Deps{Find: app.find, Clock: clk}, 7); err != nil {
		t.Fatal(err)
	}
	if over := clk.Now().Sub(epoch.Add(3 * time.Minute)); over < 0 || over > 18*time.Second {
		t.Errorf("overshoot %v", over)
	}

	clk2 := clock.NewFake(epoch)
	stuck := &fakeApp{clk: clk2, requested: epoch, delay: time.Hour, from: api.AppStatusDisabled, to: api.AppStatusDeleted}
	err := WaitAppDeleted(t.Context(), Deps{Find: stuck.find, Clock: clk2, Poll: Options{Timeout: time.Minute}}, 7)
	var timedOut *TimeoutError
	if !errors.As(err, &timedOut) || !strings.Contains(err.Error(), "to be deleted (in effect: disabled, target: deleted") || strings.Contains(err.Error(), "timeouts.") {
		t.Fatalf("err = %v", err)
	}
}

func TestWaitPropagatesReadErrors(t *testing.T) {
	clk := clock.NewFake(epoch)
	denied := &api.Error{Code: "UnauthorizedOperation"}
	app := &fakeApp{clk: clk, readErr: denied}
	if _, err := WaitAppStatus(t.Context(), Deps{Find: app.find, Clock: clk}, 1, api.AppStatusEnabled); !errors.Is(err, denied) {
		t.Errorf("WaitAppStatus err = %v", err)
	}
	if _, err := WaitAppReadable(t.Context(), Deps{Find: app.find, Clock: clk}, 1); !errors.Is(err, denied) {
		t.Errorf("WaitAppReadable err = %v", err)
	}
	if err := WaitAppDeleted(t.Context(), Deps{Find: app.find, Clock: clk}, 1); !errors.Is(err, denied) {
		t.Errorf("WaitAppDeleted err = %v", err)
	}
}

func TestWaitAppSettled(t *testing.T) {
	t.Run("returns the settled application, polling from the request time", func(t *testing.T) {
		clk := clock.NewFake(epoch.Add(4 * time.Minute)) // read 4 minutes after the request
		app := &fakeApp{clk: clk, requested: epoch, delay: 5 * time.Minute, from: api.AppStatusEnabled, to: api.AppStatusDisabled}
		got, err := WaitAppSettled(t.Context(), Deps{Find: app.find, Clock: clk}, 1400000001)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != api.AppStatusDisabled || got.TargetStatus != api.AppStatusDisabled {
			t.Errorf("got status %s, target %s; want both Disabled", got.Status, got.TargetStatus)
		}
		if clk.Now().Before(epoch.Add(5*time.Minute)) || app.reads > 5 {
			t.Errorf("returned at +%v after %d reads; want after +5m, within 5 reads", clk.Now().Sub(epoch), app.reads)
		}
	})
	t.Run("nothing pending: one read", func(t *testing.T) {
		clk := clock.NewFake(epoch)
		app := &fakeApp{clk: clk, requested: epoch.Add(-time.Hour), from: api.AppStatusEnabled, to: api.AppStatusEnabled}
		if _, err := WaitAppSettled(t.Context(), Deps{Find: app.find, Clock: clk}, 1); err != nil || app.reads != 1 {
			t.Fatalf("err %v after %d reads, want nil after 1", err, app.reads)
		}
	})
	t.Run("a deletion settles as not found", func(t *testing.T) {
		clk := clock.NewFake(epoch)
		app := &fakeApp{clk: clk, requested: epoch, delay: time.Hour, from: api.AppStatusDisabled, to: api.AppStatusDeleted, deletedAt: epoch.Add(time.Minute)}
		if _, err := WaitAppSettled(t.Context(), Deps{Find: app.find, Clock: clk}, 1); !api.IsNotFound(err) {
			t.Fatalf("err %v, want not found", err)
		}
	})
	t.Run("timeout is a TimeoutError", func(t *testing.T) {
		clk := clock.NewFake(epoch)
		app := &fakeApp{clk: clk, requested: epoch, delay: time.Hour, from: api.AppStatusEnabled, to: api.AppStatusDisabled}
		_, err := WaitAppSettled(t.Context(), Deps{Find: app.find, Clock: clk, Poll: Options{Timeout: 2 * time.Minute}}, 1400000001)
		want := "timed out after 2m0s waiting for application 1400000001 to settle (in effect: enabled, target: disabled, requested at 2026-01-02T03:04:05Z)"
		if !errors.Is(err, ErrTimeout) || err.Error() != want {
			t.Fatalf("error %v, want %q", err, want)
		}
	})
}
