package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

func TestEditionChangeProblem(t *testing.T) {
	cases := []struct {
		held, planned string
		refused       bool
		mentions      []string
	}{
		{held: "Basic", planned: "Standard"},    // nothing held, or expired: a new purchase
		{held: "", planned: "Trial"},            // nothing read yet
		{held: "Trial", planned: "Pro"},         // trial converts
		{held: "Standard", planned: "Standard"}, // renewal, not a switch
		{held: "Basic", planned: "Trial"},       // after expiry a trial may be claimed again
		{held: "Standard", planned: "Pro", refused: true, mentions: []string{"service ticket", "Standard to Pro", "terraform state rm", "2027-01-01T00:00:00Z"}},
		{held: "OneToOneCall", planned: "GroupCall", refused: true, mentions: []string{"service ticket", "OneToOneCall"}},
		{held: "Pro", planned: "Trial", refused: true, mentions: []string{"Trial can only be claimed without", "Pro"}},
	}
	for _, c := range cases {
		summary, detail := editionChangeProblem(c.held, c.planned, "2027-01-01T00:00:00Z", 1400000001)
		if (summary != "") != c.refused {
			t.Errorf("%s -> %s: refused=%v, want %v (%q)", c.held, c.planned, summary != "", c.refused, detail)
		}
		for _, m := range c.mentions {
			if !strings.Contains(detail, m) {
				t.Errorf("%s -> %s: detail %q does not mention %q", c.held, c.planned, detail, m)
			}
		}
	}
}

func TestPlannedPurchase(t *testing.T) {
	model := func(edition string, trigger types.String) *subscriptionModel {
		return &subscriptionModel{Edition: types.StringValue(edition), RenewalTrigger: trigger}
	}
	str, null := types.StringValue, types.StringNull()
	cases := []struct {
		name         string
		state, plan  *subscriptionModel
		wantPurchase bool
	}{
		{"nothing changes", model("Standard", str("a")), model("Standard", str("a")), false},
		{"new trigger renews", model("Standard", str("a")), model("Standard", str("b")), true},
		{"first trigger renews", model("Standard", null), model("Standard", str("a")), true},
		{"unknown trigger may renew", model("Standard", str("a")), model("Standard", types.StringUnknown()), true},
		{"cleared trigger buys nothing", model("Standard", str("a")), model("Standard", null), false},
		{"empty trigger buys nothing", model("Standard", str("a")), model("Standard", str("")), false},
		{"expired package bought again", model("Basic", null), model("Standard", null), true},
		{"trial converts", model("Trial", null), model("Pro", null), true},
	}
	for _, c := range cases {
		if got := plannedPurchase(c.state, c.plan); got != c.wantPurchase {
			t.Errorf("%s: plannedPurchase = %v, want %v", c.name, got, c.wantPurchase)
		}
	}
}

func TestExplainSubscriptionErrorGivesNumbers(t *testing.T) {
	current := &api.DescribeAppSubscriptionResponse{Product: "Live", Edition: "Standard", ExpireTime: "2027-01-01 08:00:00", TrialsUsed: 2, AccountTrialsUsed: 3}
	facts := purchaseFacts{SdkAppID: 1400000007, Edition: "Pro", PeriodMonths: 6, Current: current}
	apiErr := func(code string) error {
		return &api.Error{Service: "trtc", Action: "X", Code: code, Message: "refused", RequestID: "r"}
	}
	cases := []struct {
		code     string
		mentions []string
	}{
		{api.CodeAppTrialQuota, []string{"1400000007", "used 2 of 2 trials"}},
		{api.CodeAccountTrial, []string{"used 3 of 10 trials", "quota is lower"}},
		{api.CodeInsufficientBal, []string{"Top up", "Pro for 6 month(s)", "nothing was bought"}},
		{api.CodeEditionSwitch, []string{"service ticket", "Standard to Pro", "2027-01-01T00:00:00Z"}},
		{api.CodeInvalidPeriod, []string{"period_months = 6", "choose one of 1, 2, 3, 6, 12."}},
		{api.CodeInvalidEdition, []string{`edition "Pro"`, "product is Live", `offers: "Trial"`}},
		{api.CodePaidEditionAlive, []string{"Trial can only be claimed without"}},
	}
	for _, c := range cases {
		summary, detail := explainSubscriptionError("buy the Pro edition", apiErr(c.code), facts)
		if want := "Could not buy the Pro edition for TRTC application 1400000007"; summary != want {
			t.Errorf("%s: summary %q, want %q", c.code, summary, want)
		}
		for _, m := range c.mentions {
			if !strings.Contains(detail, m) {
				t.Errorf("%s: detail %q does not mention %q", c.code, detail, m)
			}
		}
		if !strings.Contains(detail, c.code) {
			t.Errorf("%s: detail %q hides the API code", c.code, detail)
		}
	}
	_, detail := explainSubscriptionError("buy the Pro edition", errors.New("connection reset"), facts)
	if detail != "connection reset" {
		t.Errorf("an unknown error should pass through, got %q", detail)
	}

	// LimitExceeded.AppTrialQuota also refuses while a trial runs (one at a
	// time): with trials left, the message must not say they are used up.
	oneUsed := purchaseFacts{SdkAppID: 1400000007, Edition: "Trial", Current: &api.DescribeAppSubscriptionResponse{TrialsUsed: 1}}
	_, detail = explainSubscriptionError("start a Trial", apiErr(api.CodeAppTrialQuota), oneUsed)
	for _, m := range []string{"used up, or a trial already running", "1400000007", "a trial is already running", "showed 1 of 2 trials used", "adopt it", api.CodeAppTrialQuota} {
		if !strings.Contains(detail, m) {
			t.Errorf("running trial: detail %q does not mention %q", detail, m)
		}
	}
	if strings.Contains(detail, "has used 1 of 2 trials; no further trial") {
		t.Errorf("running trial: detail %q says the quota is used up", detail)
	}
}

