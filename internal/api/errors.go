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
// acts on").
const (
	CodeAppNotFound      = "ResourceNotFound.SdkAppId"
	CodeAppDeleting      = "FailedOperation.AppDeleting"
	CodeAppEnabled       = "FailedOperation.AppEnabled"
	CodeRequestLimit     = "RequestLimitExceeded"
	CodeInternalError    = "InternalError"
	CodeServiceUnavail   = "ServiceUnavailable"
	CodeResourceUnavail  = "ResourceUnavailable"
	CodeResourceBusy     = "ResourceBusy"
	CodeNoPaidEdition    = "FailedOperation.NoPaidEdition"
	CodeEditionSwitch    = "UnsupportedOperation.EditionSwitch"
	CodeAppTrialQuota    = "LimitExceeded.AppTrialQuota"
	CodeAccountTrial     = "LimitExceeded.AccountTrialQuota"
	CodeInsufficientBal  = "FailedOperation.InsufficientBalance"
	CodePaidEditionAlive = "FailedOperation.PaidEditionActive"
	CodeInvalidEdition   = "InvalidParameterValue.Edition"
	CodeInvalidPeriod    = "InvalidParameterValue.Period"

	// CodeTrialActive refuses CreateTrtcFreeLicense while a trial runs. [model]: the
	// reference names no code for it; this is the emulator's, so nothing may
	// depend on it alone (the subscription resource re-reads and adopts an
	// active Trial whatever the refusal).
	CodeTrialActive = "FailedOperation.TrialActive"
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

// IsNotFound reports whether err says the object does not exist.
func IsNotFound(err error) bool { return strings.HasPrefix(Code(err), "ResourceNotFound") }

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
