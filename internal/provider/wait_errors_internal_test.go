package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// The resource adds the Terraform advice to the waiters' typed errors,
// naming the timeout it passes; other errors get none.
func TestWaitAdviceNamesTheCallersTimeout(t *testing.T) {
	timedOut := fmt.Errorf("wrapped: %w", &waiters.TimeoutError{Waiting: "application 1 to become disabled", After: time.Minute})
	interrupted := &waiters.InterruptedError{Waiting: "application 1 to be deleted"}
	for _, tc := range []struct {
		err     error
		timeout string
		want    string // "" = no advice
	}{
		{timedOut, "create", "run terraform apply again to finish, or raise timeouts.create."},
		{timedOut, "update", "raise timeouts.update."},
		{timedOut, "delete", "raise timeouts.delete."},
		{timedOut, "read", "raise timeouts.read."},
		{timedOut, "delete", "run terraform destroy again to finish deleting it, or raise timeouts.delete."},
		{interrupted, "delete", "Run terraform destroy again to finish deleting it."}, // not apply: it is a destroy
		{interrupted, "update", "Run terraform apply again to finish."},
		{&api.NotFoundError{What: "application 1"}, "delete", ""},
		{errors.New("InternalError"), "update", ""},
	} {
		got := waitAdvice(tc.err, tc.timeout)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("waitAdvice(%v, %q) = %q, want %q", tc.err, tc.timeout, got, tc.want)
		}
		if tc.want != "" && strings.Contains(got, "timeouts.") && !strings.Contains(got, "timeouts."+tc.timeout) {
			t.Errorf("advice %q names another timeout than %s", got, tc.timeout)
		}
		if _, detail := failure("wait for", appObject(1), tc.err, got); !strings.HasPrefix(detail, tc.err.Error()) || !strings.Contains(detail, got) {
			t.Errorf("detail %q does not say the error, then the advice", detail)
		}
	}
}
