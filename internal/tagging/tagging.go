// Package tagging reads and writes the tags of TRTC applications through the
// Tag service (internal/api/README.md, Tags).
package tagging

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

const (
	idsPerRead = 50  // DescribeResourceTagsByResourceIds accepts 1-50 ResourceIds
	readLimit  = 100 // and at most 100 tags per page
)

// ReadApp returns the tags of one application (empty, never nil, when none).
func ReadApp(ctx context.Context, client *api.Client, sdkAppID uint64) (map[string]string, error) {
	all, err := ReadApps(ctx, client, []uint64{sdkAppID})
	if err != nil {
		return nil, err
	}
	return all[sdkAppID], nil
}

// ReadApps returns the tags of many applications; every asked ID has an entry.
func ReadApps(ctx context.Context, client *api.Client, ids []uint64) (map[uint64]map[string]string, error) {
	out := make(map[uint64]map[string]string, len(ids))
	for _, id := range ids {
		out[id] = map[string]string{}
	}
	for start := 0; start < len(ids); start += idsPerRead {
		chunk := ids[start:min(start+idsPerRead, len(ids))]
		if err := readChunk(ctx, client, chunk, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readChunk(ctx context.Context, client *api.Client, ids []uint64, out map[uint64]map[string]string) error {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = strconv.FormatUint(id, 10)
	}
	for offset := uint64(0); ; offset += readLimit {
		page, err := client.DescribeResourceTagsByResourceIds(ctx, &api.DescribeResourceTagsByResourceIdsRequest{
			ServiceType:    catalog.TagServiceType,
			ResourcePrefix: catalog.TagResourcePrefix,
			ResourceIds:    names,
			ResourceRegion: "",
			Offset:         api.Ptr(offset),
			Limit:          api.Ptr(uint64(readLimit)),
		})
		if err != nil {
			return fmt.Errorf("reading tags of applications %s: %w", strings.Join(names, ", "), err)
		}
		for _, tag := range page.Tags {
			id, err := strconv.ParseUint(tag.ResourceId, 10, 64)
			if err != nil {
				return fmt.Errorf("reading tags: unexpected ResourceId %q", tag.ResourceId)
			}
			if m, ok := out[id]; ok {
				m[tag.TagKey] = tag.TagValue
			}
		}
		// Stop at the total, and on an empty page so a wrong total cannot loop forever.
		if offset+readLimit >= page.TotalCount || len(page.Tags) == 0 {
			return nil
		}
	}
}

// Diff returns the keys to remove and the tags to set (added or changed) to
// turn current into desired, each sorted by key so requests are deterministic.
func Diff(current, desired map[string]string) (remove []string, set []api.Tag) {
	for k := range current {
		if _, ok := desired[k]; !ok {
			remove = append(remove, k)
		}
	}
	for k, v := range desired {
		if cv, ok := current[k]; !ok || cv != v {
			set = append(set, api.Tag{TagKey: k, TagValue: v})
		}
	}
	sort.Strings(remove)
	sort.Slice(set, func(i, j int) bool { return set[i].TagKey < set[j].TagKey })
	return remove, set
}

// Update makes the tags of resourceName go from current to desired:
// UnTagResources for removed keys, then TagResources for added or changed
// ones, in batches of catalog.MaxTagsPerRequest.
func Update(ctx context.Context, client *api.Client, resourceName string, current, desired map[string]string) error {
	remove, set := Diff(current, desired)
	for start := 0; start < len(remove); start += catalog.MaxTagsPerRequest {
		keys := remove[start:min(start+catalog.MaxTagsPerRequest, len(remove))]
		out, err := client.UnTagResources(ctx, &api.UnTagResourcesRequest{ResourceList: []string{resourceName}, TagKeys: keys})
		if err != nil {
			return fmt.Errorf("removing tags %q from %s: %w", keys, resourceName, err)
		}
		if err := CheckFailedResources("UnTagResources", out.FailedResources); err != nil {
			return fmt.Errorf("removing tags %q from %s: %w", keys, resourceName, err)
		}
	}
	for start := 0; start < len(set); start += catalog.MaxTagsPerRequest {
		tags := set[start:min(start+catalog.MaxTagsPerRequest, len(set))]
		out, err := client.TagResources(ctx, &api.TagResourcesRequest{ResourceList: []string{resourceName}, Tags: tags})
		if err != nil {
			return fmt.Errorf("setting tags on %s: %w", resourceName, err)
		}
		if err := CheckFailedResources("TagResources", out.FailedResources); err != nil {
			return fmt.Errorf("setting tags on %s: %w", resourceName, err)
		}
	}
	return nil
}

// FailedResourcesError is a Tag write that the service answered as a
// success but with FailedResources: the resources it refused, each with a
// code. It unwraps to one *api.Error per entry, so errors.As finds them and
// api.Code/api.HasCode see the first entry; when every entry says its
// resource does not exist (api.IsNotFoundCode), to one *api.NotFoundError
// wrapping them instead, so api.IsNotFound holds only then.
type FailedResourcesError struct {
	Action string // TagResources or UnTagResources
	Failed []api.FailedResource
}

// CheckFailedResources returns nil when the list is empty, else a
// *FailedResourcesError for the answer of action.
func CheckFailedResources(action string, list []api.FailedResource) error {
	if len(list) == 0 {
		return nil
	}
	return &FailedResourcesError{Action: action, Failed: append([]api.FailedResource(nil), list...)}
}

func (e *FailedResourcesError) Error() string {
	parts := make([]string, len(e.Failed))
	for i, f := range e.Failed {
		parts[i] = fmt.Sprintf("%s: %s: %s", f.Resource, f.Code, f.Message)
	}
	return fmt.Sprintf("%s.%s refused %s", api.ServiceTag, e.Action, strings.Join(parts, "; "))
}

// Unwrap gives each refused resource as an *api.Error, all of them inside
// one *api.NotFoundError when none of the resources exists.
func (e *FailedResourcesError) Unwrap() []error {
	out := make([]error, len(e.Failed))
	allMissing := len(e.Failed) > 0
	for i, f := range e.Failed {
		out[i] = &api.Error{Service: api.ServiceTag, Action: e.Action, Code: f.Code, Message: f.Resource + ": " + f.Message}
		allMissing = allMissing && api.IsNotFoundCode(f.Code)
	}
	if allMissing {
		return []error{&api.NotFoundError{Cause: errors.Join(out...)}}
	}
	return out
}
