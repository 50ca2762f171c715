package waiters

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// A wait cut short by Terraform (Ctrl-C cancels the context) says it was
// interrupted (an *InterruptedError), not timed out.
func TestWaitsSayInterruptedOnCancel(t *testing.T) {
	pending := &api.DescribeSdkAppInfoResponse{SdkAppId: 1400000001, Status: api.AppStatusEnabled, TargetStatus: api.AppStatusDisabled}
	waits := map[string]func(context.Context, Deps) error{
		"readable": func(ctx context.Context, d Deps) error { _, err := WaitAppReadable(ctx, d, 1400000001); return err },
		"status": func(ctx context.Context, d Deps) error {
			_, err := WaitAppStatus(ctx, d, 1400000001, api.AppStatusDisabled)
			return err
		},
		"deleted": func(ctx context.Context, d Deps) error { return WaitAppDeleted(ctx, d, 1400000001) },
		"settled": func(ctx context.Context, d Deps) error { _, err := WaitAppSettled(ctx, d, 1400000001); return err },
	}
	for name, wait := range waits {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			calls := 0
			d := Deps{Clock: clock.NewFake(epoch), Find: func(context.Context, uint64) (*api.DescribeSdkAppInfoResponse, error) {
				calls++
				if calls == 2 {
					cancel()
				}
				if name == "readable" {
					return nil, &api.NotFoundError{What: "application 1400000001"}
				}
				return pending, nil
			}}
			err := wait(ctx, d)
			var interrupted *InterruptedError
			if !errors.As(err, &interrupted) || !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) ||
				!strings.Contains(err.Error(), "interrupted while waiting") || strings.Contains(err.Error(), "timed out") {
				t.Fatalf("error %v", err)
			}
		})
	}
}
