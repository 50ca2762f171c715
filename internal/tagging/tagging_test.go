package tagging

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// fakeTagService is an in-memory Tag service behind api.Caller, recording requests.
type fakeTagService struct {
	tags     map[string]map[string]string // resource id -> tags
	requests []any
	fail     *api.FailedResource
}

func (f *fakeTagService) Call(_ context.Context, service, _, action string, request, response any) error {
	f.requests = append(f.requests, request)
	if service != api.ServiceTag {
		return fmt.Errorf("unexpected service %s", service)
	}
	switch action {
	case "DescribeResourceTagsByResourceIds":
		req := request.(*api.DescribeResourceTagsByResourceIdsRequest)
		if req.ServiceType != "trtc" || req.ResourcePrefix != "sdkappid" || req.ResourceRegion != "" {
			return fmt.Errorf("bad request %+v", req)
		}
		if len(req.ResourceIds) < 1 || len(req.ResourceIds) > 50 || *req.Limit > 100 || *req.Offset%*req.Limit != 0 {
			return &api.Error{Code: "InvalidParameterValue"}
		}
		var all []api.ResourceTag
		for _, id := range req.ResourceIds {
			keys := make([]string, 0)
			for k := range f.tags[id] {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				all = append(all, api.ResourceTag{TagKey: k, TagValue: f.tags[id][k], ResourceId: id})
			}
		}
		out := response.(*api.DescribeResourceTagsByResourceIdsResponse)
		out.TotalCount = uint64(len(all))
		start := min(int(*req.Offset), len(all))
		out.Tags = all[start:min(start+int(*req.Limit), len(all))]
	case "TagResources":
		req := request.(*api.TagResourcesRequest)
		if len(req.Tags) > 10 {
			return &api.Error{Code: "InvalidParameterValue"}
		}
		if f.fail != nil {
			response.(*api.TagResourcesResponse).FailedResources = []api.FailedResource{*f.fail}
			return nil
		}
		id := req.ResourceList[0][strings.LastIndex(req.ResourceList[0], "/")+1:]
		if f.tags[id] == nil {
			f.tags[id] = map[string]string{}
		}
		for _, t := range req.Tags {
			f.tags[id][t.TagKey] = t.TagValue
		}
	case "UnTagResources":
		req := request.(*api.UnTagResourcesRequest)
		if len(req.TagKeys) > 10 {
			return &api.Error{Code: "InvalidParameterValue"}
		}
		id := req.ResourceList[0][strings.LastIndex(req.ResourceList[0], "/")+1:]
		for _, k := range req.TagKeys {
			delete(f.tags[id], k)
		}
	default:
		return fmt.Errorf("unexpected action %s", action)
	}
	return nil
}

func manyTags(n int, value string) map[string]string {
	m := map[string]string{}
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("k%02d", i)] = value
	}
	return m
}

func TestDiff(t *testing.T) {
	remove, set := Diff(
		map[string]string{"a": "1", "b": "2", "c": "3"},
		map[string]string{"b": "2", "c": "30", "d": "4"},
	)
	if !reflect.DeepEqual(remove, []string{"a"}) {
		t.Errorf("remove = %v", remove)
	}
	if !reflect.DeepEqual(set, []api.Tag{{TagKey: "c", TagValue: "30"}, {TagKey: "d", TagValue: "4"}}) {
		t.Errorf("set = %v", set)
	}
	if r, s := Diff(nil, nil); r != nil || s != nil {
		t.Errorf("empty diff = %v %v", r, s)
	}
}

func TestReadAppsPagesAndChunks(t *testing.T) {
	fake := &fakeTagService{tags: map[string]map[string]string{}}
	var ids []uint64
	for i := 0; i < 120; i++ { // 3 chunks of at most 50 ids
		id := uint64(1400000000 + i)
		ids = append(ids, id)
		if i%2 == 0 {
			fake.tags[strconv.FormatUint(id, 10)] = manyTags(3, strconv.Itoa(i))
		}
	}
	fake.tags["1400000001"] = manyTags(50, "x") // with the chunk's others: > 100 tags, so several pages
	got, err := ReadApps(t.Context(), api.New(fake), ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 120 {
		t.Fatalf("got %d entries", len(got))
	}
	for _, id := range ids {
		want := fake.tags[strconv.FormatUint(id, 10)]
		if want == nil {
			want = map[string]string{}
		}
		if !reflect.DeepEqual(got[id], want) {
			t.Errorf("tags of %d = %v, want %v", id, got[id], want)
		}
	}
	if len(fake.requests) < 4 {
		t.Errorf("expected paging over several requests, got %d", len(fake.requests))
	}
}

func TestReadAppNone(t *testing.T) {
	got, err := ReadApp(t.Context(), api.New(&fakeTagService{tags: map[string]map[string]string{}}), 1400000009)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("got %v, %v; want empty map", got, err)
	}
}

