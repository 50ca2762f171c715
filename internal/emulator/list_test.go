package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// listIDs runs DescribeAppStatList and returns TotalNum and the IDs in order.
func (h *harness) listIDs(req *api.DescribeAppStatListRequest) (int64, []uint64) {
	h.t.Helper()
	out, err := h.api.DescribeAppStatList(h.ctx, req)
	if err != nil {
		h.t.Fatalf("DescribeAppStatList: %v", err)
	}
	ids := make([]uint64, len(out.SdkAppInfos))
	for i, info := range out.SdkAppInfos {
		ids[i] = info.ID
	}
	return out.TotalNum, ids
}

func equalIDs(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDescribeAppStatListPaging(t *testing.T) {
	h := newHarness(t)
	var created []uint64
	for i := 0; i < 45; i++ {
		created = append(created, h.createApp(fmt.Sprintf("page_%d", i)))
		h.clk.Advance(time.Second)
	}
	newest := make([]uint64, len(created))
	for i := range created {
		newest[i] = created[len(created)-1-i]
	}

	total, ids := h.listIDs(&api.DescribeAppStatListRequest{})
	if total != 45 || !equalIDs(ids, newest[:20]) {
		t.Fatalf("default page: total %d ids %v", total, ids)
	}
	var all []uint64
	for offset := uint64(0); offset < 45; offset += 10 {
		total, ids := h.listIDs(&api.DescribeAppStatListRequest{Offset: api.Ptr(offset), Limit: api.Ptr[uint64](10), OrderType: api.Ptr[uint64](1)})
		if total != 45 {
			t.Fatalf("TotalNum %d at offset %d", total, offset)
		}
		all = append(all, ids...)
	}
	if !equalIDs(all, created) {
		t.Fatalf("oldest-first pages = %v, want %v", all, created)
	}
	total, ids = h.listIDs(&api.DescribeAppStatListRequest{Limit: api.Ptr[uint64](100), OrderField: api.Ptr("create_time"), OrderType: api.Ptr[uint64](0)})
	if total != 45 || !equalIDs(ids, newest) {
		t.Fatalf("Limit 100 newest first: %d %v", total, ids)
	}
	total, ids = h.listIDs(&api.DescribeAppStatListRequest{Offset: api.Ptr[uint64](100)})
	if total != 45 || len(ids) != 0 {
		t.Fatalf("offset past the end: %d %v", total, ids)
	}
	_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{Limit: api.Ptr[uint64](101)})
	wantCode(t, err, "InvalidParameterValue.Limit")
}

