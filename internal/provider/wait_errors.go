package provider

import (
	"errors"
	"fmt"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// waitAdvice is what the user can do after a wait that timed out or was
// interrupted ("" for any other error). The waiters return typed errors
// without Terraform advice; timeout names the caller's own timeouts
// attribute ("create", "update", "delete", "read").
func waitAdvice(err error, timeout string) string {
	var timedOut *waiters.TimeoutError
	var interrupted *waiters.InterruptedError
	propagation := propagationRange()
	switch {
	case errors.As(err, &timedOut) && timeout == "read":
		return fmt.Sprintf("Changes take %s to propagate in TRTC: raise timeouts.read.", propagation)
	case errors.As(err, &timedOut):
		return fmt.Sprintf("The change is still propagating in TRTC (%s); %s, or raise timeouts.%s.", propagation, nextCommand(timeout), timeout)
	case errors.As(err, &interrupted):
		return "R" + nextCommand(timeout)[1:] + "."
	}
	return ""
}

// propagationRange is how long a status change or a deletion takes in TRTC.
func propagationRange() string {
	return fmt.Sprintf("%d-%d minutes", int(catalog.PropagationMin.Minutes()), int(catalog.PropagationMax.Minutes()))
}

// cutShort: err is a wait that timed out or was interrupted, after the
// change it waited for was requested.
func cutShort(err error) bool {
	var timedOut *waiters.TimeoutError
	var interrupted *waiters.InterruptedError
	return errors.As(err, &timedOut) || errors.As(err, &interrupted)
}

// nextCommand says what resumes a wait cut short: after a delete the
// resource is still in the state, and the next destroy (or the apply that
// removes it) deletes it; the others resume with the next apply.
func nextCommand(timeout string) string {
	if timeout == "delete" {
		return "run terraform destroy again to finish deleting it"
	}
	return "run terraform apply again to finish"
}
