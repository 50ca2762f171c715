package emulator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

func writeFleet(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fleet.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFleetPreloadsAsTheConsoleWould: a fleet's applications answer through
// the public API with their tags, editions and statuses.
func TestFleetPreloadsAsTheConsoleWould(t *testing.T) {
	fleet, err := ReadFleet(writeFleet(t, `{
  "account": {"app_quota": 50, "account_trial_quota": 10},
  "apps": [
    {"name": "console_prod", "tags": {"env": "prod", "team": "media"}, "edition": "Pro", "months": 12, "auto_renew": true},
    {"name": "console_trial", "product": "Live", "edition": "Trial"},
    {"name": "console_off", "status": "Disabled", "disabled_reason": "Overdue", "description": "legacy"},
    {"name": "console_plain"}
  ]
}`))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, func(c *Config) { c.Fleet = fleet })
	list, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.SdkAppInfos) != 4 {
		t.Fatalf("listing holds %d applications, want the fleet's 4", len(list.SdkAppInfos))
	}
	const first = firstSdkAppID
	tags := h.tagsOf(first)
	if tags["env"] != "prod" || tags["team"] != "media" || len(tags) != 2 {
		t.Errorf("console_prod tags %v", tags)
	}
	sub, err := h.api.DescribeAppSubscription(h.ctx, &api.DescribeAppSubscriptionRequest{SdkAppId: first})
	if err != nil || sub.Edition != catalog.EditionPro || !sub.AutoRenew || sub.Status != api.SubscriptionActive {
		t.Errorf("console_prod subscription %+v, %v", sub, err)
	}
	sub, err = h.api.DescribeAppSubscription(h.ctx, &api.DescribeAppSubscriptionRequest{SdkAppId: first + 1})
	if err != nil || sub.Edition != catalog.EditionTrial || sub.TrialsUsed != 1 || sub.AccountTrialsUsed != 1 {
		t.Errorf("console_trial subscription %+v, %v", sub, err)
	}
	if info := h.info(first + 2); info.Status != api.AppStatusDisabled || info.TargetStatus != api.AppStatusDisabled || info.AppName != "console_off" {
		t.Errorf("console_off %+v", info)
	}
	if got := h.emu.Account().AppQuota; got != 50 {
		t.Errorf("app quota %d, want the fleet's 50", got)
	}
}

// TestFleetRefusesWhatTheAPIRefuses: each entry is checked with the API's
// rules; the error names the file, the entry and the rule.
func TestFleetRefusesWhatTheAPIRefuses(t *testing.T) {
	manyTags := make([]string, catalog.MaxTagsPerResource+1)
	for i := range manyTags {
		manyTags[i] = fmt.Sprintf(`"k%d": "v"`, i)
	}
	trials := make([]string, catalog.MaxTrialsPerAccount+1)
	for i := range trials {
		trials[i] = fmt.Sprintf(`{"name": "t%d", "edition": "Trial"}`, i)
	}
	for name, tc := range map[string]struct{ apps, want string }{
		"16-character name":          {`{"name": "ok"}, {"name": "sixteen_chars_xx"}`, `apps[1] ("sixteen_chars_xx"): InvalidParameterValue.AppName`},
		"51st tag":                   {`{"name": "tagged", "tags": {` + strings.Join(manyTags, ",") + `}}`, `apps[0] ("tagged"): ` + api.CodeTagLimitPerResource},
		"reserved tag key":           {`{"name": "x", "tags": {"qcs:env": "a"}}`, "InvalidParameterValue.ReservedTagKey"},
		"eleventh trial":             {strings.Join(trials, ","), `apps[10] ("t10"): LimitExceeded.AccountTrialQuota`},
		"edition of another product": {`{"name": "x", "product": "Live", "edition": "Pro"}`, "InvalidParameterValue.Edition"},
		"status":                     {`{"name": "x", "status": "Paused"}`, "InvalidParameterValue.Status"},
		"period":                     {`{"name": "x", "edition": "Standard", "months": 5}`, "InvalidParameterValue.Period"},
		"region":                     {`{"name": "x", "data_region": "mars"}`, "InvalidParameterValue.DataRegion"},
		"unknown field":              {`{"name": "x", "edtion": "Pro"}`, `unknown field "edtion"`},
	} {
		t.Run(name, func(t *testing.T) {
			path := writeFleet(t, `{"apps": [`+tc.apps+`]}`)
			_, err := ReadFleet(path)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ReadFleet: %v; want an error naming %s and %q", err, path, tc.want)
			}
		})
	}
	t.Run("quota", func(t *testing.T) {
		_, err := ReadFleet(writeFleet(t, `{"account": {"app_quota": 1, "account_trial_quota": 1}, "apps": [{"name": "a"}, {"name": "b"}]}`))
		if err == nil || !strings.Contains(err.Error(), "LimitExceeded.AppQuota") {
			t.Fatalf("two apps over a quota of one: %v", err)
		}
	})
	t.Run("Open checks a fleet given in Go", func(t *testing.T) {
		_, err := Open(Config{Fleet: &Fleet{Apps: []FleetApp{{Name: "bad name"}}}})
		if err == nil || !strings.Contains(err.Error(), "InvalidParameterValue.AppName") {
			t.Fatalf("Open with a bad fleet: %v", err)
		}
	})
}

