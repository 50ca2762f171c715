package provider

import (
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

type applicationTagModel struct {
	ID       types.String `tfsdk:"id"`
	SdkAppID types.Int64  `tfsdk:"sdk_app_id"`
	Key      types.String `tfsdk:"key"`
	Value    types.String `tfsdk:"value"`
}

func (m *applicationTagModel) appID() uint64 { return uint64(m.SdkAppID.ValueInt64()) }

func (m *applicationTagModel) identity() appTagIdentityModel {
	return appTagIdentityModel{SdkAppID: m.SdkAppID, Key: m.Key}
}

// tagIDSeparator joins SdkAppId and key in the ID: '|' cannot occur in a tag
// key, while ',' can.
const tagIDSeparator = "|"

func applicationTagID(sdkAppID uint64, key string) string {
	return strconv.FormatUint(sdkAppID, 10) + tagIDSeparator + key
}

// parseApplicationTagID splits "<sdk_app_id>|<key>" at the first '|', the
// one documented form.
func parseApplicationTagID(id string) (uint64, string, bool) {
	cut := strings.Index(id, tagIDSeparator)
	if cut > 0 {
		if n, err := strconv.ParseUint(id[:cut], 10, 64); err == nil && n > 0 && cut+1 < len(id) {
			return n, id[cut+1:], true
		}
	}
	return 0, "", false
}
