// Package inventory keeps a short-lived, account-wide copy of the
// DescribeAppStatList listing (100 applications per page, with their tags), so
// that refreshing hundreds of trtc_application resources costs a few paged
// calls instead of two calls per resource.
//
// One rule decides whether a listing may answer: it started late enough
// and saw the writes that matter. Writes are counted (the epoch); a listing
// records the count when it starts. Each question sets the two bounds:
//   - Lookup (a refresh) and Peek: started less than a TTL ago, and saw the
//     last write to that application (or the last create);
//   - List: less than a TTL ago, and saw every write so far;
//   - Recent: less than a TTL ago, whatever was written since;
//   - ListedSince (a wait's poll): started at or after the given time.
//
// The listing at hand answers when it fits; else the one in flight, when it
// saw those writes (for ListedSince: when it started late enough); else a
// new one is fetched, shared by every caller that comes while it runs.
// Peek never fetches. Lookup may answer "read it directly" (nil) instead of
// fetching: for its first reads, which wait a short window (Window) and
// list only when MinBatch came together, and for a TTL after a listing
// failed.
package inventory

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// Defaults of Options.
const (
	DefaultTTL      = 30 * time.Second
	DefaultWindow   = 10 * time.Millisecond
	DefaultMinBatch = 3

	pageSize     = 100             // the largest Limit DescribeAppStatList accepts
	fetchTimeout = 5 * time.Minute // bounds a fetch whose first caller gave up
)

// App is one application as listed. Tags is shared: read it, do not modify it.
type App struct {
	ID          uint64
	Name        *string // nil when the listing answers null (published as possible)
	Description *string // nil when the listing answers null (published as possible)
	Enabled     bool    // the state in effect (list Status 1)
	CreateTime  string  // wire format, api.TimeLayout in api.TimeZone
	Tags        map[string]string
	License     *string // package name, nil when none
}

// Lister is DescribeAppStatList (an *api.Client method value fits).
type Lister func(ctx context.Context, req *api.DescribeAppStatListRequest) (*api.DescribeAppStatListResponse, error)

// Options tune the cache; zero values take the defaults.
type Options struct {
	// TTL is how long a listing answers reads after its fetch started.
	TTL time.Duration
	// Window is how long the first read waits for others before deciding
	// between one listing and a direct read.
	Window time.Duration
	// MinBatch is how many reads make the listing worth it.
	MinBatch int
}

// Inventory is safe for concurrent use; one per provider instance.
type Inventory struct {
	list  Lister
	clock clock.Clock
	opts  Options

	mu        sync.Mutex
	epoch     uint64            // counts writes; a listing fetched at epoch e saw writes <= e
	dirty     map[uint64]uint64 // application -> epoch of its last write
	allDirty  uint64            // epoch of the last write that changes the set (create)
	snap      *snapshot         // last complete listing, nil when none
	inflight  *fetch            // the listing being fetched, nil when none
	gather    chan struct{}     // closed when the first read's window ends
	failedAt  time.Time         // last fetch, if it failed (zero if it did not): Lookup reads directly for a TTL
	lookupsIn int               // Lookup calls so far: once enough, batching starts at once
}

type snapshot struct {
	at    time.Time
	epoch uint64
	apps  []App
	byID  map[uint64]int
}

type fetch struct {
	epoch   uint64
	started time.Time
	done    chan struct{}
	snap    *snapshot
	err     error
}

// New returns an Inventory listing through list; clk nil means the real clock.
func New(list Lister, clk clock.Clock, opts Options) *Inventory {
	if clk == nil {
		clk = clock.Real{}
	}
	if opts.TTL <= 0 {
		opts.TTL = DefaultTTL
	}
	if opts.Window < 0 {
		opts.Window = 0
	} else if opts.Window == 0 {
		opts.Window = DefaultWindow
	}
	if opts.MinBatch <= 0 {
		opts.MinBatch = DefaultMinBatch
	}
	return &Inventory{list: list, clock: clk, opts: opts, dirty: map[uint64]uint64{}}
}

// Forget makes every listing fetched so far stale for these applications
// (all: for every application, e.g. after one was created, which a listing
// made before cannot hold). The API client calls it after each write (see
// ProviderData.Inventory); a listing fetched before never answers for them again.
func (inv *Inventory) Forget(ids []uint64, all bool) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.epoch++
	if all {
		inv.allDirty = inv.epoch
	}
	for _, id := range ids {
		inv.dirty[id] = inv.epoch
	}
}

// Lookup returns the application as listed, or nil when the caller should
// read it directly: too few reads to be worth a listing, a write to it since
// the listing, a failed listing, or not listed (deleted, or not yet visible:
// only a direct read can tell). The error is only the caller's context ending.
func (inv *Inventory) Lookup(ctx context.Context, id uint64) (*App, error) {
	inv.mu.Lock()
	inv.lookupsIn++
	inv.mu.Unlock()
	f, err := inv.fetchFor(ctx, id)
	if f == nil || err != nil {
		return nil, err
	}
	s, err := wait(ctx, f)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, nil // the direct read will report the problem, if it persists
	}
	if inv.isDirty(id, s.epoch) {
		return nil, nil // written while the listing was being fetched
	}
	return s.find(id), nil
}

