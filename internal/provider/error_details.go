package provider

import (
	"fmt"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// otherAccountDetail explains api.CodeAppOtherAccount: the application
// exists, so it is an error and never a reason to drop it from state.
func otherAccountDetail(sdkAppID uint64) string {
	return fmt.Sprintf("Application %d belongs to another Tencent Cloud account, so these credentials cannot manage it. "+
		"Use the credentials (or assume_role) of the account that owns it, or check the SdkAppId.", sdkAppID)
}

// readErrorDetail is the detail of a failed read of an application (or of
// what belongs to it): another account's application is said so.
func readErrorDetail(sdkAppID uint64, err error) string {
	if api.HasCode(err, api.CodeAppOtherAccount) {
		return otherAccountDetail(sdkAppID) + " (" + err.Error() + ")"
	}
	return err.Error()
}

// tagWriteDetail is the detail of a refused tag write; the per-resource
// limit is named, whatever the service's message says.
func tagWriteDetail(err error) string {
	if api.HasCode(err, api.CodeTagLimitPerResource) {
		return fmt.Sprintf("An application holds at most %d tags, and this change would exceed that: remove tags from the application "+
			"(in Terraform or outside it) before adding more. (%v)", catalog.MaxTagsPerResource, err)
	}
	return err.Error()
}
