package provider

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// This file is the one place where wire values become attribute values:
// statuses (Enabled/Disabled/Deleted) and times ("2006-01-02 15:04:05" in
// UTC+8). Every resource and data source goes through it, so the same
// fact reads the same way in every attribute.

// sdkAppIDTypeDescription is the one type of SdkAppIds, said in the docs and in
// trtc_applications.ids: a number (Int64) in every schema.
const sdkAppIDTypeDescription = "SdkAppIds are numbers in every schema of this provider; only the `id` attributes hold one as " +
	"its decimal string, because Terraform requires `id` to be a string."

// idAsStringDescription describes every `id` that is an SdkAppId, in one wording.
const idAsStringDescription = "The `sdk_app_id` as a decimal string (Terraform requires `id` to be a string)."

// Values of the status attributes (trtc_application.status, and status and
// status_in_effect of trtc_application and trtc_application_status).
const (
	appStatusEnabled  = "enabled"
	appStatusDisabled = "disabled"
	appStatusDeleted  = "deleted" // only ever a target (trtc_application_status.status)
)

// wireStatus maps the status attribute to ModifyAppStatus and DescribeSdkAppInfo values.
func wireStatus(status string) (modify, described string) {
	if status == appStatusDisabled {
		return api.StatusClose, api.AppStatusDisabled
	}
	return api.StatusOpen, api.AppStatusEnabled
}

// statusAttr maps a DescribeSdkAppInfo Status or TargetStatus to the
// attribute spelling; empty (no target reported) stays empty.
//
// A value internal/api/README.md does not list is passed through in lower case
// on purpose, with known=false so that callers warn: failing the read instead
// would block refresh, and so destroy, of the application until a provider
// release knows the new value, while a passed-through value shows as a plan diff
// on trtc_application.status that the user can see and act on.
func statusAttr(wire string) (value string, known bool) {
	switch wire {
	case api.AppStatusEnabled:
		return appStatusEnabled, true
	case api.AppStatusDisabled:
		return appStatusDisabled, true
	case api.AppStatusDeleted:
		return appStatusDeleted, true
	case "":
		return "", true
	}
	return strings.ToLower(wire), false
}

// statusValue is statusAttr as an attribute value, with a warning naming
// the attribute when the value is not one the provider knows.
func statusValue(attribute, wire string, diags *diag.Diagnostics) types.String {
	v, known := statusAttr(wire)
	if !known {
		addWarning(diags, "Unexpected application status from the TRTC API",
			fmt.Sprintf("%s is %q, which this provider version does not know (it expects Enabled, Disabled or Deleted); "+
				"it is shown as %q. Please report this to the provider developers.", attribute, wire, v))
	}
	return types.StringValue(v)
}

// formatTime is the one spelling of every time attribute: RFC 3339 in UTC
// ("2026-12-03T00:52:59Z"), whatever zone the time came in.
func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// formatWireTime converts a wire time (api.TimeLayout in api.TimeZone) with
// formatTime. An unparsable value is kept as sent rather than failing a read:
// it still names the instant to a reader, and a read error would block
// refresh and destroy.
func formatWireTime(s string) string {
	t, err := api.ParseTime(s)
	if err != nil {
		return s
	}
	return formatTime(t)
}

// wireTimeValue is formatWireTime as an attribute value; empty is null.
func wireTimeValue(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(formatWireTime(s))
}

// logID spells an SdkAppId for log fields: a number there is written as a
// float (1.400000001e+09) by the log encoding.
func logID[T int64 | uint64](id T) string { return fmt.Sprint(id) }
