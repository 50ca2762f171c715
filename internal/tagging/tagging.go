// Package tagging reads and writes the tags of TRTC applications through the
// Tag service (contract section 4).
package tagging

import (
	"context"
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
		if err := failed("removing tags from", out.FailedResources); err != nil {
			return err
		}
	}
	for start := 0; start < len(set); start += catalog.MaxTagsPerRequest {
		tags := set[start:min(start+catalog.MaxTagsPerRequest, len(set))]
		out, err := client.TagResources(ctx, &api.TagResourcesRequest{ResourceList: []string{resourceName}, Tags: tags})
		if err != nil {
			return fmt.Errorf("setting tags on %s: %w", resourceName, err)
		}
		if err := failed("setting tags on", out.FailedResources); err != nil {
			return err
		}
	}
	return nil
}

// failed turns FailedResources (an HTTP success) into an error.
func failed(what string, list []api.FailedResource) error {
	if len(list) == 0 {
		return nil
	}
	parts := make([]string, len(list))
	for i, f := range list {
		parts[i] = fmt.Sprintf("%s: %s: %s", f.Resource, f.Code, f.Message)
	}
	return fmt.Errorf("%s %s", what, strings.Join(parts, "; "))
}
