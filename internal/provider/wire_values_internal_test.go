package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

func TestStatusAttr(t *testing.T) {
	for _, c := range []struct {
		wire, want string
		known      bool
	}{
		{api.AppStatusEnabled, appStatusEnabled, true},
		{api.AppStatusDisabled, appStatusDisabled, true},
		{api.AppStatusDeleted, appStatusDeleted, true},
		{"", "", true},
		{"Frozen", "frozen", false}, // passed through on purpose, flagged
		{"enabled", "enabled", false},
	} {
		got, known := statusAttr(c.wire)
		if got != c.want || known != c.known {
			t.Errorf("statusAttr(%q) = %q, %v; want %q, %v", c.wire, got, known, c.want, c.known)
		}
	}
	// wireStatus and statusAttr agree: what is written reads back the same.
	for _, s := range []string{appStatusEnabled, appStatusDisabled} {
		_, described := wireStatus(s)
		if got, _ := statusAttr(described); got != s {
			t.Errorf("round trip of %q gives %q", s, got)
		}
	}
}

func TestStatusValueWarnsOnUnknown(t *testing.T) {
	var diags diag.Diagnostics
	if v := statusValue("status", api.AppStatusDeleted, &diags); v.ValueString() != "deleted" || len(diags) != 0 {
		t.Errorf("known value: %v, %v", v, diags)
	}
	v := statusValue("status_in_effect", "Frozen", &diags)
	if v.ValueString() != "frozen" || diags.HasError() || diags.WarningsCount() != 1 {
		t.Fatalf("unknown value: %v, %v", v, diags)
	}
	if d := diags[0].Detail(); !strings.Contains(d, "status_in_effect") || !strings.Contains(d, `"Frozen"`) {
		t.Errorf("warning does not name the attribute and value: %s", d)
	}
}

func TestTimesAreRFC3339UTC(t *testing.T) {
	// The same instant, from the wire (UTC+8) and from a clock in another zone.
	if got, want := formatWireTime("2026-12-03 08:52:59"), "2026-12-03T00:52:59Z"; got != want {
		t.Errorf("formatWireTime = %q, want %q", got, want)
	}
	inst := time.Date(2026, 12, 3, 8, 52, 59, 0, api.TimeZone)
	if got := formatTime(inst); got != "2026-12-03T00:52:59Z" {
		t.Errorf("formatTime = %q", got)
	}
	if got := formatWireTime("not a time"); got != "not a time" {
		t.Errorf("unparsable time: got %q, want it passed through", got)
	}
	if !wireTimeValue("").IsNull() || wireTimeValue("2026-12-03 08:52:59").ValueString() != "2026-12-03T00:52:59Z" {
		t.Error("wireTimeValue: empty must be null, a time UTC")
	}
}
