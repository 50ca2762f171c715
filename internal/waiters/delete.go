package waiters

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// DeleteApp deletes an application as destroy does: TRTC refuses to delete
// an enabled one, so it first disables it and waits for that when it is or
// is becoming enabled, then deletes it and waits until it is gone. An
// application already gone or being deleted is fine.
//
// Whether it is enabled comes from the shared listing when that can tell,
// as a refresh's does (hundreds deleted at once share one listing); else,
// and when the service refuses the delete because of a change the listing
// could not show (it shows only the state in effect), from reading it.
func DeleteApp(ctx context.Context, d Deps, id uint64) error {
	listed, err := d.Shared.lookup(ctx, id)
	if err != nil {
		return err
	}
	if listed != nil {
		err := disableAndDelete(ctx, d, id, listed.Enabled)
		if !api.HasCode(err, api.CodeAppEnabled) {
			return err
		}
	}
	app, err := d.find(ctx, id)
	if api.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if app.TargetStatus == api.AppStatusDeleted {
		return WaitAppDeleted(ctx, d, id)
	}
	return disableAndDelete(ctx, d, id, app.Status == api.AppStatusEnabled || app.TargetStatus == api.AppStatusEnabled)
}

// disableAndDelete disables the application first when enabled, deletes it
// and waits until it is gone.
func disableAndDelete(ctx context.Context, d Deps, id uint64, enabled bool) error {
	if enabled {
		tflog.Info(ctx, "disabling TRTC application before deleting it", map[string]any{"sdk_app_id": strconv.FormatUint(id, 10)})
		if _, err := RequestStatus(ctx, d, id, api.AppStatusDisabled); err != nil && !isGone(err) {
			return err
		}
	}
	if _, err := d.API.DeleteTrtcApp(ctx, &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil && !isGone(err) {
		return err
	}
	return WaitAppDeleted(ctx, d, id)
}

// isGone reports an application already being deleted, or deleted.
func isGone(err error) bool {
	return api.HasCode(err, api.CodeAppDeleting) || api.IsNotFound(err)
}
