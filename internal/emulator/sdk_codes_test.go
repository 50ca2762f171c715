package emulator

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// The error codes of the official Go SDK's tables, copied by hand because a
// test cannot read them offline (github.com/TencentCloud/tencentcloud-sdk-go,
// tencentcloud/<service>/<version>/errors.go). Only the codes the emulator
// sends are copied; every code the emulator sends must be in one of these
// lists or in modelCodes.
var (
	// tencentcloud/tag/v20180813/errors.go
	sdkTagCodes = []string{
		"AuthFailure.UnauthorizedOperation",
		"InvalidParameterValue.DeleteTagsParamError",
		"InvalidParameterValue.OffsetInvalid",
		"InvalidParameterValue.ReservedTagKey",
		"InvalidParameterValue.ResourceDescriptionError",
		"InvalidParameterValue.TagKeyCharacterIllegal",
		"InvalidParameterValue.TagKeyDuplicate",
		"InvalidParameterValue.TagKeyEmpty",
		"InvalidParameterValue.TagKeyLengthExceeded",
		"InvalidParameterValue.TagValueCharacterIllegal",
		"InvalidParameterValue.TagValueEmpty",
		"InvalidParameterValue.TagValueLengthExceeded",
		"LimitExceeded.ResourceAttachedTags",
		"LimitExceeded.ResourceNumPerRequest",
		"LimitExceeded.TagNumPerRequest",
		"MissingParameter",
	}
	// tencentcloud/sts/v20180813/errors.go
	sdkSTSCodes = []string{
		"InvalidParameter.ParamError",
		"ResourceNotFound.RoleNotFound",
	}
	// tencentcloud/trtc/v20190722/errors.go (INVALIDPARAMETER is there; a
	// bare InvalidParameterValue is not, so the TRTC input checks without a
	// code of their own answer InvalidParameter)
	sdkTRTCCodes = []string{
		"FailedOperation.SdkAppIdNotExist",
		"InternalError",
		"InvalidParameter",
		"MissingParameter",
		"UnauthorizedOperation.SdkAppId",
		"UnknownParameter",
	}
	// The common error codes of Tencent Cloud API 3.0, shared by every
	// service (tencentcloud/common/errors and the API 3.0 docs' common list).
	sdkCommonCodes = []string{
		"AuthFailure.SecretIdNotFound",
		"AuthFailure.SignatureExpire",
		"AuthFailure.SignatureFailure",
		"AuthFailure.TokenFailure",
		"InternalError",
		"InvalidAction",
		"InvalidParameter",
		"InvalidParameterValue",
		"MissingParameter",
		"NoSuchVersion",
		"RequestLimitExceeded",
		"RequestSizeLimitExceeded",
		"ResourceUnavailable",
		"ServiceUnavailable",
		"UnknownParameter",
		"UnsupportedProtocol",
	}
)

// modelCodes are the codes of the project's model, for rules of the console
// and modelled actions whose codes are unpublished (doc.go marks them
// [model]).
var modelCodes = []string{
	"FailedOperation.AppDeleting",
	"FailedOperation.AppEnabled",
	"FailedOperation.InsufficientBalance",
	"FailedOperation.NoPaidEdition",
	"FailedOperation.PaidEditionActive",
	"InvalidParameterValue.AppName",
	"InvalidParameterValue.DataRegion",
	"InvalidParameterValue.Description",
	"InvalidParameterValue.Edition",
	"InvalidParameterValue.Limit",
	"InvalidParameterValue.Period",
	"InvalidParameterValue.Product",
	"InvalidParameterValue.Status",
	"LimitExceeded.AccountTrialQuota",
	"LimitExceeded.AppQuota",
	"LimitExceeded.AppTrialQuota",
	"ResourceNotFound.SdkAppId", // only with Config.NotFoundCode = NotFoundCodeModel
	"UnsupportedOperation.EditionSwitch",
}

func publicCodes() []string {
	return slices.Concat(sdkTagCodes, sdkSTSCodes, sdkTRTCCodes, sdkCommonCodes)
}

// docCode is one "  - Code [public|model]" line of doc.go's code list.
var docCode = regexp.MustCompile(`(?m)^//\s+- ([A-Z][A-Za-z]*(?:\.[A-Za-z]+)?) \[(public|model)\]`)

// doc.go lists every code the emulator sends (each code TestEveryContractErrorCode
// provokes and each one its sources spell), each marked [public] (in the SDK
// lists above) or [model] (in modelCodes), and nothing else.
func TestDocListsEveryCode(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, m := range docCode.FindAllStringSubmatch(string(src), -1) {
		listed[m[1]] = m[2]
	}
	if len(listed) == 0 {
		t.Fatal("doc.go lists no codes")
	}
	for code, mark := range listed {
		if want := codeSource(code); want != mark {
			t.Errorf("doc.go marks %s [%s], want [%s]", code, mark, want)
		}
	}
	for _, code := range slices.Concat(sentCodes(), modelCodes) {
		if _, ok := listed[code]; !ok {
			t.Errorf("doc.go does not list %s", code)
		}
	}
	for _, c := range emulatorSourceCodes(t) {
		if _, ok := listed[c.code]; !ok {
			t.Errorf("%s can answer %s, which doc.go does not list", c.file, c.code)
		}
	}
}

// codeSource is "public" for a code of the SDK lists, "model" for one of
// modelCodes, "" for a code of neither.
func codeSource(code string) string {
	switch {
	case slices.Contains(publicCodes(), code):
		return "public"
	case slices.Contains(modelCodes, code):
		return "model"
	}
	return ""
}

// sentCodes are the codes TestEveryContractErrorCode provokes.
func sentCodes() []string {
	var out []string
	for _, c := range errorCases() {
		if !slices.Contains(out, c.code) {
			out = append(out, c.code)
		}
	}
	return out
}