func TestDeleteWarningNamesTheExpiry(t *testing.T) {
	paid := &api.DescribeAppSubscriptionResponse{Edition: "Standard", Status: api.SubscriptionActive, ExpireTime: "2027-03-05 20:00:00"}
	summary, detail := deleteWarning(1400000001, paid)
	if !strings.Contains(summary, "2027-03-05T12:00:00Z") || !strings.Contains(detail, "no refund") || !strings.Contains(detail, "auto-renewal switched off") {
		t.Errorf("paid: got %q / %q", summary, detail)
	}
	trial := &api.DescribeAppSubscriptionResponse{Edition: "Trial", Status: api.SubscriptionActive, ExpireTime: "2027-03-05 20:00:00"}
	// A -replace of the application destroys the subscription seconds before
	// the application: the warning must not promise the Trial outlives it.
	if summary, detail := deleteWarning(1, trial); !strings.Contains(summary, "Trial stays active until 2027-03-05T12:00:00Z") ||
		!strings.Contains(detail, "If the application itself is being destroyed or replaced, its Trial ends with it") {
		t.Errorf("trial: got %q / %q", summary, detail)
	}
	expired := &api.DescribeAppSubscriptionResponse{Edition: "Basic", Status: api.SubscriptionExpired}
	if summary, _ := deleteWarning(1, expired); summary != "" {
		t.Errorf("expired: want no warning, got %q", summary)
	}
}

func TestWireTimes(t *testing.T) {
	if got := wireTimeValue("2026-11-26 08:30:00").ValueString(); got != "2026-11-26T00:30:00Z" {
		t.Errorf("wire time to RFC 3339: got %q", got)
	}
	if !wireTimeValue("").IsNull() {
		t.Error("an empty wire time should be null")
	}
	if got := wireTimeValue("soon").ValueString(); got != "soon" {
		t.Errorf("an unparsable time should be kept, got %q", got)
	}
	accept := editionUntil("Pro", "2027-01-01 08:00:00")
	if !accept(&api.DescribeAppSubscriptionResponse{Edition: "Pro", ExpireTime: "2027-01-01 08:00:00"}) {
		t.Error("editionUntil should accept the written edition and expiry")
	}
	if accept(&api.DescribeAppSubscriptionResponse{Edition: "Pro", ExpireTime: "2026-12-01 08:00:00"}) {
		t.Error("editionUntil should refuse a read that lags behind the write")
	}
	if accept(&api.DescribeAppSubscriptionResponse{Edition: "Trial", ExpireTime: "2027-01-01 08:00:00"}) {
		t.Error("editionUntil should refuse another edition")
	}
}

func TestClientTokensDiffer(t *testing.T) {
	a, b := newClientToken(), newClientToken()
	if a == b || len(a) > 64 {
		t.Errorf("tokens %q and %q: want distinct, at most 64 characters", a, b)
	}
}

func TestParseApplicationTagID(t *testing.T) {
	cases := []struct {
		in      string
		id      uint64
		key     string
		wantErr bool
	}{
		{in: "1400000001|cost-center", id: 1400000001, key: "cost-center"},
		{in: "1400000001|a,b|c", id: 1400000001, key: "a,b|c"},
		{in: "1400000001,a,b", wantErr: true}, // one documented form: | only
		{in: "1400000001|", wantErr: true},
		{in: "|key", wantErr: true},
		{in: "abc|key", wantErr: true},
		{in: "0|key", wantErr: true},
		{in: "1400000001", wantErr: true},
	}
	for _, c := range cases {
		id, key, ok := parseApplicationTagID(c.in)
		if ok == c.wantErr || !c.wantErr && (id != c.id || key != c.key) {
			t.Errorf("parse %q = %d, %q, %v", c.in, id, key, ok)
		}
	}
	if got := applicationTagID(1400000001, "a,b"); got != "1400000001|a,b" {
		t.Errorf("applicationTagID = %q", got)
	}
}
