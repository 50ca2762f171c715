package emulator

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

func TestAdminHealthStatsAppsReset(t *testing.T) {
	h := newHarness(t)
	var health map[string]any
	if code := h.admin(http.MethodGet, "/_emulator/health", "", &health); code != 200 || health["ok"] != true {
		t.Fatalf("health: %d %v", code, health)
	}

	id := h.createApp("admin_app", api.Tag{TagKey: "env", TagValue: "dev"})
	_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a b", Product: "Call"})
	wantCode(t, err, "InvalidParameterValue.AppName")
	if _, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{catalog.ResourceName(DefaultUIN, id)}, Tags: []api.Tag{{TagKey: "k", TagValue: "v"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id}); err != nil {
		t.Fatal(err)
	}

	var stats struct {
		Calls  map[string]int `json:"calls"`
		Errors map[string]int `json:"errors"`
	}
	h.admin(http.MethodGet, "/_emulator/stats", "", &stats)
	if stats.Calls["trtc.CreateTrtcApp"] != 2 || stats.Calls["tag.TagResources"] != 1 || stats.Calls["trtc.CreateTrtcFreeLicense"] != 1 {
		t.Fatalf("stats calls = %v", stats.Calls)
	}
	if stats.Errors["InvalidParameterValue.AppName"] != 1 || len(stats.Errors) != 1 {
		t.Fatalf("stats errors = %v", stats.Errors)
	}

	var apps struct {
		Apps []map[string]any `json:"apps"`
	}
	h.admin(http.MethodGet, "/_emulator/apps", "", &apps)
	if len(apps.Apps) != 1 {
		t.Fatalf("apps = %v", apps)
	}
	got := apps.Apps[0]
	for _, field := range []string{"SdkAppId", "AppName", "Status", "TargetStatus", "Tags", "Edition", "ClientToken"} {
		if _, ok := got[field]; !ok {
			t.Fatalf("apps entry lacks %s: %v", field, got)
		}
	}
	if got["SdkAppId"] != float64(id) || got["AppName"] != "admin_app" || got["Status"] != "Enabled" || got["Edition"] != "Trial" ||
		got["Tags"].(map[string]any)["k"] != "v" {
		t.Fatalf("apps entry = %v", got)
	}

	h.emu.SetFaults(Faults{ErrorRate: 1})
	h.emu.SetAccount(Account{AppQuota: 1})
	if code := h.admin(http.MethodPost, "/_emulator/reset", "", nil); code != 200 {
		t.Fatalf("reset: %d", code)
	}
	if len(h.emu.Apps()) != 0 || len(h.emu.Stats().Calls) != 0 || len(h.emu.Stats().Errors) != 0 {
		t.Fatal("reset kept applications or counters")
	}
	second := h.createApp("after_reset") // faults and the quota were reset too
	if second != firstSdkAppID {
		t.Fatalf("SdkAppIds restart after reset: got %d", second)
	}
}

func TestAdminClock(t *testing.T) {
	h := newHarness(t)
	id := h.createApp("clocked")
	if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id}); err != nil {
		t.Fatal(err)
	}
	var now map[string]string
	if code := h.admin(http.MethodPost, "/_emulator/clock", `{"advance":"168h"}`, &now); code != 200 {
		t.Fatalf("clock: %d", code)
	}
	if now["now"] != "2026-03-08T04:00:00Z" {
		t.Fatalf("clock answer = %v", now)
	}
	if s := h.sub(id); s.Status != api.SubscriptionExpired {
		t.Fatalf("after advancing 168h the 7-day trial must be over: %+v", s)
	}
	if code := h.admin(http.MethodPost, "/_emulator/clock", `{"advance":"soon"}`, nil); code != 400 {
		t.Fatalf("bad advance: %d", code)
	}
	// The signature window follows the configured clock, not the offset:
	// the client still signs with the un-advanced fake clock.
	if _, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{}); err != nil {
		t.Fatal(err)
	}
}

func TestAdminFaults(t *testing.T) {
	h := newHarness(t)
	var echoed map[string]any
	body := `{"error_rate": 1, "error_code": "ResourceUnavailable", "actions": ["DescribeAppStatList"]}`
	if code := h.admin(http.MethodPost, "/_emulator/faults", body, &echoed); code != 200 || echoed["error_code"] != "ResourceUnavailable" {
		t.Fatalf("faults: %d %v", code, echoed)
	}
	_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
	wantCode(t, err, "ResourceUnavailable")
	h.createApp("unaffected") // other actions are untouched

	h.admin(http.MethodPost, "/_emulator/faults", `{"throttle_rate": 1, "actions": ["trtc.CreateTrtcApp"]}`, nil)
	_, err = h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call"})
	wantCode(t, err, "RequestLimitExceeded")

	h.admin(http.MethodPost, "/_emulator/faults", `{}`, nil)
	if _, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{}); err != nil {
		t.Fatalf("{} must clear faults: %v", err)
	}
	if code := h.admin(http.MethodPost, "/_emulator/faults", `{"error_rate": 2}`, nil); code != 400 {
		t.Fatalf("rate 2 accepted: %d", code)
	}
	if code := h.admin(http.MethodPost, "/_emulator/faults", `{"bogus": 1}`, nil); code != 400 {
		t.Fatalf("unknown field accepted: %d", code)
	}
}

