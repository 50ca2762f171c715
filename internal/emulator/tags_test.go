package emulator

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

func (h *harness) tagsOf(id uint64) map[string]string {
	h.t.Helper()
	out, err := h.api.DescribeResourceTagsByResourceIds(h.ctx, &api.DescribeResourceTagsByResourceIdsRequest{
		ServiceType: catalog.TagServiceType, ResourcePrefix: catalog.TagResourcePrefix, ResourceIds: []string{strconv.FormatUint(id, 10)},
		Limit: api.Ptr[uint64](100),
	})
	if err != nil {
		h.t.Fatalf("DescribeResourceTagsByResourceIds: %v", err)
	}
	tags := map[string]string{}
	for _, tag := range out.Tags {
		tags[tag.TagKey] = tag.TagValue
	}
	return tags
}

func TestTagActions(t *testing.T) {
	h := newHarness(t)
	a := h.createApp("tagged", api.Tag{TagKey: "env", TagValue: "dev"})
	b := h.createApp("other")
	nameA, nameB := catalog.ResourceName(DefaultUIN, a), catalog.ResourceName(DefaultUIN, b)

	out, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{
		ResourceList: []string{nameA, nameB, catalog.ResourceName("999", a), catalog.ResourceName(DefaultUIN, 42)},
		Tags:         []api.Tag{{TagKey: "env", TagValue: "prod"}, {TagKey: "团队 A", TagValue: "【一】"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.FailedResources) != 2 || out.FailedResources[0].Code != "AuthFailure.UnauthorizedOperation" || out.FailedResources[1].Code != api.CodeAppNotExist {
		t.Fatalf("FailedResources = %+v", out.FailedResources)
	}
	if got := h.tagsOf(a); len(got) != 2 || got["env"] != "prod" || got["团队 A"] != "【一】" {
		t.Fatalf("tags of a = %v", got)
	}
	if got := h.emu.Apps()[1].Tags; got["env"] != "prod" {
		t.Fatalf("admin view tags of b = %v", got)
	}

	un, err := h.api.UnTagResources(h.ctx, &api.UnTagResourcesRequest{ResourceList: []string{nameA}, TagKeys: []string{"env", "absent"}})
	if err != nil || len(un.FailedResources) != 0 {
		t.Fatalf("UnTagResources: %+v %v", un, err)
	}
	if got := h.tagsOf(a); len(got) != 1 || got["env"] != "" {
		t.Fatalf("after untag: %v", got)
	}

	if _, err := h.api.ModifyResourceTags(h.ctx, &api.ModifyResourceTagsRequest{
		Resource: nameB, ReplaceTags: []api.Tag{{TagKey: "owner", TagValue: "ops@example.com"}}, DeleteTags: []api.TagKeyObject{{TagKey: "env"}},
	}); err != nil {
		t.Fatal(err)
	}
	if got := h.tagsOf(b); len(got) != 2 || got["owner"] != "ops@example.com" || got["env"] != "" {
		t.Fatalf("after ModifyResourceTags: %v", got)
	}
	_, err = h.api.ModifyResourceTags(h.ctx, &api.ModifyResourceTagsRequest{Resource: catalog.ResourceName(DefaultUIN, 7)})
	wantCode(t, err, "MissingParameter")
	_, err = h.api.ModifyResourceTags(h.ctx, &api.ModifyResourceTagsRequest{Resource: catalog.ResourceName(DefaultUIN, 7), DeleteTags: []api.TagKeyObject{{TagKey: "x"}}})
	wantCode(t, err, api.CodeAppNotExist)
	_, err = h.api.ModifyResourceTags(h.ctx, &api.ModifyResourceTagsRequest{Resource: "qcs::cvm:ap-guangzhou:uin/1:instance/ins-1", DeleteTags: []api.TagKeyObject{{TagKey: "x"}}})
	wantCode(t, err, "InvalidParameterValue.ResourceDescriptionError")

	// A deleting application's tags are frozen.
	h.disable(b)
	if _, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: b}); err != nil {
		t.Fatal(err)
	}
	out, err = h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{nameB}, Tags: []api.Tag{{TagKey: "k", TagValue: "v"}}})
	if err != nil || len(out.FailedResources) != 1 || out.FailedResources[0].Code != "FailedOperation.AppDeleting" {
		t.Fatalf("tagging a deleting app: %+v %v", out, err)
	}
}

