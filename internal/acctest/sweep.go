package acctest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// Sweep deletes every application whose name starts with NamePrefix, the
// leftovers of failed test runs, all at once and each as destroy does (see
// deleteApps). It goes on past a failure and returns the names deleted, in
// listing order, and every error. Applications without the prefix are
// never touched.
func Sweep(ctx context.Context, client *api.Client, clk clock.Clock, log io.Writer) ([]string, error) {
	apps, err := inventory.New(client.DescribeAppStatList, clk, inventory.Options{}).List(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	var ids []uint64
	for _, app := range apps {
		if app.Name == nil || !strings.HasPrefix(*app.Name, NamePrefix) {
			continue
		}
		fmt.Fprintf(log, "sweeping %s (%d)\n", *app.Name, app.ID)
		names, ids = append(names, *app.Name), append(ids, app.ID)
	}
	var deleted []string
	var errs []error
	for i, err := range deleteApps(ctx, client, clk, ids) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s (%d): %w", names[i], ids[i], err))
			continue
		}
		deleted = append(deleted, names[i])
	}
	return deleted, errors.Join(errs...)
}

// deleteApps deletes the applications concurrently, each as destroy does
// (disableAndDelete), so that a hundred take two propagation delays, not
// two each; it returns each one's error (nil: deleted) in the order of ids.
// The client's transport keeps every action within the service's rate
// limit, and the waits share what a provider's share (waiters.Shared): one
// account listing per poll round while they disable, a budget of direct
// reads while they are deleted.
func deleteApps(ctx context.Context, client *api.Client, clk clock.Clock, ids []uint64) []error {
	listing := inventory.New(client.DescribeAppStatList, clk, inventory.Options{})
	deps := waiters.ForClient(client, clk, waiters.NewShared(listing, clk))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { errs[i] = disableAndDelete(ctx, client, deps, id) })
	}
	wg.Wait()
	return errs
}

func disableAndDelete(ctx context.Context, client *api.Client, deps waiters.Deps, id uint64) error {
	return waiters.DeleteApp(ctx, client, deps, id, func(ctx context.Context) error {
		if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
			return err
		}
		_, err := waiters.WaitRequestedStatus(ctx, deps, id, api.AppStatusDisabled, deps.Clock.Now())
		return err
	})
}
