package emulator

import (
	"strings"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// Tag actions (internal/api/README.md, Tags). A resource name must be the
// six-segment name of an application of this account. A malformed name fails
// the whole request (InvalidParameterValue.ResourceDescriptionError); a
// well-formed name of another account's uin, or of an application this
// account does not hold, is reported in FailedResources (TagResources,
// UnTagResources) or answered (ModifyResourceTags) with
// AuthFailure.UnauthorizedOperation, or the application's own code
// (Emulator.missing).

func init() {
	register(
		def(api.ServiceTag, "TagResources", false, []string{"ResourceList", "Tags"}, (*Emulator).tagResources),
		def(api.ServiceTag, "UnTagResources", false, []string{"ResourceList", "TagKeys"}, (*Emulator).unTagResources),
		def(api.ServiceTag, "DescribeResourceTagsByResourceIds", true, []string{"ServiceType", "ResourcePrefix", "ResourceIds"}, (*Emulator).describeResourceTags),
		def(api.ServiceTag, "ModifyResourceTags", false, []string{"Resource"}, (*Emulator).modifyResourceTags),
	)
}

// Per-request limits of the Tag API [public].
const (
	maxResourcesPerRequest = 10
	maxResourceIDs         = 50
	defaultTagPageLimit    = 15
	maxTagPageLimit        = 100
)

type resourceRef struct {
	uin string
	id  uint64
}

// parseResourceName takes qcs::trtc::uin/<uin>:sdkappid/<id> apart.
func parseResourceName(name string) (resourceRef, *apiError) {
	seg := strings.Split(name, ":")
	bad := errf("InvalidParameterValue.ResourceDescriptionError",
		"resource %q is not a six-segment TRTC application name qcs::trtc::uin/<AccountId>:sdkappid/<SdkAppId>", name)
	if len(seg) != 6 || seg[0] != "qcs" || seg[1] != "" || seg[2] != catalog.TagServiceType || seg[3] != "" {
		return resourceRef{}, bad
	}
	uin, ok := strings.CutPrefix(seg[4], "uin/")
	if !ok || uin == "" {
		return resourceRef{}, bad
	}
	idText, ok := strings.CutPrefix(seg[5], catalog.TagResourcePrefix+"/")
	if !ok {
		return resourceRef{}, bad
	}
	id, ok := parseAppID(idText)
	if !ok {
		return resourceRef{}, bad
	}
	return resourceRef{uin: uin, id: id}, nil
}

// taggable finds the application a tag write names.
func (e *Emulator) taggable(name string, ref resourceRef) (*app, *apiError) {
	if ref.uin != e.cfg.UIN {
		return nil, errf("AuthFailure.UnauthorizedOperation", "resource %q is not in account %s", name, e.cfg.UIN)
	}
	a, ok := e.st.apps[ref.id]
	if !ok {
		return nil, e.missing(ref.id)
	}
	if a.target == api.AppStatusDeleted {
		return nil, errf("FailedOperation.AppDeleting", "the application %d is being deleted; its tags cannot change", a.id)
	}
	return a, nil
}

func parseResourceList(list []string) ([]resourceRef, *apiError) {
	if len(list) == 0 || len(list) > maxResourcesPerRequest {
		return nil, errf("LimitExceeded.ResourceNumPerRequest", "ResourceList must name 1 to %d resources, not %d", maxResourcesPerRequest, len(list))
	}
	refs := make([]resourceRef, len(list))
	for i, name := range list {
		ref, aerr := parseResourceName(name)
		if aerr != nil {
			return nil, aerr
		}
		refs[i] = ref
	}
	return refs, nil
}

func failed(name string, aerr *apiError) api.FailedResource {
	return api.FailedResource{Resource: name, Code: aerr.Code, Message: aerr.Message}
}

func (e *Emulator) tagResources(c *call, req *api.TagResourcesRequest) (any, *apiError) {
	refs, aerr := parseResourceList(req.ResourceList)
	if aerr != nil {
		return nil, aerr
	}
	if len(req.Tags) == 0 || len(req.Tags) > catalog.MaxTagsPerRequest {
		return nil, errf("LimitExceeded.TagNumPerRequest", "Tags must hold 1 to %d tags, not %d", catalog.MaxTagsPerRequest, len(req.Tags))
	}
	tags, aerr := checkTags(req.Tags)
	if aerr != nil {
		return nil, aerr
	}
	out := &api.TagResourcesResponse{FailedResources: []api.FailedResource{}}
	for i, ref := range refs {
		name := req.ResourceList[i]
		a, aerr := e.taggable(name, ref)
		if aerr != nil {
			out.FailedResources = append(out.FailedResources, failed(name, aerr))
			continue
		}
		n := len(a.tags)
		for k := range tags {
			if _, has := a.tags[k]; !has {
				n++
			}
		}
		if n > catalog.MaxTagsPerResource {
			out.FailedResources = append(out.FailedResources, failed(name, tagCountError(n)))
			continue
		}
		e.beforeWrite(a.id, a)
		for k, v := range tags {
			a.tags[k] = v
		}
	}
	return out, nil
}

func (e *Emulator) unTagResources(c *call, req *api.UnTagResourcesRequest) (any, *apiError) {
	refs, aerr := parseResourceList(req.ResourceList)
	if aerr != nil {
		return nil, aerr
	}
	if len(req.TagKeys) == 0 || len(req.TagKeys) > catalog.MaxTagsPerRequest {
		return nil, errf("LimitExceeded.TagNumPerRequest", "TagKeys must hold 1 to %d keys, not %d", catalog.MaxTagsPerRequest, len(req.TagKeys))
	}
	out := &api.UnTagResourcesResponse{FailedResources: []api.FailedResource{}}
	for i, ref := range refs {
		name := req.ResourceList[i]
		a, aerr := e.taggable(name, ref)
		if aerr != nil {
			out.FailedResources = append(out.FailedResources, failed(name, aerr))
			continue
		}
		e.beforeWrite(a.id, a)
		for _, k := range req.TagKeys {
			delete(a.tags, k)
		}
	}
	return out, nil
}

func (e *Emulator) describeResourceTags(c *call, req *api.DescribeResourceTagsByResourceIdsRequest) (any, *apiError) {
	if len(req.ResourceIds) == 0 || len(req.ResourceIds) > maxResourceIDs {
		return nil, errf("LimitExceeded.ResourceNumPerRequest", "ResourceIds must list 1 to %d IDs, not %d", maxResourceIDs, len(req.ResourceIds))
	}
	limit := uint64(defaultTagPageLimit)
	if req.Limit != nil {
		limit = *req.Limit
	}
	if limit == 0 || limit > maxTagPageLimit {
		return nil, errf("InvalidParameterValue.Limit", "Limit %d must be 1 to %d", limit, maxTagPageLimit)
	}
	offset := uint64(0)
	if req.Offset != nil {
		offset = *req.Offset
	}
	if offset%limit != 0 {
		return nil, errf("InvalidParameterValue.OffsetInvalid", "Offset %d must be a multiple of Limit %d", offset, limit)
	}
	var all []api.ResourceTag
	if req.ServiceType == catalog.TagServiceType && req.ResourcePrefix == catalog.TagResourcePrefix && req.ResourceRegion == "" {
		for _, rid := range req.ResourceIds {
			id, ok := parseAppID(rid)
			if !ok {
				continue
			}
			a := e.view(c.spec, id)
			if a == nil {
				continue
			}
			for _, t := range sortedTags(a.tags) {
				all = append(all, api.ResourceTag{TagKey: t.TagKey, TagValue: t.TagValue, ResourceId: rid, Category: "Custom"})
			}
		}
	}
	out := &api.DescribeResourceTagsByResourceIdsResponse{TotalCount: uint64(len(all)), Offset: offset, Limit: limit, Tags: []api.ResourceTag{}}
	for i := offset; i < uint64(len(all)) && i < offset+limit; i++ {
		out.Tags = append(out.Tags, all[i])
	}
	return out, nil
}

func (e *Emulator) modifyResourceTags(c *call, req *api.ModifyResourceTagsRequest) (any, *apiError) {
	ref, aerr := parseResourceName(req.Resource)
	if aerr != nil {
		return nil, aerr
	}
	if len(req.ReplaceTags) == 0 && len(req.DeleteTags) == 0 {
		return nil, errf("MissingParameter", "ModifyResourceTags needs ReplaceTags or DeleteTags")
	}
	if len(req.ReplaceTags) > catalog.MaxTagsPerRequest || len(req.DeleteTags) > catalog.MaxTagsPerRequest {
		return nil, errf("LimitExceeded.TagNumPerRequest", "ReplaceTags and DeleteTags hold at most %d tags each", catalog.MaxTagsPerRequest)
	}
	replace, aerr := checkTags(req.ReplaceTags)
	if aerr != nil {
		return nil, aerr
	}
	for _, d := range req.DeleteTags {
		if _, both := replace[d.TagKey]; both {
			return nil, errf("InvalidParameterValue.DeleteTagsParamError", "tag key %q is both in ReplaceTags and DeleteTags", d.TagKey)
		}
	}
	a, aerr := e.taggable(req.Resource, ref)
	if aerr != nil {
		return nil, aerr
	}
	next := make(map[string]string, len(a.tags)+len(replace))
	for k, v := range a.tags {
		next[k] = v
	}
	for _, d := range req.DeleteTags {
		delete(next, d.TagKey)
	}
	for k, v := range replace {
		next[k] = v
	}
	if len(next) > catalog.MaxTagsPerResource {
		return nil, tagCountError(len(next))
	}
	e.beforeWrite(a.id, a)
	a.tags = next
	return &api.ModifyResourceTagsResponse{}, nil
}
