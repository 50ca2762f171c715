package acctest

import (
	"fmt"
	"maps"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Calls counts the requests that reached an action so far: "CreateTrtcApp"
// sums every service, "trtc.CreateTrtcApp" is one key of emulator Stats.
func (e *Env) Calls(action string) int { return countCalls(e.Emulator.Stats().Calls, action) }

// CallsBeyondCredentialsCheck counts the requests that reached an action
// so far, except STS GetCallerIdentity, which Configure makes once per
// provider instance (per Terraform command) to check the credentials.
func (e *Env) CallsBeyondCredentialsCheck() int {
	return e.TotalCalls() - e.Calls("sts.GetCallerIdentity")
}

// TotalCalls counts every request that reached an action so far.
func (e *Env) TotalCalls() int {
	n := 0
	for _, v := range e.Emulator.Stats().Calls {
		n += v
	}
	return n
}

// countCalls is Env.Calls over calls, a copy of Stats().Calls.
func countCalls(calls map[string]int, action string) int {
	if strings.Contains(action, ".") {
		return calls[action]
	}
	n := 0
	for k, v := range calls {
		if strings.HasSuffix(k, "."+action) {
			n += v
		}
	}
	return n
}

// CallMark is the emulator's call counts at one moment, to count the calls
// made since: the one way tests count calls beyond Env.Calls' running
// total. Like Stats, it needs the in-process emulator.
type CallMark struct {
	env    *Env
	counts map[string]int // a copy of Stats().Calls; nil counts from the start
}

// MarkCalls marks the call counts now.
func (e *Env) MarkCalls() CallMark {
	return CallMark{env: e, counts: maps.Clone(e.Emulator.Stats().Calls)}
}

// Since counts the calls to action (named as Env.Calls names it) since m.
func (m CallMark) Since(action string) int {
	return m.env.Calls(action) - countCalls(m.counts, action)
}

// WritesSince are the calls since m to actions that are not reads
// (Describe*, Get*), by Stats key.
func (m CallMark) WritesSince() map[string]int {
	writes := map[string]int{}
	for action, n := range m.env.Emulator.Stats().Calls {
		if n -= m.counts[action]; n > 0 && !readAction.MatchString(action) {
			writes[action] = n
		}
	}
	return writes
}

var readAction = regexp.MustCompile(`\.(Describe|Get)\w+$`)

// Check fails unless action was called want times since m.
func (m CallMark) Check(action string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := m.Since(action); got != want {
			return fmt.Errorf("%s called %d times, want %d", action, got, want)
		}
		return nil
	}
}

// CheckNoWrites fails if a call that was not a read reached the emulator
// since m.
func (m CallMark) CheckNoWrites() resource.TestCheckFunc {
	return func(*terraform.State) error {
		if writes := m.WritesSince(); len(writes) != 0 {
			return fmt.Errorf("write calls %v since the mark, want none", writes)
		}
		return nil
	}
}

// CheckCalls fails unless action was called want times since the emulator
// started.
func (e *Env) CheckCalls(action string, want int) resource.TestCheckFunc {
	return CallMark{env: e}.Check(action, want)
}
