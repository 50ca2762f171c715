package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// pagedLister answers DescribeAppStatList from a fixed list, page by page,
// optionally inserting a new application at the front after the first page
// (as a concurrent create would with newest-first ordering).
type pagedLister struct {
	apps          []api.SdkAppInfo
	insertAfter1  bool
	calls         int
	offsets       []uint64
	lastTagFilter []api.TagFilter
}

func (p *pagedLister) Call(_ context.Context, service, _, action string, request, response any) error {
	if service != api.ServiceTRTC || action != "DescribeAppStatList" {
		return fmt.Errorf("unexpected call %s.%s", service, action)
	}
	req := request.(*api.DescribeAppStatListRequest)
	out := response.(*api.DescribeAppStatListResponse)
	p.calls++
	p.offsets = append(p.offsets, *req.Offset)
	p.lastTagFilter = req.TagList
	if p.insertAfter1 && p.calls == 2 {
		p.apps = append([]api.SdkAppInfo{{ID: 9999, Name: "late"}}, p.apps...)
	}
	start, end := int(*req.Offset), int(*req.Offset+*req.Limit)
	start, end = min(start, len(p.apps)), min(end, len(p.apps))
	out.TotalNum = int64(len(p.apps))
	out.SdkAppInfos = p.apps[start:end]
	return nil
}

func fakeApps(n int) []api.SdkAppInfo {
	apps := make([]api.SdkAppInfo, n)
	for i := range apps {
		apps[i] = api.SdkAppInfo{ID: uint64(1400000001 + i), Name: fmt.Sprintf("app_%03d", i)}
	}
	return apps
}

func TestListApplications_readsEveryPage(t *testing.T) {
	for _, n := range []int{0, 1, 99, 100, 101, 250} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			fake := &pagedLister{apps: fakeApps(n)}
			got, err := listApplications(context.Background(), api.New(fake), api.DescribeAppStatListRequest{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != n {
				t.Errorf("got %d applications, want %d", len(got), n)
			}
			wantCalls := max(1, (n+listPageSize-1)/listPageSize)
			if fake.calls != wantCalls {
				t.Errorf("%d calls (offsets %v), want %d", fake.calls, fake.offsets, wantCalls)
			}
		})
	}
}

// An application created while paging shifts the later pages: nothing is
// listed twice, and the loop still ends.
func TestListApplications_dropsDuplicatesWhenPagesShift(t *testing.T) {
	fake := &pagedLister{apps: fakeApps(150), insertAfter1: true}
	got, err := listApplications(context.Background(), api.New(fake), api.DescribeAppStatListRequest{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint64]int{}
	for _, a := range got {
		seen[a.ID]++
		if seen[a.ID] > 1 {
			t.Errorf("application %d listed twice", a.ID)
		}
	}
	if len(got) != 150 {
		t.Errorf("got %d applications, want the 150 that existed throughout", len(got))
	}
}

func TestBuildListRequest(t *testing.T) {
	m := applicationsModel{
		SdkAppIDs: []int64{1400000001},
		Names:     []string{"a"},
		Status:    types.StringValue("disabled"),
		Tags:      map[string]string{"team": "red", "env": ""},
		NameRegex: types.StringNull(),
	}
	req := buildListRequest(m)
	if len(req.SdkAppIds) != 1 || req.SdkAppIds[0] != 1400000001 {
		t.Errorf("SdkAppIds = %v", req.SdkAppIds)
	}
	if req.Status == nil || *req.Status != 0 {
		t.Errorf("Status = %v, want 0 for disabled", req.Status)
	}
	want := []api.TagFilter{{TagKey: "env"}, {TagKey: "team", TagValue: "red"}}
	if fmt.Sprint(req.TagList) != fmt.Sprint(want) {
		t.Errorf("TagList = %v, want %v (sorted, empty value = any)", req.TagList, want)
	}
	if req.NeedTags == nil || *req.NeedTags != 1 {
		t.Errorf("NeedTags = %v, want 1", req.NeedTags)
	}
}

func TestFiltersID(t *testing.T) {
	none := applicationsModel{NameRegex: types.StringNull(), Status: types.StringNull()}
	if got := filtersID(none); got != "trtc_applications" {
		t.Errorf("no filters: id %q", got)
	}
	a := applicationsModel{NameRegex: types.StringValue("^x"), Status: types.StringNull(), Tags: map[string]string{"a": "1", "b": "2"}}
	b := applicationsModel{NameRegex: types.StringValue("^x"), Status: types.StringNull(), Tags: map[string]string{"b": "2", "a": "1"}}
	c := applicationsModel{NameRegex: types.StringValue("^y"), Status: types.StringNull(), Tags: map[string]string{"a": "1", "b": "2"}}
	if filtersID(a) != filtersID(b) {
		t.Errorf("same filters, different ids: %q %q", filtersID(a), filtersID(b))
	}
	if filtersID(a) == filtersID(c) {
		t.Errorf("different filters, same id %q", filtersID(a))
	}
}

func TestWireTimeToRFC3339(t *testing.T) {
	if got, want := wireTimeToRFC3339(context.Background(), "2024-03-01 08:30:00"), "2024-03-01T08:30:00+08:00"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := wireTimeToRFC3339(context.Background(), "not a time"); got != "not a time" {
		t.Errorf("unparsable time: got %q, want it passed through", got)
	}
}