func TestDescribeAppStatListFilters(t *testing.T) {
	h := newHarness(t)
	a := h.createApp("alpha", api.Tag{TagKey: "env", TagValue: "prod"}, api.Tag{TagKey: "team", TagValue: "rtc"})
	h.clk.Advance(time.Second)
	b := h.createApp("beta", api.Tag{TagKey: "env", TagValue: "dev"})
	h.clk.Advance(time.Second)
	c := h.createApp("gamma")
	h.disable(c)

	cases := []struct {
		name string
		req  api.DescribeAppStatListRequest
		want []uint64
	}{
		{"SdkAppIds", api.DescribeAppStatListRequest{SdkAppIds: []uint64{a, c, 999}}, []uint64{c, a}},
		{"AppNames", api.DescribeAppStatListRequest{AppNames: []string{"beta", "nope"}}, []uint64{b}},
		{"Status 1", api.DescribeAppStatListRequest{Status: api.Ptr[uint64](1)}, []uint64{b, a}},
		{"Status 0", api.DescribeAppStatListRequest{Status: api.Ptr[uint64](0)}, []uint64{c}},
		{"tag key only", api.DescribeAppStatListRequest{TagList: []api.TagFilter{{TagKey: "env"}}}, []uint64{b, a}},
		{"tag key and value", api.DescribeAppStatListRequest{TagList: []api.TagFilter{{TagKey: "env", TagValue: api.Ptr("prod")}}}, []uint64{a}},
		{"every listed tag", api.DescribeAppStatListRequest{TagList: []api.TagFilter{{TagKey: "env"}, {TagKey: "team", TagValue: api.Ptr("rtc")}}}, []uint64{a}},
		{"tag value mismatch", api.DescribeAppStatListRequest{TagList: []api.TagFilter{{TagKey: "team", TagValue: api.Ptr("web")}}}, nil},
		{"combined", api.DescribeAppStatListRequest{AppNames: []string{"alpha", "beta"}, TagList: []api.TagFilter{{TagKey: "env", TagValue: api.Ptr("dev")}}}, []uint64{b}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			total, ids := h.listIDs(&tc.req)
			if total != int64(len(tc.want)) || !equalIDs(ids, tc.want) {
				t.Fatalf("got total %d ids %v, want %v", total, ids, tc.want)
			}
		})
	}

	out, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{SdkAppIds: []uint64{a}, NeedTags: api.Ptr[int64](1)})
	if err != nil {
		t.Fatal(err)
	}
	info := out.SdkAppInfos[0]
	if len(info.TagList) != 2 || info.TagList[0] != (api.Tag{TagKey: "env", TagValue: "prod"}) || info.TagList[1] != (api.Tag{TagKey: "team", TagValue: "rtc"}) {
		t.Fatalf("NeedTags=1 TagList = %+v", info.TagList)
	}
	if info.Name == nil || *info.Name != "alpha" || info.Status != 1 || info.CreateTime != "2026-03-01 12:00:00" || info.License != nil {
		t.Fatalf("SdkAppInfo = %+v", info)
	}
	out, _ = h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{SdkAppIds: []uint64{a}})
	if len(out.SdkAppInfos[0].TagList) != 0 {
		t.Fatalf("TagList filled without NeedTags: %+v", out.SdkAppInfos[0].TagList)
	}
	if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: b}); err != nil {
		t.Fatal(err)
	}
	out, _ = h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{SdkAppIds: []uint64{b}})
	if l := out.SdkAppInfos[0].License; l == nil || *l != catalog.EditionTrial {
		t.Fatalf("License during a trial = %v", l)
	}
}

// The input checks without a code of their own answer InvalidParameter (the
// code the TRTC SDK's error table has; it has no bare InvalidParameterValue),
// with a message naming the field and the rule; the limits themselves pass.
func TestInputChecksAnswerInvalidParameterNamingFieldAndRule(t *testing.T) {
	h := newHarness(t)
	id := h.createApp("a")
	list := func(req api.DescribeAppStatListRequest) error {
		_, err := h.api.DescribeAppStatList(h.ctx, &req)
		return err
	}
	long := strings.Repeat("t", 65)
	_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "b", Product: catalog.ProductCall, ClientToken: &long})
	wantRefusal(t, err, "InvalidParameter", "ClientToken must be at most 64 characters")
	_, err = h.api.CreateAppSubscription(h.ctx, &api.CreateAppSubscriptionRequest{SdkAppId: id, Edition: catalog.EditionPro, PeriodMonths: 1, ClientToken: &long})
	wantRefusal(t, err, "InvalidParameter", "ClientToken must be at most 64 characters")
	wantRefusal(t, list(api.DescribeAppStatListRequest{OrderField: api.Ptr("name")}), "InvalidParameter", `OrderField "name" must be create_time`)
	wantRefusal(t, list(api.DescribeAppStatListRequest{OrderType: api.Ptr[uint64](2)}), "InvalidParameter", "OrderType 2 must be 0 (newest first) or 1 (oldest first)")
	wantRefusal(t, list(api.DescribeAppStatListRequest{SdkAppIds: make([]uint64, 101)}), "InvalidParameter", "SdkAppIds must list at most 100 applications, not 101")

	if _, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "c", Product: catalog.ProductCall, ClientToken: api.Ptr(long[:64])}); err != nil {
		t.Errorf("a 64-character ClientToken: %v", err)
	}
	if err := list(api.DescribeAppStatListRequest{SdkAppIds: make([]uint64, 100)}); err != nil {
		t.Errorf("100 SdkAppIds: %v", err)
	}
}