func TestFaultRatesAreSeededAndProportional(t *testing.T) {
	count := func(seed int64) int {
		h := newHarness(t, func(c *Config) { c.Seed = seed })
		h.emu.SetFaults(Faults{ErrorRate: 0.3})
		n := 0
		for i := 0; i < 200; i++ {
			if _, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{}); api.Code(err) == "InternalError" {
				n++
			}
		}
		return n
	}
	a, b := count(11), count(11)
	if a != b {
		t.Fatalf("same seed, different fault counts: %d vs %d", a, b)
	}
	if a < 30 || a > 90 {
		t.Fatalf("error_rate 0.3 over 200 calls gave %d errors", a)
	}
}

func TestFaultLatencyAndDrop(t *testing.T) {
	h := newHarness(t)
	h.admin(http.MethodPost, "/_emulator/faults", `{"latency": "90s", "actions": ["DescribeAppStatList"]}`, nil)
	before := h.clk.Now()
	if _, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{}); err != nil {
		t.Fatal(err)
	}
	// Latency sleeps on the configured clock; the fake clock advances instead.
	if slept := h.clk.Now().Sub(before); slept != 90*time.Second {
		t.Fatalf("latency slept %s on the fake clock", slept)
	}

	h.admin(http.MethodPost, "/_emulator/faults", `{"drop_rate": 1}`, nil)
	_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
	if err == nil || api.Code(err) != "" {
		t.Fatalf("a dropped connection must be a transport error, got %v", err)
	}
	if n := h.emu.Stats().Calls["trtc.DescribeAppStatList"]; n != 2 {
		t.Fatalf("dropped call not counted: %d", n)
	}
}

func TestFaultReadLag(t *testing.T) {
	h := newHarness(t)
	old := h.createApp("old_name")
	h.admin(http.MethodPost, "/_emulator/faults", `{"read_lag": "2s"}`, nil)
	fresh := h.createApp("fresh")
	if _, err := h.api.ModifyAppInfo(h.ctx, &api.ModifyAppInfoRequest{SdkAppId: old, AppName: api.Ptr("new_name")}); err != nil {
		t.Fatal(err)
	}
	_, err := h.api.DescribeSdkAppInfo(h.ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: fresh})
	wantCode(t, err, "FailedOperation.SdkAppIdNotExist")
	if name := h.info(old).AppName; name != "old_name" {
		t.Fatalf("within read_lag the old name must show, got %s", name)
	}
	if total, _ := h.listIDs(&api.DescribeAppStatListRequest{}); total != 1 {
		t.Fatalf("within read_lag the new app must not be listed: %d", total)
	}
	h.clk.Advance(2 * time.Second)
	if name := h.info(old).AppName; name != "new_name" {
		t.Fatalf("after read_lag: %s", name)
	}
	h.info(fresh)
}

func TestAdminAccount(t *testing.T) {
	h := newHarness(t)
	var acc map[string]any
	h.admin(http.MethodPost, "/_emulator/account", `{"balance": 0, "app_quota": 1, "account_trial_quota": 0}`, &acc)
	if acc["balance"] != 0.0 || acc["app_quota"] != 1.0 || acc["account_trial_quota"] != 0.0 {
		t.Fatalf("account answer = %v", acc)
	}
	id := h.createApp("only")
	_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "second", Product: "Call"})
	wantCode(t, err, "LimitExceeded.AppQuota")
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
	wantCode(t, err, "LimitExceeded.AccountTrialQuota")
	_, err = h.buy(id, catalog.EditionPro, 1, true)
	wantCode(t, err, "FailedOperation.InsufficientBalance")

	h.admin(http.MethodPost, "/_emulator/account", `{"balance": null}`, &acc)
	if acc["balance"] != nil || acc["app_quota"] != 1.0 {
		t.Fatalf("balance null keeps other fields: %v", acc)
	}
	if _, err := h.buy(id, catalog.EditionPro, 1, true); err != nil {
		t.Fatal(err)
	}
	if code := h.admin(http.MethodPost, "/_emulator/account", `{"app_quota": -1}`, nil); code != 400 {
		t.Fatalf("negative quota accepted: %d", code)
	}
}

func TestAdminUnknownPathAndMethod(t *testing.T) {
	h := newHarness(t)
	if code := h.admin(http.MethodGet, "/_emulator/nope", "", nil); code != 404 {
		t.Fatalf("unknown path: %d", code)
	}
	if code := h.admin(http.MethodPost, "/_emulator/health", "", nil); code != 405 {
		t.Fatalf("POST health: %d", code)
	}
}

// TestLogLineHasNoSecrets: one line per request, with the action and the
// result code, and none of the secrets that crossed the wire.
func TestLogLineHasNoSecrets(t *testing.T) {
	var buf safeBuffer
	h := newHarness(t, func(c *Config) { c.Log = &buf })
	id := h.createApp("logged")
	info := h.info(id)
	role, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/r", RoleSessionName: "tf"})
	if err != nil {
		t.Fatal(err)
	}
	h.raw(rawRequest{action: "DescribeAppStatList", secretID: DefaultSecretID, secretKey: "wrong"})
	log := buf.String()
	lines := strings.Split(strings.TrimSpace(log), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "trtc.CreateTrtcApp OK") || !strings.Contains(lines[3], "AuthFailure.SignatureFailure") {
		t.Fatalf("log lines:\n%s", log)
	}
	for _, secret := range []string{DefaultSecretKey, info.SecretKey, role.Credentials.TmpSecretKey, role.Credentials.Token} {
		if strings.Contains(log, secret) {
			t.Fatalf("log contains a secret %q:\n%s", secret, log)
		}
	}
}

type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *safeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *safeBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