func TestUpdateBatches(t *testing.T) {
	const name = "qcs::trtc::uin/100:sdkappid/1400000001"
	old := manyTags(25, "old")
	fake := &fakeTagService{tags: map[string]map[string]string{"1400000001": manyTags(25, "old")}}
	want := manyTags(15, "new") // k00..k14 changed, k15..k24 removed
	want["extra"] = "e"
	if err := Update(t.Context(), api.New(fake), name, old, want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fake.tags["1400000001"], want) {
		t.Errorf("tags = %v, want %v", fake.tags["1400000001"], want)
	}
	if len(fake.requests) != 3 { // 1 UnTag of 10 keys, 2 Tag of 10+6
		t.Errorf("requests = %d, want 3", len(fake.requests))
	}
}

func TestUpdateFailedResources(t *testing.T) {
	fake := &fakeTagService{tags: map[string]map[string]string{}, fail: &api.FailedResource{Resource: "qcs::trtc::uin/1:sdkappid/2", Code: api.CodeTagLimitPerResource, Message: "too many"}}
	err := Update(t.Context(), api.New(fake), "qcs::trtc::uin/1:sdkappid/2", nil, map[string]string{"a": "b"})
	if err == nil || !strings.Contains(err.Error(), api.CodeTagLimitPerResource) || !strings.Contains(err.Error(), "sdkappid/2") || !strings.Contains(err.Error(), "too many") {
		t.Fatalf("err = %v", err)
	}
}

func TestUpdateFailedResourcesIsTyped(t *testing.T) {
	entry := api.FailedResource{Resource: "qcs::trtc::uin/1:sdkappid/2", Code: api.CodeTagLimitPerResource, Message: "too many"}
	fake := &fakeTagService{tags: map[string]map[string]string{}, fail: &entry}
	err := Update(t.Context(), api.New(fake), entry.Resource, nil, map[string]string{"a": "b"})
	var failed *FailedResourcesError
	if !errors.As(err, &failed) {
		t.Fatalf("err = %v (%T), want a *FailedResourcesError inside", err, err)
	}
	if failed.Action != "TagResources" || !reflect.DeepEqual(failed.Failed, []api.FailedResource{entry}) {
		t.Errorf("failed = %+v", failed)
	}
	if !api.HasCode(err, entry.Code) {
		t.Errorf("api.Code(err) = %q, want %q", api.Code(err), entry.Code)
	}
	if api.IsNotFound(err) {
		t.Errorf("a tag limit is not a missing resource: %v", err)
	}
}

func TestFailedResourcesNotFound(t *testing.T) {
	gone := api.FailedResource{Resource: "qcs::trtc::uin/1:sdkappid/2", Code: "ResourceNotFound", Message: "no such resource"}
	limit := api.FailedResource{Resource: "qcs::trtc::uin/1:sdkappid/3", Code: api.CodeTagLimitPerResource, Message: "too many"}
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"none failed", CheckFailedResources("UnTagResources", nil), false},
		{"missing", CheckFailedResources("UnTagResources", []api.FailedResource{gone}), true},
		{"missing, wrapped", fmt.Errorf("removing: %w", CheckFailedResources("UnTagResources", []api.FailedResource{gone})), true},
		{"missing and over the limit", CheckFailedResources("TagResources", []api.FailedResource{gone, limit}), false},
		{"other error", &api.Error{Code: "InternalError"}, false},
	}
	for _, c := range cases {
		if got := api.IsNotFound(c.err); got != c.want {
			t.Errorf("%s: api.IsNotFound(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
	if err := CheckFailedResources("UnTagResources", []api.FailedResource{gone}); !strings.Contains(err.Error(), "tag.UnTagResources") || !strings.Contains(err.Error(), "sdkappid/2: ResourceNotFound: no such resource") {
		t.Errorf("message %q should name the action, resource, code and message", err)
	}
	gone.Code = api.CodeAppNotExist // TRTC's own code for a missing application
	if err := CheckFailedResources("UnTagResources", []api.FailedResource{gone}); !api.IsNotFound(err) || !api.HasCode(err, api.CodeAppNotExist) {
		t.Errorf("%v: want not found, with its code", err)
	}
}
