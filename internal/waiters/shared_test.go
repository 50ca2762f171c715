package waiters

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
)

// massWorld is an account of applications whose changes take effect at
// given times of a manual clock; it counts listing calls and direct reads.
type massWorld struct {
	clk       *clock.Manual
	ids       []uint64
	effective map[uint64]time.Time // when the change of each takes effect
	deleting  bool                 // the change is a deletion, else a disable
	lists     atomic.Int64
	reads     atomic.Int64
	firstDone atomic.Int64 // reads up to the first one that saw a change done (0: none yet)
}

func (w *massWorld) list(_ context.Context, req *api.DescribeAppStatListRequest) (*api.DescribeAppStatListResponse, error) {
	w.lists.Add(1)
	now := w.clk.Now()
	out := &api.DescribeAppStatListResponse{}
	var listed []api.SdkAppInfo
	for _, id := range w.ids {
		if w.deleting { // a deleting application drops out of the listing at once
			continue
		}
		info := api.SdkAppInfo{ID: id, Status: 1}
		if !now.Before(w.effective[id]) {
			info.Status = 0
		}
		listed = append(listed, info)
	}
	out.TotalNum = int64(len(listed))
	off, limit := int(*req.Offset), int(*req.Limit)
	if off < len(listed) {
		out.SdkAppInfos = listed[off:min(off+limit, len(listed))]
	}
	return out, nil
}

func (w *massWorld) find(_ context.Context, id uint64) (*api.DescribeSdkAppInfoResponse, error) {
	reads := w.reads.Add(1)
	done := !w.clk.Now().Before(w.effective[id])
	if done {
		w.firstDone.CompareAndSwap(0, reads)
	}
	switch {
	case w.deleting && done:
		return nil, &api.NotFoundError{What: "application"}
	case w.deleting:
		return &api.DescribeSdkAppInfoResponse{SdkAppId: id, Status: api.AppStatusDisabled, TargetStatus: api.AppStatusDeleted}, nil
	case done:
		return &api.DescribeSdkAppInfoResponse{SdkAppId: id, Status: api.AppStatusDisabled, TargetStatus: api.AppStatusDisabled}, nil
	}
	return &api.DescribeSdkAppInfoResponse{SdkAppId: id, Status: api.AppStatusEnabled, TargetStatus: api.AppStatusDisabled}, nil
}

// runRounds runs the waits and moves the clock from one poll round to the
// next, each time once every unfinished wait sleeps; it returns the calls
// (listing pages plus direct reads) of each round.
func (w *massWorld) runRounds(t *testing.T, waits []func() error) []int64 {
	t.Helper()
	var left atomic.Int64
	left.Store(int64(len(waits)))
	var wg sync.WaitGroup
	for _, wait := range waits {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer left.Add(-1)
			if err := wait(); err != nil {
				t.Error(err)
			}
		}()
	}
	var rounds []int64
	calls := func() int64 { return w.lists.Load() + w.reads.Load() }
	before := int64(0)
	for {
		settle := time.Now().Add(20 * time.Second)
		for left.Load() > 0 && int64(w.clk.Sleepers()) < left.Load() {
			if time.Now().After(settle) {
				t.Fatalf("%d waits left, %d sleeping: the waits do not all sleep", left.Load(), w.clk.Sleepers())
			}
			time.Sleep(time.Millisecond)
		}
		rounds = append(rounds, calls()-before)
		before = calls()
		if left.Load() == 0 {
			break
		}
		next, _ := w.clk.NextWake()
		w.clk.AdvanceTo(next)
	}
	wg.Wait()
	return rounds
}

