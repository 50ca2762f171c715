package transport

import (
	"context"
	"errors"
	"math"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

var limiterEpoch = time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)

// maxInWindow is the most grants inside any half-open window [t, t+window).
func maxInWindow(grants []time.Time, window time.Duration) int {
	sorted := append([]time.Time(nil), grants...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
	best, lo := 0, 0
	for hi := range sorted {
		for !sorted[hi].Before(sorted[lo].Add(window)) {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

func TestLimiterNeverExceedsRateInAnyWindow(t *testing.T) {
	for _, rate := range []float64{20, 5, 2.5, 0.5} {
		fake := clock.NewFake(limiterEpoch)
		l := newLimiter(rate, fake)
		var grants []time.Time
		for i := 0; i < 200; i++ {
			if err := l.Wait(context.Background(), "trtc.CreateTrtcApp"); err != nil {
				t.Fatal(err)
			}
			grants = append(grants, fake.Now())
		}
		// At most rate per second, checked on windows of 1s and of 10s.
		for _, window := range []time.Duration{time.Second, 10 * time.Second} {
			allowed := int(math.Ceil(rate * window.Seconds()))
			if got := maxInWindow(grants, window); got > allowed {
				t.Errorf("rate %v: %d grants in a %s window, want at most %d", rate, got, window, allowed)
			}
		}
		// And it does not starve: 200 grants take about 200/rate seconds
		// (the jitter slack costs at most 10%).
		elapsed := grants[len(grants)-1].Sub(grants[0]).Seconds()
		if want := 200 / rate * 1.1; elapsed > want {
			t.Errorf("rate %v: 200 grants took %.1fs simulated, want at most %.1fs", rate, elapsed, want)
		}
		t.Logf("rate %v/s: 200 grants over %.2fs of simulated time", rate, elapsed)
	}
}

func TestLimiterConcurrentCallersShareTheBucket(t *testing.T) {
	fake := clock.NewFake(limiterEpoch)
	l := newLimiter(20, fake)
	var mu sync.Mutex
	var grants []time.Time
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				// The grant's own time: fake.Now() read afterwards may
				// already include another goroutine's sleep.
				at, err := l.wait(context.Background(), "trtc.DescribeSdkAppInfo")
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				grants = append(grants, at)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(grants) != 400 {
		t.Fatalf("%d grants, want 400", len(grants))
	}
	if got := maxInWindow(grants, time.Second); got > 20 {
		t.Errorf("%d grants in one second, want at most 20", got)
	}
}

func TestLimiterIsPerAction(t *testing.T) {
	fake := clock.NewFake(limiterEpoch)
	l := newLimiter(20, fake)
	for _, action := range []string{"trtc.CreateTrtcApp", "trtc.DescribeSdkAppInfo", "tag.TagResources"} {
		for i := 0; i < 20; i++ {
			if err := l.Wait(context.Background(), action); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !fake.Now().Equal(limiterEpoch) {
		t.Errorf("20 calls each of 3 actions waited %s; each action has its own 20/s", fake.Now().Sub(limiterEpoch))
	}
	if err := l.Wait(context.Background(), "trtc.CreateTrtcApp"); err != nil {
		t.Fatal(err)
	}
	if want := time.Second + limiterSlack; fake.Now().Sub(limiterEpoch) != want {
		t.Errorf("the 21st call waited %s, want %s", fake.Now().Sub(limiterEpoch), want)
	}
}

func TestLimiterOffAndCancel(t *testing.T) {
	fake := clock.NewFake(limiterEpoch)
	if l := newLimiter(-1, fake); l != nil {
		t.Fatal("negative rate should turn the limiter off")
	}
	var off *limiter
	for i := 0; i < 1000; i++ {
		if err := off.Wait(context.Background(), "x"); err != nil {
			t.Fatal(err)
		}
	}
	l := newLimiter(1, fake)
	_ = l.Wait(context.Background(), "x")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Wait(ctx, "x"); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait on a cancelled context = %v, want context.Canceled", err)
	}
}

func TestClientAppliesLimiterThroughInjectedClock(t *testing.T) {
	f := newFakeAPI(t, ok(map[string]any{"SdkAppId": 1}))
	c, fake := testClient(f, func(o *Options) { o.RateLimit = 10 })
	start := fake.Now()
	for i := 0; i < 30; i++ {
		if err := callCreate(c, context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// 30 calls at 10/s: the first 10 pass at once, then 2 more periods.
	if got, want := fake.Now().Sub(start), 2*(time.Second+limiterSlack); got != want {
		t.Errorf("30 calls at 10/s advanced the clock %s, want %s", got, want)
	}
	if n := len(f.requests()); n != 30 {
		t.Errorf("server saw %d requests, want 30", n)
	}
}

// A request that the machine delays between its grant and the wire must
// not let the next request through its slot arrive within the same
// period: the slot comes back one period after the answer.
func TestLimiterSlotComesBackAPeriodAfterTheAnswer(t *testing.T) {
	fake := clock.NewFake(limiterEpoch)
	l := newLimiter(1, fake)
	answered, granted, err := l.acquire(context.Background(), "trtc.ModifyAppStatus")
	if err != nil {
		t.Fatal(err)
	}
	fake.Advance(3 * time.Second) // the request was slow to go out and to be answered
	answeredAt := fake.Now()
	answered()
	next, err := l.wait(context.Background(), "trtc.ModifyAppStatus")
	if err != nil {
		t.Fatal(err)
	}
	if gap := next.Sub(answeredAt); gap < time.Second {
		t.Errorf("next grant %v after the answer (%v after the first grant), want at least 1s after the answer", gap, next.Sub(granted))
	}
}