// TestFleetIgnoredWhenStateFileExists: a restart keeps its state; the
// fleet only seeds a fresh account.
func TestFleetIgnoredWhenStateFileExists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	fleet := &Fleet{Apps: []FleetApp{{Name: "seeded"}}}
	h := newHarness(t, withStateFile(path), func(c *Config) { c.Fleet = fleet })
	h.createApp("made_later")
	h.srv.Close()
	h2 := newHarness(t, withStateFile(path), withClock(h.clk), func(c *Config) { c.Fleet = fleet })
	apps := h2.emu.Apps()
	if len(apps) != 2 || apps[0].AppName != "seeded" || apps[1].AppName != "made_later" {
		t.Fatalf("after a restart with the fleet again: %+v, want seeded and made_later once", apps)
	}
}

// TestAdminFleetReplacesTheAccount: POST /_emulator/fleet is a reset and a
// preload in one call, checked as --fleet is, and kept in the state file.
func TestAdminFleetReplacesTheAccount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, withStateFile(path))
	h.createApp("before")
	var bad map[string]string
	if code := h.admin("POST", "/_emulator/fleet", `{"apps": [{"name": "sixteen_chars_xx"}]}`, &bad); code != 400 ||
		!strings.Contains(bad["error"], `apps[0] ("sixteen_chars_xx"): InvalidParameterValue.AppName`) {
		t.Fatalf("a bad fleet: %d %v", code, bad)
	}
	if apps := h.emu.Apps(); len(apps) != 1 || apps[0].AppName != "before" {
		t.Fatalf("a refused fleet changed the account: %+v", apps)
	}
	var got struct{ Apps []AppView }
	if code := h.admin("POST", "/_emulator/fleet", `{"apps": [{"name": "fleet_a", "edition": "Trial"}, {"name": "fleet_b", "status": "Disabled"}]}`, &got); code != 200 {
		t.Fatalf("POST fleet: %d", code)
	}
	if len(got.Apps) != 2 || got.Apps[0].AppName != "fleet_a" || got.Apps[0].Edition != catalog.EditionTrial || got.Apps[1].Status != api.AppStatusDisabled {
		t.Fatalf("after POST fleet: %+v", got.Apps)
	}
	h.srv.Close()
	h2 := newHarness(t, withStateFile(path), withClock(h.clk))
	if apps := h2.emu.Apps(); len(apps) != 2 || apps[1].AppName != "fleet_b" {
		t.Fatalf("after a restart: %+v, want the posted fleet", apps)
	}
}
