package inventory

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// fakeList serves n applications (IDs 1400000001...) like DescribeAppStatList.
type fakeList struct {
	mu    sync.Mutex
	apps  []api.SdkAppInfo
	reqs  []api.DescribeAppStatListRequest
	err   error
	gate  chan struct{} // when set, every call waits for it to close
	entry chan struct{} // when set, signalled at the start of every call
}

func newFakeList(n int) *fakeList {
	f := &fakeList{}
	for i := range n {
		f.apps = append(f.apps, api.SdkAppInfo{
			ID: uint64(1400000001 + i), Name: api.Ptr(fmt.Sprintf("app%d", i)), Status: uint64(i % 2),
			CreateTime: "2026-01-02 03:04:05", TagList: []api.Tag{{TagKey: "n", TagValue: fmt.Sprint(i)}},
		})
	}
	return f
}

func (f *fakeList) list(ctx context.Context, req *api.DescribeAppStatListRequest) (*api.DescribeAppStatListResponse, error) {
	// The answer is what the account holds when the call arrives.
	f.mu.Lock()
	f.reqs = append(f.reqs, *req)
	err := f.err
	out := &api.DescribeAppStatListResponse{TotalNum: int64(len(f.apps))}
	for i := *req.Offset; i < uint64(len(f.apps)) && i < *req.Offset+*req.Limit; i++ {
		out.SdkAppInfos = append(out.SdkAppInfos, f.apps[i])
	}
	f.mu.Unlock()
	if f.entry != nil {
		f.entry <- struct{}{}
	}
	if f.gate != nil {
		select {
		case <-f.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (f *fakeList) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

func (f *fakeList) rename(i int, name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.apps[i].Name = &name
}

func newTestInventory(f *fakeList) (*Inventory, *clock.Fake) {
	clk := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	return New(f.list, clk, Options{}), clk
}

// lookupConcurrently runs one Lookup per id at once and returns the answers by id.
func lookupConcurrently(t *testing.T, inv *Inventory, ids []uint64) map[uint64]*App {
	t.Helper()
	var mu sync.Mutex
	out := map[uint64]*App{}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			app, err := inv.Lookup(t.Context(), id)
			if err != nil {
				t.Errorf("Lookup(%d): %v", id, err)
			}
			mu.Lock()
			out[id] = app
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func TestLookupFewReadsAreDirect(t *testing.T) {
	f := newFakeList(5)
	inv, _ := newTestInventory(f)
	for _, id := range []uint64{1400000001, 1400000002} {
		if app, err := inv.Lookup(t.Context(), id); app != nil || err != nil {
			t.Fatalf("Lookup(%d) = %+v, %v; want nil (read directly)", id, app, err)
		}
	}
	if n := f.calls(); n != 0 {
		t.Fatalf("two lone reads listed the account %d times, want 0", n)
	}
}

func TestLookupManyReadsShareOnePagedListing(t *testing.T) {
	f := newFakeList(250)
	inv, _ := newTestInventory(f)
	var ids []uint64
	for i := range 250 {
		ids = append(ids, uint64(1400000001+i))
	}
	ids = append(ids, 1499999999) // not listed
	got := lookupConcurrently(t, inv, ids)

	if n := f.calls(); n != 3 {
		t.Fatalf("listing calls = %d, want 3 pages for 250 applications", n)
	}
	offsets := map[uint64]bool{}
	for _, r := range f.reqs {
		if *r.Limit != 100 || *r.NeedTags != 1 || *r.OrderType != 1 {
			t.Errorf("page request %+v: want Limit 100, NeedTags 1, oldest first", r)
		}
		offsets[*r.Offset] = true
	}
	if !offsets[0] || !offsets[100] || !offsets[200] {
		t.Errorf("page offsets %v, want 0, 100, 200", offsets)
	}
	listed := 0
	for i := range 250 {
		id := uint64(1400000001 + i)
		app := got[id]
		if app == nil {
			continue // an early read may have gone direct before the batch formed
		}
		listed++
		if app.ID != id || app.Name == nil || *app.Name != fmt.Sprintf("app%d", i) || app.Enabled != (i%2 == 1) || app.Tags["n"] != fmt.Sprint(i) {
			t.Errorf("Lookup(%d) = %+v, not its own application", id, app)
		}
	}
	if listed < 240 {
		t.Errorf("%d of 250 reads answered from the listing, want nearly all", listed)
	}
	if got[1499999999] != nil {
		t.Errorf("unlisted application answered %+v, want nil so the caller confirms directly", got[1499999999])
	}
}

func TestLookupReusesListingWhileFresh(t *testing.T) {
	f := newFakeList(3)
	inv, clk := newTestInventory(f)
	lookupConcurrently(t, inv, []uint64{1400000001, 1400000002, 1400000003})
	before := f.calls()
	if before != 1 {
		t.Fatalf("listing calls = %d, want 1", before)
	}
	f.rename(0, "renamed")
	clk.Advance(DefaultTTL / 2)
	if app, _ := inv.Lookup(t.Context(), 1400000001); app == nil || nameOf(app) != "app0" {
		t.Fatalf("fresh listing: got %+v, want the cached app0", app)
	}
	clk.Advance(DefaultTTL)
	app, _ := inv.Lookup(t.Context(), 1400000001)
	if app == nil || nameOf(app) != "renamed" {
		t.Fatalf("after the TTL: got %+v, want the renamed application from a new listing", app)
	}
	if n := f.calls(); n != 2 {
		t.Fatalf("listing calls = %d, want 2", n)
	}
}

func TestForgetThatApplication(t *testing.T) {
	f := newFakeList(3)
	inv, _ := newTestInventory(f)
	lookupConcurrently(t, inv, []uint64{1400000001, 1400000002, 1400000003})
	f.rename(0, "other")   // outside Terraform: the fresh listing still says app0
	f.rename(1, "written") // through Terraform, which invalidates
	inv.Forget([]uint64{1400000002}, false)
	if app, _ := inv.Lookup(t.Context(), 1400000002); app == nil || nameOf(app) != "written" {
		t.Fatalf("written application: got %+v, want the new name from a listing made after the write", app)
	}
	if n := f.calls(); n != 2 {
		t.Fatalf("listing calls = %d, want 2 (the first and one after the write)", n)
	}
	if app, _ := inv.Lookup(t.Context(), 1400000001); app == nil || nameOf(app) != "other" {
		t.Fatalf("other application: got %+v, want it from the newest listing", app)
	}
}

func TestWriteDuringFetchIsNotServedFromIt(t *testing.T) {
	f := newFakeList(3)
	f.gate, f.entry = make(chan struct{}), make(chan struct{}, 10)
	inv, _ := newTestInventory(f)
	done := make(chan map[uint64]*App)
	go func() { done <- lookupConcurrently(t, inv, []uint64{1400000001, 1400000002, 1400000003}) }()
	<-f.entry // the listing is on the wire, with the old name
	f.rename(1, "written")
	inv.Forget([]uint64{1400000002}, false)
	close(f.gate)
	got := <-done
	if app := got[1400000002]; app != nil && nameOf(app) != "written" {
		t.Errorf("application written during the fetch answered %+v from the older listing", app)
	}
	// The next read lists again rather than trust the listing that raced the write.
	if app, _ := inv.Lookup(t.Context(), 1400000002); app == nil || nameOf(app) != "written" {
		t.Errorf("got %+v, want a listing newer than the write to serve it", app)
	}
}

func TestFailedListingFallsBackToDirectReads(t *testing.T) {
	f := newFakeList(3)
	f.err = errors.New("UnauthorizedOperation")
	inv, clk := newTestInventory(f)
	got := lookupConcurrently(t, inv, []uint64{1400000001, 1400000002, 1400000003})
	for id, app := range got {
		if app != nil {
			t.Errorf("Lookup(%d) = %+v after a failed listing, want nil", id, app)
		}
	}
	for range 5 {
		_, _ = inv.Lookup(t.Context(), 1400000001)
	}
	if n := f.calls(); n != 1 {
		t.Fatalf("listing calls = %d, want 1: no retry storm within the TTL", n)
	}
	if _, err := inv.List(t.Context()); err == nil {
		t.Fatal("List: want the listing error")
	}
	f.mu.Lock()
	f.err = nil
	f.mu.Unlock()
	clk.Advance(DefaultTTL)
	lookupConcurrently(t, inv, []uint64{1400000001, 1400000002, 1400000003})
	if app, _ := inv.Lookup(t.Context(), 1400000001); app == nil {
		t.Fatal("after the TTL a working listing should serve again")
	}
}

func TestListSeesEveryWrite(t *testing.T) {
	f := newFakeList(120)
	inv, _ := newTestInventory(f)
	apps, err := inv.List(t.Context())
	if err != nil || len(apps) != 120 || apps[0].ID != 1400000001 || apps[119].ID != 1400000120 {
		t.Fatalf("List = %d apps, %v; want 120 oldest first", len(apps), err)
	}
	if _, err := inv.List(t.Context()); err != nil || f.calls() != 2 {
		t.Fatalf("second List: %v, calls %d; want the fresh listing reused (2 pages in all)", err, f.calls())
	}
	f.mu.Lock()
	f.apps = append(f.apps, api.SdkAppInfo{ID: 1400000999, Name: api.Ptr("new")})
	f.mu.Unlock()
	inv.Forget(nil, true)
	apps, err = inv.List(t.Context())
	if err != nil || len(apps) != 121 || apps[120].ID != 1400000999 {
		t.Fatalf("List after a create = %d apps, %v; want the new one last", len(apps), err)
	}
}

func TestLookupHonoursContext(t *testing.T) {
	f := newFakeList(3)
	f.gate = make(chan struct{})
	defer close(f.gate)
	inv := New(f.list, clock.Real{}, Options{MinBatch: 1})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := inv.Lookup(ctx, 1400000001); !errors.Is(err, context.Canceled) {
		t.Fatalf("Lookup with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestReadsArrivingInTheWindowShareTheListing(t *testing.T) {
	f := newFakeList(3)
	inv := New(f.list, clock.Real{}, Options{Window: 200 * time.Millisecond})
	got := lookupConcurrently(t, inv, []uint64{1400000001, 1400000002, 1400000003})
	for id, app := range got {
		if app == nil || app.ID != id {
			t.Errorf("Lookup(%d) = %+v, want it from the shared listing", id, app)
		}
	}
	if n := f.calls(); n != 1 {
		t.Fatalf("listing calls = %d, want 1", n)
	}
}

// An application appearing before the current page while paging shifts
// later pages: the listing holds each application once.
func TestListingDropsDuplicatesWhenPagesShift(t *testing.T) {
	f := newFakeList(150)
	f.entry = make(chan struct{}, 10)
	inv, _ := newTestInventory(f)
	done := make(chan []App)
	go func() {
		apps, err := inv.List(t.Context())
		if err != nil {
			t.Error(err)
		}
		done <- apps
	}()
	<-f.entry // the first page is answered; one more application before the second
	f.mu.Lock()
	f.apps = append([]api.SdkAppInfo{{ID: 1499999999}}, f.apps...)
	f.mu.Unlock()
	apps := <-done
	seen := map[uint64]bool{}
	for _, a := range apps {
		if seen[a.ID] {
			t.Errorf("application %d listed twice", a.ID)
		}
		seen[a.ID] = true
	}
	if len(apps) != 150 || !seen[1400000100] || !seen[1400000150] {
		t.Errorf("listed %d applications, want the 150 that existed throughout", len(apps))
	}
}

// nameOf is the listed name of app, "" when the listing answered null.
func nameOf(app *App) string {
	if app.Name == nil {
		return ""
	}
	return *app.Name
}

// Peek fetches nothing: it answers only from a fresh listing that saw the
// writes to the application asked about.
func TestPeekAnswersOnlyFromTheListingAtHand(t *testing.T) {
	calls := 0
	list := func(_ context.Context, req *api.DescribeAppStatListRequest) (*api.DescribeAppStatListResponse, error) {
		calls++
		return &api.DescribeAppStatListResponse{TotalNum: 1, SdkAppInfos: []api.SdkAppInfo{{ID: 1400000001}}}, nil
	}
	inv := New(list, clock.NewFake(time.Now()), Options{})
	if _, known := inv.Peek(1400000001); known || calls != 0 {
		t.Fatalf("Peek with no listing: known %v, %d calls; want unknown, 0 calls", known, calls)
	}
	if _, err := inv.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if app, known := inv.Peek(1400000001); !known || app == nil || app.ID != 1400000001 {
		t.Errorf("Peek of a listed application = %v, %v", app, known)
	}
	if app, known := inv.Peek(1400000009); !known || app != nil {
		t.Errorf("Peek of an unlisted application = %v, %v; want nil, known", app, known)
	}
	inv.Forget([]uint64{1400000001}, false)
	if _, known := inv.Peek(1400000001); known {
		t.Error("Peek answered for an application written since the listing")
	}
	if calls != 1 {
		t.Errorf("%d listing calls, want 1 (Peek fetches nothing)", calls)
	}
}

// Recent reuses a fresh listing after writes (one listing for many creates'
// checks), and lists again once it is stale.
func TestRecentListsOncePerTTL(t *testing.T) {
	calls := 0
	list := func(_ context.Context, req *api.DescribeAppStatListRequest) (*api.DescribeAppStatListResponse, error) {
		calls++
		return &api.DescribeAppStatListResponse{TotalNum: 1, SdkAppInfos: []api.SdkAppInfo{{ID: 1400000001}}}, nil
	}
	clk := clock.NewFake(time.Now())
	inv := New(list, clk, Options{})
	for i := range 3 {
		apps, err := inv.Recent(context.Background())
		if err != nil || len(apps) != 1 {
			t.Fatalf("Recent: %v, %v", apps, err)
		}
		inv.Forget(nil, true) // a create, as each new application's apply makes
		if calls != 1 {
			t.Fatalf("after %d checks and creates: %d listing calls, want 1", i+1, calls)
		}
	}
	clk.Advance(DefaultTTL)
	if _, err := inv.Recent(context.Background()); err != nil || calls != 2 {
		t.Errorf("a stale listing: %d calls (%v), want a second listing", calls, err)
	}
}
