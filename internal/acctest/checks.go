package acctest

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// Wrapped matches an error as Terraform prints it, where long diagnostics
// are wrapped: each part is literal text whose every space may be any run
// of white space, and the parts appear in order with anything between them.
func Wrapped(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// CaptureString is a value check that keeps a non-empty string for the
// checks of later steps: the one way tests capture a value.
func CaptureString(into *string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		if v == "" {
			return fmt.Errorf("empty")
		}
		*into = v
		return nil
	})
}

// CaptureTime is CaptureString for an RFC 3339 time, kept parsed.
func CaptureTime(into *time.Time) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		parsed, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return fmt.Errorf("not RFC 3339: %w", err)
		}
		*into = parsed
		return nil
	})
}

// MonthsAfter checks that an RFC 3339 time is the captured one plus n
// calendar months. internal/api/README.md leaves the zone of month
// arithmetic open, so the wire zone, UTC and the local zone are accepted.
func MonthsAfter(captured *time.Time, n int) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		got, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return err
		}
		c := *captured
		inWire, inUTC, inLocal := c.In(api.TimeZone).AddDate(0, n, 0), c.UTC().AddDate(0, n, 0), c.Local().AddDate(0, n, 0)
		if !got.Equal(inWire) && !got.Equal(inUTC) && !got.Equal(inLocal) {
			return fmt.Errorf("%s, want %s (captured %s plus %d months)", v, inUTC.Format(time.RFC3339), c.Format(time.RFC3339), n)
		}
		return nil
	})
}

// StringMap is a value check of a map of strings, exactly m.
func StringMap(m map[string]string) knownvalue.Check {
	checks := map[string]knownvalue.Check{}
	for k, v := range m {
		checks[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(checks)
}

// StateString, StateInt64 and StateBool check one top-level attribute of a
// resource in the state.
func StateString(addr, attr, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.StringExact(want))
}

func StateInt64(addr, attr string, want int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.Int64Exact(want))
}

func StateBool(addr, attr string, want bool) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.Bool(want))
}

// ExpectOnlyAttributesChange is a plan check: the planned change of addr
// changes exactly attrs (before against after, an unknown value counted as
// a change).
func ExpectOnlyAttributesChange(addr string, attrs ...string) plancheck.PlanCheck {
	return onlyAttributesChange{addr: addr, attrs: attrs}
}

type onlyAttributesChange struct {
	addr  string
	attrs []string
}

func (c onlyAttributesChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for k := range before {
			if u, _ := unknown[k].(bool); u || !reflect.DeepEqual(before[k], after[k]) {
				changed = append(changed, k)
			}
		}
		slices.Sort(changed)
		if want := slices.Sorted(slices.Values(c.attrs)); !slices.Equal(changed, want) {
			resp.Error = fmt.Errorf("%s: planned changes of %v, want only %v", c.addr, changed, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s not in the plan", c.addr)
}

// UTCTime checks a time as the provider writes every time attribute:
// RFC 3339 in UTC, to the second.
func UTCTime() knownvalue.Check { return knownvalue.StringRegexp(utcTime) }

var utcTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
