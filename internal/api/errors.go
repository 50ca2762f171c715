package api

import (
	"errors"
	"fmt"
	"strings"
)

// Error is an error answer of the API: HTTP 200 with Response.Error.
type Error struct {
	Service   string
	Action    string
	Code      string
	Message   string
	RequestID string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s.%s: %s: %s (RequestId: %s)", e.Service, e.Action, e.Code, e.Message, e.RequestID)
}

// Error codes the provider acts on (README.md, "Error codes the provider
// acts on"). [public] marks a code of the official Go SDK's error tables
// (the file named).
const (
	// CodeAppNotExist answers an unknown or deleted SdkAppId in every
	// published TRTC action [public, trtc/v20190722/errors.go].
	CodeAppNotExist = "FailedOperation.SdkAppIdNotExist"
	// CodeAppOtherAccount answers an SdkAppId that belongs to another
	// account [public, trtc/v20190722/errors.go]. It is not "not found":
	// the application exists, and deleting it from state would hide that.
	CodeAppOtherAccount = "UnauthorizedOperation.SdkAppId"
	// CodeTagLimitPerResource refuses a 51st tag on one resource
	// [public, tag/v20180813/errors.go].
	CodeTagLimitPerResource = "LimitExceeded.ResourceAttachedTags"
	// CodeAppTrialQuota refuses CreateTrtcFreeLicense when the application
	// used its trials or one is running (one at a time) [model].
	CodeAppTrialQuota = "LimitExceeded.AppTrialQuota"

	CodeAppDeleting      = "FailedOperation.AppDeleting"
	CodeAppEnabled       = "FailedOperation.AppEnabled"
	CodeRequestLimit     = "RequestLimitExceeded"
	CodeInternalError    = "InternalError"
	CodeServiceUnavail   = "ServiceUnavailable"
	CodeResourceUnavail  = "ResourceUnavailable"
	CodeResourceBusy     = "ResourceBusy"
	CodeNoPaidEdition    = "FailedOperation.NoPaidEdition"
	CodeEditionSwitch    = "UnsupportedOperation.EditionSwitch"
	CodeAccountTrial     = "LimitExceeded.AccountTrialQuota"
	CodeInsufficientBal  = "FailedOperation.InsufficientBalance"
	CodePaidEditionAlive = "FailedOperation.PaidEditionActive"
	CodeInvalidEdition   = "InvalidParameterValue.Edition"
	CodeInvalidPeriod    = "InvalidParameterValue.Period"
)

// Code returns the API error code of err, or "" when err is not an API error.
func Code(err error) string {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

// HasCode reports whether err is an API error with exactly this code.
func HasCode(err error, code string) bool { return Code(err) == code }

// IsNotFoundCode is the one place that decides which error codes mean "the
// object does not exist":
//   - FailedOperation.SdkAppIdNotExist: every published TRTC action for an
//     unknown or deleted SdkAppId [public, trtc/v20190722/errors.go];
//   - any ResourceNotFound*: the Tag service (tag/v20180813/errors.go), STS
//     (ResourceNotFound.RoleNotFound, sts/v20180813/errors.go), and the
//     unpublished console actions, whose own codes are unknown and may follow
//     the Tencent Cloud convention instead of TRTC's.
func IsNotFoundCode(code string) bool {
	return code == CodeAppNotExist || strings.HasPrefix(code, "ResourceNotFound")
}

// NotFoundError says an object does not exist, or no longer does. It is the
// provider's only not-found error: the client returns it for every answer
// whose code IsNotFoundCode, and the finders for a missing object. Test for
// it with IsNotFound, errors.As, or errors.Is(err, ErrNotFound).
type NotFoundError struct {
	What  string // the object, e.g. "application 1400000001"; may be empty
	Cause error  // the answer that said so (wrapping an *Error), or nil
}

// ErrNotFound matches every *NotFoundError with errors.Is.
var ErrNotFound error = &NotFoundError{}

func (e *NotFoundError) Error() string {
	switch {
	case e.What == "" && e.Cause != nil:
		return e.Cause.Error()
	case e.What == "":
		return "not found"
	case e.Cause == nil:
		return e.What + " does not exist"
	}
	return fmt.Sprintf("%s does not exist: %v", e.What, e.Cause)
}

func (e *NotFoundError) Unwrap() error { return e.Cause }

// Is makes errors.Is(err, ErrNotFound) true for any *NotFoundError.
func (e *NotFoundError) Is(target error) bool {
	_, ok := target.(*NotFoundError)
	return ok
}

// IsNotFound reports whether err is or wraps a *NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// classify turns an answer whose code means "not found" into a
// *NotFoundError wrapping it, so that every caller sees one type.
func classify(err error) error {
	var apiErr *Error
	if errors.As(err, &apiErr) && IsNotFoundCode(apiErr.Code) && !IsNotFound(err) {
		return &NotFoundError{Cause: err}
	}
	return err
}

// IsRetryable reports whether an error code is transient (README.md, Transport):
// throttling and server faults are retried, nothing else.
func IsRetryable(code string) bool {
	if strings.HasPrefix(code, CodeRequestLimit) {
		return true
	}
	switch code {
	case CodeInternalError, CodeServiceUnavail, CodeResourceUnavail, CodeResourceBusy:
		return true
	}
	return false
}
