package emulator

import (
	"time"
)

// Faults are injected failures (POST /_emulator/faults, internal/api/README.md,
// Emulator-only surface).
type Faults struct {
	ErrorRate    float64       // share of calls answered with ErrorCode
	ErrorCode    string        // default InternalError
	ThrottleRate float64       // share of calls answered RequestLimitExceeded
	Latency      time.Duration // added before answering
	DropRate     float64       // share of calls whose connection is closed unanswered
	ReadLag      time.Duration // reads of an object written this recently answer as before the write
	// Actions limits the faults to these actions ("CreateTrtcApp" or
	// "trtc.CreateTrtcApp"); empty = every action. For ReadLag it names the
	// reads that lag; writes are remembered whatever their action.
	Actions []string
}

func (f Faults) normalized() Faults {
	if f.ErrorCode == "" {
		f.ErrorCode = "InternalError"
	}
	f.Actions = append([]string(nil), f.Actions...)
	return f
}

// appliesTo reports whether the faults cover an action.
func (f Faults) appliesTo(spec *actionSpec) bool {
	if len(f.Actions) == 0 {
		return true
	}
	for _, a := range f.Actions {
		if a == spec.name || a == spec.key {
			return true
		}
	}
	return false
}

// admission is what happens to a call before its action runs.
type admission struct {
	latency time.Duration
	drop    bool
	err     *apiError
}

// admit counts a call that reached an action, then draws its faults and
// applies the rate limit.
func (e *Emulator) admit(spec *actionSpec) admission {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats.Calls[spec.key]++
	var adm admission
	if f := e.faults; f.appliesTo(spec) {
		adm.latency = f.Latency
		switch {
		case f.DropRate > 0 && e.rng.Float64() < f.DropRate:
			adm.drop = true
			return adm
		case f.ErrorRate > 0 && e.rng.Float64() < f.ErrorRate:
			adm.err = errf(f.ErrorCode, "injected fault on %s", spec.key)
		case f.ThrottleRate > 0 && e.rng.Float64() < f.ThrottleRate:
			adm.err = errf("RequestLimitExceeded", "injected throttling on %s", spec.key)
		}
	}
	if adm.err == nil && !e.limiter.allow(spec.key, e.clock.Now()) {
		adm.err = errf("RequestLimitExceeded", "more than %g requests per second to %s", e.cfg.RateLimit, spec.key)
	}
	return adm
}

// beforeWrite remembers, for read_lag, how an application read before a
// burst of writes; callers hold e.mu. existing is nil for a creation.
func (e *Emulator) beforeWrite(id uint64, existing *app) {
	lag := e.faults.ReadLag
	if lag <= 0 {
		return
	}
	now := e.now()
	if entry, ok := e.st.lag[id]; ok && now.Sub(entry.writtenAt) < lag {
		entry.writtenAt = now
		return
	}
	entry := &lagEntry{writtenAt: now}
	if existing != nil {
		entry.before = existing.clone()
	}
	e.st.lag[id] = entry
}

// view returns the application as a read of spec sees it: the state before
// a recent write while read_lag applies; nil when it does not exist.
func (e *Emulator) view(spec *actionSpec, id uint64) *app {
	a := e.st.apps[id]
	f := e.faults
	if f.ReadLag <= 0 || !f.appliesTo(spec) {
		return a
	}
	entry, ok := e.st.lag[id]
	now := e.now()
	if !ok || now.Sub(entry.writtenAt) >= f.ReadLag {
		return a
	}
	if entry.before == nil {
		return nil
	}
	old := entry.before.clone()
	settleApp(old, now)
	return old
}
