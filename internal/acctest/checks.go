package acctest

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

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
