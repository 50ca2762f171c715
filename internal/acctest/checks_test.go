package acctest

import (
	"testing"
	"time"
)

func TestWrapped(t *testing.T) {
	cases := []struct {
		parts []string
		text  string
		match bool
	}{
		{[]string{"Top up the account"}, "Top up the\n  account.", true},
		{[]string{"Pro for 2 month(s)"}, "Pro for 2 month(s)", true},
		{[]string{"Pro for 2 month(s)"}, "Pro for 2 months", false}, // ( ) are literal
		{[]string{"a.b"}, "axb", false},                             // . is literal
		{[]string{"trials", "quota is lower"}, "trials\nthe\nquota is\nlower", true},
		{[]string{"quota is lower", "trials"}, "trials, quota is lower", false}, // in order
	}
	for _, c := range cases {
		if got := Wrapped(c.parts...).MatchString(c.text); got != c.match {
			t.Errorf("Wrapped(%q) on %q = %v, want %v", c.parts, c.text, got, c.match)
		}
	}
}

func TestCaptures(t *testing.T) {
	var s string
	if CaptureString(&s).CheckValue("") == nil {
		t.Error("CaptureString took an empty string")
	}
	if err := CaptureString(&s).CheckValue("key"); err != nil || s != "key" {
		t.Errorf("CaptureString: %v, kept %q", err, s)
	}
	var at time.Time
	if CaptureTime(&at).CheckValue("yesterday") == nil {
		t.Error("CaptureTime took a value that is not RFC 3339")
	}
	if err := CaptureTime(&at).CheckValue("2026-01-31T16:00:00Z"); err != nil || !at.Equal(time.Date(2026, 1, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("CaptureTime: %v, kept %s", err, at)
	}
	// 16:00 UTC on 31 January is 1 February in the wire zone (UTC+8):
	// a month later is 1 March there (28 February 16:00 UTC), 3 March
	// (31 February) in UTC.
	for _, v := range []string{"2026-02-28T16:00:00Z", "2026-03-03T16:00:00Z"} {
		if err := MonthsAfter(&at, 1).CheckValue(v); err != nil {
			t.Errorf("MonthsAfter(1) refused %s: %v", v, err)
		}
	}
	if MonthsAfter(&at, 2).CheckValue("2026-03-03T16:00:00Z") == nil {
		t.Error("MonthsAfter(2) took one month")
	}
}

func TestUTCTime(t *testing.T) {
	if err := UTCTime().CheckValue("2026-01-31T16:00:00Z"); err != nil {
		t.Error(err)
	}
	for _, v := range []string{"2026-02-01T00:00:00+08:00", "2026-01-31T16:00:00.5Z", "2026-01-31"} {
		if UTCTime().CheckValue(v) == nil {
			t.Errorf("UTCTime took %s", v)
		}
	}
}
