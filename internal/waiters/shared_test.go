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
	w.reads.Add(1)
	done := !w.clk.Now().Before(w.effective[id])
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
	d := Deps{Find: w.find, Clock: clk, Shared: NewShared(inv, clk)}

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