// Hundreds of waits on one provider poll like a few: a round costs one
// listing (ceil(N/100) pages) while they disable, and at most a budget of
// direct reads while they are deleted (a deleting application drops out of
// the listing, so only reading it tells when it is gone). Counted in calls
// on a manual clock, never in time.
func TestManyConcurrentWaitsShareEachPollRound(t *testing.T) {
	const n, propagation = 300, 30 * time.Second
	clk := clock.NewManual(epoch)
	w := &massWorld{clk: clk, effective: map[uint64]time.Time{}}
	for i := range n {
		id := uint64(1400000000 + i)
		w.ids = append(w.ids, id)
		w.effective[id] = epoch.Add(propagation + time.Duration(i)*50*time.Millisecond) // writes paced at 20/s
	}
	inv := inventory.New(w.list, clk, inventory.Options{})
	d := Deps{Find: w.find, Clock: clk, Shared: NewShared(inv, clk, 0)}

	var waits []func() error
	var onListing atomic.Int64
	for i, id := range w.ids {
		requested := epoch.Add(time.Duration(i) * 50 * time.Millisecond)
		waits = append(waits, func() error {
			if err := clk.Sleep(t.Context(), requested.Sub(epoch)); err != nil { // the write's turn
				return err
			}
			st, err := WaitRequestedStatus(t.Context(), d, id, api.AppStatusDisabled, requested)
			if err == nil && st.Listed != nil && !st.Listed.Enabled {
				onListing.Add(1)
			}
			return err
		})
	}
	rounds := w.runRounds(t, waits)
	checkRounds(t, "disable", rounds, 10)
	t.Logf("disable: %d rounds, %d listing calls, %d direct reads, done %v after the last write", len(rounds), w.lists.Load(), w.reads.Load(), clk.Now().Sub(epoch.Add(n*50*time.Millisecond)))
	// The last few waits read directly: fewer than a listing's pages.
	if got := onListing.Load(); got < n-n/100 {
		t.Errorf("%d of %d waits ended on the listing", got, n)
	}
	if w.reads.Load() > 2*(n/100) {
		t.Errorf("%d direct reads while the listing answered", w.reads.Load())
	}

	start := clk.Now()
	w.deleting, waits = true, nil
	w.lists.Store(0)
	w.reads.Store(0)
	for i, id := range w.ids {
		w.effective[id] = start.Add(propagation + time.Duration(i)*50*time.Millisecond)
		waits = append(waits, func() error {
			if err := clk.Sleep(t.Context(), time.Duration(i)*50*time.Millisecond); err != nil {
				return err
			}
			return WaitAppDeleted(t.Context(), d, id)
		})
	}
	rounds = w.runRounds(t, waits)
	checkRounds(t, "delete", rounds, 10)
	t.Logf("delete: %d rounds, %d direct reads (%.1f per application), done %v after the last deletion took effect",
		len(rounds), w.reads.Load(), float64(w.reads.Load())/n, clk.Now().Sub(start.Add(propagation+n*50*time.Millisecond)))
}

func checkRounds(t *testing.T, what string, rounds []int64, most int64) {
	t.Helper()
	for i, calls := range rounds {
		if calls > most {
			t.Errorf("%s: round %d made %d reads, want at most %d", what, i, calls, most)
		}
	}
}

// deletionWorld is n applications deleted 50 ms apart (DeleteTrtcApp at
// 20/s), each gone a propagation after its delete, and one wait each,
// started at its delete, on a fresh Shared (no change seen yet).
func deletionWorld(n int, propagation time.Duration, rateLimit float64) (*massWorld, Deps, []func(context.Context) error) {
	clk := clock.NewManual(epoch)
	w := &massWorld{clk: clk, effective: map[uint64]time.Time{}, deleting: true}
	d := Deps{Find: w.find, Clock: clk, Shared: NewShared(nil, clk, rateLimit)}
	var waits []func(context.Context) error
	for i := range n {
		id := uint64(1400000000 + i)
		written := time.Duration(i) * 50 * time.Millisecond
		w.ids = append(w.ids, id)
		w.effective[id] = epoch.Add(written + propagation)
		waits = append(waits, func(ctx context.Context) error {
			if err := clk.Sleep(ctx, written); err != nil { // the delete's turn
				return err
			}
			return WaitAppDeleted(ctx, d, id)
		})
	}
	return w, d, waits
}

