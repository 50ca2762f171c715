package emulator

import (
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// firstSdkAppID is the first SdkAppId handed out; later ones count up.
const firstSdkAppID = 1400000001

// state is every object of the emulated account; guarded by Emulator.mu.
type state struct {
	apps     map[uint64]*app
	order    []uint64 // creation order
	nextID   uint64
	nextDeal int

	createTokens  map[string]tokenEntry // CreateTrtcApp ClientToken
	dealTokens    map[string]tokenEntry // CreateAppSubscription ClientToken
	accountTrials int

	// read_lag: what reads answered before the last write of an app.
	lag map[uint64]*lagEntry
}

type tokenEntry struct {
	at      time.Time
	appID   uint64
	dealID  string
	expires time.Time
}

type lagEntry struct {
	writtenAt time.Time
	before    *app // nil: the app did not exist before the write
}

// app is one TRTC application.
type app struct {
	id                   uint64
	name, description    string
	product, region      string
	created              time.Time
	secretKey            string
	clientToken          string
	status, target       string // in effect, and targeted (Deleted while deleting)
	changeRequested, due time.Time
	disabledReason       string
	tags                 map[string]string
	sub                  subscription
	trialsUsed           int
}

// subscription is an application's edition (internal/api/README.md,
// Editions and subscriptions).
type subscription struct {
	edition       string
	status        string // Active, Expired, None
	start, expire time.Time
	autoRenew     bool
}

func newState() *state {
	return &state{
		apps: map[uint64]*app{}, nextID: firstSdkAppID,
		createTokens: map[string]tokenEntry{}, dealTokens: map[string]tokenEntry{},
		lag: map[uint64]*lagEntry{},
	}
}

// list returns the applications in creation order.
func (s *state) list() []*app {
	out := make([]*app, 0, len(s.order))
	for _, id := range s.order {
		if a, ok := s.apps[id]; ok {
			out = append(out, a)
		}
	}
	return out
}

func (s *state) remove(id uint64) {
	delete(s.apps, id)
	for i, v := range s.order {
		if v == id {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
}

// live counts applications that are not being deleted (the app quota).
func (s *state) live() int {
	n := 0
	for _, a := range s.apps {
		if a.target != api.AppStatusDeleted {
			n++
		}
	}
	return n
}

func (a *app) clone() *app {
	c := *a
	c.tags = make(map[string]string, len(a.tags))
	for k, v := range a.tags {
		c.tags[k] = v
	}
	return &c
}

func (a *app) pending() bool { return a.target != a.status }

// settle applies, lazily, everything that became due by emulator now:
// propagated status changes, finished deletions, expiries and renewals.
// Callers hold e.mu.
func (e *Emulator) settle() {
	now := e.now()
	for _, a := range e.st.list() {
		if settleApp(a, now) {
			e.st.remove(a.id)
		}
	}
	for id, entry := range e.st.lag {
		if e.faults.ReadLag <= 0 || now.Sub(entry.writtenAt) >= e.faults.ReadLag {
			delete(e.st.lag, id)
		}
	}
	for token, t := range e.st.createTokens {
		if !now.Before(t.expires) {
			delete(e.st.createTokens, token)
		}
	}
	for token, t := range e.st.dealTokens {
		if !now.Before(t.expires) {
			delete(e.st.dealTokens, token)
		}
	}
}

// settleApp brings one application up to now; true means it is gone.
func settleApp(a *app, now time.Time) (gone bool) {
	if a.pending() && !now.Before(a.due) {
		if a.target == api.AppStatusDeleted {
			return true
		}
		a.status = a.target
		a.disabledReason = ""
		if a.status == api.AppStatusDisabled {
			a.disabledReason = "Manual"
		}
		a.changeRequested, a.due = time.Time{}, time.Time{}
	}
	s := &a.sub
	if s.edition != catalog.EditionBasic && !s.expire.IsZero() {
		for !now.Before(s.expire) {
			if s.autoRenew && s.edition != catalog.EditionTrial {
				s.expire = s.expire.AddDate(0, catalog.AutoRenewMonths, 0)
				continue
			}
			*s = subscription{edition: catalog.EditionBasic, status: api.SubscriptionExpired}
			break
		}
	}
	return false
}

// propagation draws the delay of a status change; callers hold e.mu.
func (e *Emulator) propagation() time.Duration {
	lo, hi := e.cfg.PropagationMin, e.cfg.PropagationMax
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(e.rng.Int63n(int64(hi-lo)+1))
}

// messageTime spells t in an error message: RFC 3339 UTC, as the provider
// shows every time to users (the wire's UTC+8 form carries no zone).
func messageTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// wireTime spells t as every wire time is spelled; zero is "".
func wireTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(api.TimeZone).Format(api.TimeLayout)
}
