package acctest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// Sweep deletes every application whose name starts with NamePrefix, the
// leftovers of failed test runs, as destroy does: it disables an enabled
// one and waits, deletes it and waits until it is gone. It goes on past a
// failure and returns the names deleted and every error. Applications
// without the prefix are never touched.
func Sweep(ctx context.Context, client *api.Client, clk clock.Clock, log io.Writer) ([]string, error) {
	apps, err := inventory.New(client.DescribeAppStatList, clk, inventory.Options{}).List(ctx)
	if err != nil {
		return nil, err
	}
	deps := waiters.ForClient(client, clk, nil)
	var deleted []string
	var errs []error
	for _, app := range apps {
		if app.Name == nil || !strings.HasPrefix(*app.Name, NamePrefix) {
			continue
		}
		name := *app.Name
		fmt.Fprintf(log, "sweeping %s (%d)\n", name, app.ID)
		if err := disableAndDelete(ctx, client, deps, app.ID); err != nil {
			errs = append(errs, fmt.Errorf("%s (%d): %w", name, app.ID, err))
			continue
		}
		deleted = append(deleted, name)
	}
	return deleted, errors.Join(errs...)
}

func disableAndDelete(ctx context.Context, client *api.Client, deps waiters.Deps, id uint64) error {
	return waiters.DeleteApp(ctx, client, deps, id, func(ctx context.Context) error {
		if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
			return err
		}
		_, err := waiters.WaitAppStatus(ctx, deps, id, api.AppStatusDisabled)
		return err
	})
}