// 300 deletion waits that have seen no change complete (a destroy of
// disabled applications): until the first is gone, only the oldest few
// read, a few reads a round; from then on each waits until its own delete
// plus the time the first took, and its read finds it gone. Counted in
// reads on a manual clock, never in time.
func TestDeletionWaitsLearnFromTheFirstCompletion(t *testing.T) {
	const n, propagation = 300, 30 * time.Second
	w, d, waits := deletionWorld(n, propagation, 0)
	var run []func() error
	for _, wait := range waits {
		run = append(run, func() error { return wait(t.Context()) })
	}
	rounds := w.runRounds(t, run)
	checkRounds(t, "delete", rounds, int64(d.Shared.ReadsPerRound()))
	before := w.firstDone.Load()
	after := w.reads.Load() - before
	lastGone := epoch.Add(time.Duration(n-1)*50*time.Millisecond + propagation)
	t.Logf("%d reads up to the first deletion seen, %d after (%.2f per application), done %v after the last deletion took effect",
		before, after, float64(before+after)/n, w.clk.Now().Sub(lastGone))
	if most := int64(scouts * pollBound(DefaultOptions, propagation)); before > most {
		t.Errorf("%d reads before the first deletion was seen, want at most %d (%d scouts on their own schedule)", before, most, scouts)
	}
	if after > n {
		t.Errorf("%d reads after the first deletion was seen, want at most %d (one for each wait)", after, n)
	}
	if over := w.clk.Now().Sub(lastGone); over > propagation/10 {
		t.Errorf("the last deletion was seen %v after it took effect, want at most %v", over, propagation/10)
	}
}

// The direct reads of a round are the provider's rate_limit's share of it:
// a lower limit lowers the budget, and no round reads more.
func TestDirectReadBudgetFollowsRateLimit(t *testing.T) {
	for rate, want := range map[float64]int{0: 10, 20: 10, 4: 2, 0.5: 1} {
		if got := NewShared(nil, clock.NewManual(epoch), rate).ReadsPerRound(); got != want {
			t.Errorf("rate_limit %v: %d direct reads a round, want %d", rate, got, want)
		}
	}
	w, d, waits := deletionWorld(100, 5*time.Second, 4)
	var run []func() error
	for _, wait := range waits {
		run = append(run, func() error { return wait(t.Context()) })
	}
	rounds := w.runRounds(t, run)
	checkRounds(t, "delete at rate_limit 4", rounds, int64(d.Shared.ReadsPerRound()))
}

// A wait resumed long after its write (a second apply) and done at its
// first read only bounds the propagation loosely: it teaches its kind
// nothing, else every other wait would hold off that long. A wait that saw
// the change pending does teach it.
func TestResumedWaitDoesNotTeachItsKind(t *testing.T) {
	clk := clock.NewFake(epoch.Add(10 * time.Minute))
	d := Deps{Clock: clk, Shared: NewShared(nil, clk, 0)}
	resumed := &fakeApp{clk: clk, requested: epoch, delay: 30 * time.Second, from: api.AppStatusEnabled, to: api.AppStatusDisabled}
	d.Find = resumed.find
	if _, err := WaitRequestedStatus(t.Context(), d, 1, api.AppStatusDisabled, epoch); err != nil {
		t.Fatal(err)
	}
	if l := d.Shared.kinds[kindStatus]; l.seen {
		t.Fatalf("a resumed wait done at once taught its kind %v", l.took)
	}
	fresh := &fakeApp{clk: clk, requested: clk.Now(), delay: 30 * time.Second, from: api.AppStatusEnabled, to: api.AppStatusDisabled}
	d.Find = fresh.find
	if _, err := WaitRequestedStatus(t.Context(), d, 2, api.AppStatusDisabled, clk.Now()); err != nil {
		t.Fatal(err)
	}
	if l := d.Shared.kinds[kindStatus]; !l.seen || l.took < 30*time.Second || l.took > 33*time.Second {
		t.Errorf("after a wait of 30 s the kind learned %v (seen %v), want 30 s to 33 s", l.took, l.seen)
	}
}