// fetchFor picks the listing that answers id: a fresh one, the one in
// flight, or a new one when enough reads came; nil means read directly.
func (inv *Inventory) fetchFor(ctx context.Context, id uint64) (*fetch, error) {
	gathered := false
	for {
		inv.mu.Lock()
		need := inv.lastWriteLocked(id)
		switch {
		case inv.freshLocked(need) != nil:
			f := &fetch{done: closedChan, snap: inv.snap}
			inv.mu.Unlock()
			return f, nil
		case !inv.failedAt.IsZero() && inv.clock.Now().Sub(inv.failedAt) < inv.opts.TTL:
			inv.mu.Unlock()
			return nil, nil
		case inv.inflight != nil && inv.inflight.epoch >= need:
			f := inv.inflight
			inv.mu.Unlock()
			return f, nil
		case inv.lookupsIn >= inv.opts.MinBatch:
			f := inv.startLocked(ctx)
			inv.mu.Unlock()
			return f, nil
		case gathered:
			inv.mu.Unlock()
			return nil, nil
		}
		g := inv.gather
		if g == nil {
			g = make(chan struct{})
			inv.gather = g
			go inv.closeGathering(ctx, g)
		}
		inv.mu.Unlock()
		select {
		case <-g:
			gathered = true
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// List returns every application of the account, oldest first, from a
// listing that saw every write made through this Inventory.
func (inv *Inventory) List(ctx context.Context) ([]App, error) { return inv.listing(ctx, true) }

// listing is a fresh listing that saw every write so far (seeWrites), or
// any fresh one (see Recent).
func (inv *Inventory) listing(ctx context.Context, seeWrites bool) ([]App, error) {
	inv.mu.Lock()
	var need uint64
	if seeWrites {
		need = inv.epoch // every write so far, creations included
	}
	if s := inv.freshLocked(need); s != nil {
		inv.mu.Unlock()
		return s.apps, nil
	}
	f := inv.inflight
	if f == nil || f.epoch < need {
		f = inv.startLocked(ctx)
	}
	inv.mu.Unlock()
	s, err := wait(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.apps, nil
}

// closeGathering ends the window opened by the first read; the reads that
// waited then share one listing if enough came, else each reads directly.
func (inv *Inventory) closeGathering(ctx context.Context, g chan struct{}) {
	_ = inv.clock.Sleep(context.WithoutCancel(ctx), inv.opts.Window)
	inv.mu.Lock()
	inv.gather = nil
	inv.mu.Unlock()
	close(g)
}

// freshLocked is the listing if it is fresh and saw writes up to need.
func (inv *Inventory) freshLocked(need uint64) *snapshot {
	s := inv.snap
	if s == nil || s.epoch < need || inv.clock.Now().Sub(s.at) >= inv.opts.TTL {
		return nil
	}
	return s
}

// lastWriteLocked is the epoch a listing must have seen to answer for id:
// its last write, or the last create.
func (inv *Inventory) lastWriteLocked(id uint64) uint64 { return max(inv.dirty[id], inv.allDirty) }

func (inv *Inventory) isDirty(id, seen uint64) bool {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	return inv.lastWriteLocked(id) > seen
}

// startLocked starts fetching the listing in the background, detached from
// the caller's cancellation since other reads may share it.
func (inv *Inventory) startLocked(ctx context.Context) *fetch {
	started := inv.clock.Now()
	f := &fetch{epoch: inv.epoch, started: started, done: make(chan struct{})}
	inv.inflight = f
	go func() {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), fetchTimeout)
		defer cancel()
		apps, err := fetchAll(fctx, inv.list)
		inv.mu.Lock()
		if err != nil {
			f.err = err
			inv.failedAt = inv.clock.Now()
			tflog.Warn(ctx, "listing TRTC applications failed; reading them one by one", map[string]any{"error": err.Error()})
		} else {
			f.snap = newSnapshot(started, f.epoch, apps)
			if inv.snap == nil || inv.snap.epoch <= f.epoch {
				inv.snap = f.snap
			}
			inv.failedAt = time.Time{}
			tflog.Debug(ctx, "listed TRTC applications", map[string]any{"applications": len(apps)})
		}
		if inv.inflight == f {
			inv.inflight = nil
		}
		inv.mu.Unlock()
		close(f.done)
	}()
	return f
}

func wait(ctx context.Context, f *fetch) (*snapshot, error) {
	select {
	case <-f.done:
		return f.snap, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func newSnapshot(at time.Time, epoch uint64, apps []App) *snapshot {
	s := &snapshot{at: at, epoch: epoch, apps: apps, byID: make(map[uint64]int, len(apps))}
	for i, a := range apps {
		s.byID[a.ID] = i
	}
	return s
}

func (s *snapshot) find(id uint64) *App {
	i, ok := s.byID[id]
	if !ok {
		return nil
	}
	app := s.apps[i]
	return &app
}
