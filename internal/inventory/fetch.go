package inventory

import (
	"context"
	"fmt"
	"sync"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// fetchAll reads every page of the account's applications with their tags,
// oldest first so that applications created meanwhile land on the last page.
// The first page gives the total; the others are read concurrently. An
// application deleted while paging may shift another one out of view:
// callers treat "not listed" as "read it directly", never as "gone".
func fetchAll(ctx context.Context, list Lister) ([]App, error) {
	first, err := list(ctx, pageRequest(0))
	if err != nil {
		return nil, fmt.Errorf("listing TRTC applications: %w", err)
	}
	pages := [][]api.SdkAppInfo{first.SdkAppInfos}
	if total := uint64(max(first.TotalNum, 0)); total > pageSize && len(first.SdkAppInfos) > 0 {
		rest := make([][]api.SdkAppInfo, (total-1)/pageSize)
		errs := make([]error, len(rest))
		var wg sync.WaitGroup
		for i := range rest {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, err := list(ctx, pageRequest(uint64(i+1)*pageSize))
				if err != nil {
					errs[i] = fmt.Errorf("listing TRTC applications from offset %d: %w", (i+1)*pageSize, err)
					return
				}
				rest[i] = out.SdkAppInfos
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
		pages = append(pages, rest...)
	}
	var apps []App
	seen := map[uint64]bool{}
	for _, page := range pages {
		for _, info := range page {
			if seen[info.ID] {
				continue
			}
			seen[info.ID] = true
			apps = append(apps, fromInfo(info))
		}
	}
	return apps, nil
}

func pageRequest(offset uint64) *api.DescribeAppStatListRequest {
	return &api.DescribeAppStatListRequest{
		OrderField: api.Ptr("create_time"),
		OrderType:  api.Ptr(uint64(1)), // oldest first
		Offset:     api.Ptr(offset),
		Limit:      api.Ptr(uint64(pageSize)),
		NeedTags:   api.Ptr(int64(1)),
	}
}

func fromInfo(info api.SdkAppInfo) App {
	tags := make(map[string]string, len(info.TagList))
	for _, t := range info.TagList {
		tags[t.TagKey] = t.TagValue
	}
	return App{
		ID:          info.ID,
		Name:        info.Name,
		Description: info.Description,
		Enabled:     info.Status == 1,
		CreateTime:  info.CreateTime,
		Tags:        tags,
		License:     info.License,
	}
}
