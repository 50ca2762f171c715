package emulator

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// TestDefaultRateLimitPerAction: 20 calls per second per action by default,
// counted per action, refilled as the configured clock moves.
func TestDefaultRateLimitPerAction(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RateLimit = 0 })
	for i := 0; i < DefaultRateLimit; i++ {
		if _, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
	wantCode(t, err, "RequestLimitExceeded")
	if _, err := h.api.GetCallerIdentity(h.ctx, &api.GetCallerIdentityRequest{}); err != nil {
		t.Fatalf("another action is limited separately: %v", err)
	}
	h.clk.Advance(100 * time.Millisecond) // two tokens back
	for i := 0; i < 2; i++ {
		if _, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{}); err != nil {
			t.Fatalf("after refill, call %d: %v", i, err)
		}
	}
	_, err = h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
	wantCode(t, err, "RequestLimitExceeded")
	if calls := h.emu.Stats().Calls["trtc.DescribeAppStatList"]; calls != 24 {
		t.Fatalf("throttled calls must be counted too: %d", calls)
	}
}

// TestConcurrentClients drives every kind of call and the admin surface
// from several goroutines (run with -race).
func TestConcurrentClients(t *testing.T) {
	h := newHarness(t)
	const workers, perWorker = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				out, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: fmt.Sprintf("w%d_%d", w, i), Product: "Call"})
				if err != nil {
					errs <- err
					continue
				}
				name := catalog.ResourceName(DefaultUIN, out.SdkAppId)
				if _, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{name}, Tags: []api.Tag{{TagKey: "w", TagValue: fmt.Sprint(w)}}}); err != nil {
					errs <- err
				}
				if _, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{Limit: api.Ptr[uint64](100), NeedTags: api.Ptr[int64](1)}); err != nil {
					errs <- err
				}
				if _, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: out.SdkAppId, Status: api.StatusClose}); err != nil {
					errs <- err
				}
				h.admin(http.MethodGet, "/_emulator/apps", "", nil)
				h.emu.Stats()
				h.emu.Advance(time.Second)
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	total, _ := h.listIDs(&api.DescribeAppStatListRequest{TagList: []api.TagFilter{{TagKey: "w"}}})
	if total != workers*perWorker {
		t.Fatalf("TotalNum %d, want %d", total, workers*perWorker)
	}
	if n := h.emu.Stats().Calls["trtc.CreateTrtcApp"]; n != workers*perWorker {
		t.Fatalf("CreateTrtcApp calls %d", n)
	}
}
