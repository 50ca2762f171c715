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
	listing := inventory.New(client.DescribeAppStatList, clk, inventory.Options{})
	apps, err := listing.List(ctx)
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
	for i, err := range deleteApps(ctx, client, clk, listing, ids) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s (%d): %w", names[i], ids[i], err))
			continue
		}
		deleted = append(deleted, names[i])
	}
	return deleted, errors.Join(errs...)
}

// deleteApps deletes the applications concurrently, each as destroy does
// (waiters.DeleteApp), so that a hundred take two propagation delays, not
// two each; it returns each one's error (nil: deleted) in the order of ids.
// The client's transport keeps every action within the service's rate
// limit (its default), and the waits share what a provider's share
// (waiters.Shared) through listing (nil: a new one), which answers whether
// each is enabled when it is fresh (Sweep's own) or enough ask at once.
func deleteApps(ctx context.Context, client *api.Client, clk clock.Clock, listing *inventory.Inventory, ids []uint64) []error {
	if listing == nil {
		listing = inventory.New(client.DescribeAppStatList, clk, inventory.Options{})
	}
	deps := waiters.ForClient(client, clk, waiters.NewShared(listing, clk, 0))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { errs[i] = waiters.DeleteApp(ctx, deps, id) })
	}
	wg.Wait()
	return errs
}
