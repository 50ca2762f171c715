package waiters

import (
	"context"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

// DeleteApp deletes an application as destroy does: TRTC refuses to delete
// an enabled one, so it first disables it (through disable, which requests
// the change and waits for it) when it is or is becoming enabled, then
// deletes it and waits until it is gone. An application already gone or
// being deleted is fine.
func DeleteApp(ctx context.Context, client *api.Client, d Deps, id uint64, disable func(context.Context) error) error {
	app, err := finder.AppByID(ctx, client, id)
	if api.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if app.TargetStatus != api.AppStatusDeleted {
		if app.Status == api.AppStatusEnabled || app.TargetStatus == api.AppStatusEnabled {
			if err := disable(ctx); err != nil && !isGone(err) {
				return err
			}
		}
		if _, err := client.DeleteTrtcApp(ctx, &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil && !isGone(err) {
			return err
		}
	}
	return WaitAppDeleted(ctx, d, id)
}

// isGone reports an application already being deleted, or deleted.
func isGone(err error) bool {
	return api.HasCode(err, api.CodeAppDeleting) || api.IsNotFound(err)
}