func TestTagLimitPerResource(t *testing.T) {
	h := newHarness(t)
	var tags []api.Tag
	for i := 0; i < catalog.MaxTagsPerResource; i++ {
		tags = append(tags, api.Tag{TagKey: fmt.Sprintf("k%02d", i), TagValue: "v"})
	}
	id := h.createApp("fifty", tags...)
	out, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{catalog.ResourceName(DefaultUIN, id)}, Tags: []api.Tag{{TagKey: "k00", TagValue: "new"}}})
	if err != nil || len(out.FailedResources) != 0 {
		t.Fatalf("re-valuing an existing key at 50 tags: %+v %v", out, err)
	}
	out, err = h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{catalog.ResourceName(DefaultUIN, id)}, Tags: []api.Tag{{TagKey: "k50", TagValue: "v"}}})
	if err != nil || len(out.FailedResources) != 1 || out.FailedResources[0].Code != api.CodeTagLimitPerResource {
		t.Fatalf("51st tag: %+v %v", out, err)
	}
	_, err = h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "too_many", Product: catalog.ProductCall, Tags: append(tags, api.Tag{TagKey: "k50", TagValue: "v"})})
	wantCode(t, err, api.CodeTagLimitPerResource)
	_, err = h.api.ModifyResourceTags(h.ctx, &api.ModifyResourceTagsRequest{Resource: catalog.ResourceName(DefaultUIN, id), ReplaceTags: []api.Tag{{TagKey: "k50", TagValue: "v"}}})
	wantCode(t, err, api.CodeTagLimitPerResource)
}

func TestDescribeResourceTagsPaging(t *testing.T) {
	h := newHarness(t)
	var tags []api.Tag
	for i := 0; i < 20; i++ {
		tags = append(tags, api.Tag{TagKey: fmt.Sprintf("k%02d", i), TagValue: strconv.Itoa(i)})
	}
	a := h.createApp("a", tags...)
	b := h.createApp("b", tags[:5]...)
	ids := []string{strconv.FormatUint(a, 10), strconv.FormatUint(b, 10), "1400999999"}
	seen := map[string]int{}
	for offset := uint64(0); ; offset += 15 {
		req := &api.DescribeResourceTagsByResourceIdsRequest{ServiceType: "trtc", ResourcePrefix: "sdkappid", ResourceIds: ids}
		if offset > 0 {
			req.Offset = api.Ptr(offset)
		}
		out, err := h.api.DescribeResourceTagsByResourceIds(h.ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if out.TotalCount != 25 || out.Limit != 15 || out.Offset != offset {
			t.Fatalf("page at %d: TotalCount %d Limit %d Offset %d", offset, out.TotalCount, out.Limit, out.Offset)
		}
		for _, tag := range out.Tags {
			seen[tag.ResourceId+"/"+tag.TagKey]++
			if tag.Category != "Custom" {
				t.Fatalf("Category %q", tag.Category)
			}
		}
		if len(out.Tags) < 15 {
			break
		}
	}
	if len(seen) != 25 {
		t.Fatalf("pages covered %d distinct tags, want 25", len(seen))
	}
	for k, n := range seen {
		if n != 1 {
			t.Fatalf("%s listed %d times", k, n)
		}
	}
	_, err := h.api.DescribeResourceTagsByResourceIds(h.ctx, &api.DescribeResourceTagsByResourceIdsRequest{ServiceType: "trtc", ResourcePrefix: "sdkappid", ResourceIds: ids, Offset: api.Ptr[uint64](10), Limit: api.Ptr[uint64](15)})
	wantCode(t, err, "InvalidParameterValue.OffsetInvalid")
	_, err = h.api.DescribeResourceTagsByResourceIds(h.ctx, &api.DescribeResourceTagsByResourceIdsRequest{ServiceType: "trtc", ResourcePrefix: "sdkappid", ResourceIds: ids, Limit: api.Ptr[uint64](101)})
	wantCode(t, err, "InvalidParameterValue.Limit")
	many := make([]string, 51)
	for i := range many {
		many[i] = strconv.Itoa(i)
	}
	_, err = h.api.DescribeResourceTagsByResourceIds(h.ctx, &api.DescribeResourceTagsByResourceIdsRequest{ServiceType: "trtc", ResourcePrefix: "sdkappid", ResourceIds: many})
	wantCode(t, err, "LimitExceeded.ResourceNumPerRequest")
}
