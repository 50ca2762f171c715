package api

// Every [console] and [model] shape lives in this file and
// nowhere else, so it can be corrected against the real service (the TRTC
// console's API Inspector shows the real calls) without touching resources.
// Each type names its source; README.md documents each action in full.

// Application status values of DescribeSdkAppInfo ([console], README.md).
const (
	AppStatusEnabled  = "Enabled"
	AppStatusDisabled = "Disabled"
	AppStatusDeleted  = "Deleted" // only ever a TargetStatus

	// DisabledReasonManual is the DisabledReason of an application disabled
	// through ModifyAppStatus (the others are the platform's).
	DisabledReasonManual = "Manual"
)

// ModifyAppStatus values ([model], GME ModifyAppStatus).
const (
	StatusOpen  = "open"
	StatusClose = "close"
)

// Subscription status values ([model], README.md).
const (
	SubscriptionActive  = "Active"
	SubscriptionExpired = "Expired"
	SubscriptionNone    = "None"
)

// CreateTrtcApp [console], shape modelled on GME CreateApp (README.md, TRTC
// applications).
type CreateTrtcAppRequest struct {
	AppName     string  `json:"AppName"`
	Description *string `json:"Description,omitempty"`
	Product     string  `json:"Product"`
	DataRegion  *string `json:"DataRegion,omitempty"`
	Tags        []Tag   `json:"Tags,omitempty"`
	ClientToken *string `json:"ClientToken,omitempty"`
}

type CreateTrtcAppResponse struct {
	SdkAppId uint64 `json:"SdkAppId"`
}

// DescribeSdkAppInfo [console] (README.md, TRTC applications).
type DescribeSdkAppInfoRequest struct {
	SdkAppId uint64 `json:"SdkAppId"`
}

type DescribeSdkAppInfoResponse struct {
	SdkAppId         uint64 `json:"SdkAppId"`
	AppName          string `json:"AppName"`
	Description      string `json:"Description"`
	Product          string `json:"Product"`
	DataRegion       string `json:"DataRegion"`
	CreateTime       string `json:"CreateTime"`
	SecretKey        string `json:"SecretKey"` // the SDKSecretKey: masked in logs
	Status           string `json:"Status"`
	TargetStatus     string `json:"TargetStatus"`
	StatusChangeTime string `json:"StatusChangeTime"`
	DisabledReason   string `json:"DisabledReason"`
}

// ModifyAppInfo [console] (README.md, TRTC applications).
type ModifyAppInfoRequest struct {
	SdkAppId    uint64  `json:"SdkAppId"`
	AppName     *string `json:"AppName,omitempty"`
	Description *string `json:"Description,omitempty"`
}

type ModifyAppInfoResponse struct{}

// ModifyAppStatus [model], GME ModifyAppStatus (README.md, TRTC applications).
type ModifyAppStatusRequest struct {
	SdkAppId uint64 `json:"SdkAppId"`
	Status   string `json:"Status"` // StatusOpen or StatusClose
}

type ModifyAppStatusResponse struct{}

// DeleteTrtcApp [model] (README.md, TRTC applications).
type DeleteTrtcAppRequest struct {
	SdkAppId uint64 `json:"SdkAppId"`
}

type DeleteTrtcAppResponse struct{}

// DescribeAppSubscription [model], billing-style (README.md, Editions and
// subscriptions).
type DescribeAppSubscriptionRequest struct {
	SdkAppId uint64 `json:"SdkAppId"`
}

type DescribeAppSubscriptionResponse struct {
	SdkAppId          uint64 `json:"SdkAppId" decode:"lenient"`
	Product           string `json:"Product"`
	Edition           string `json:"Edition"`
	Status            string `json:"Status"`
	StartTime         string `json:"StartTime"`
	ExpireTime        string `json:"ExpireTime"` // empty for Basic
	AutoRenew         bool   `json:"AutoRenew"`
	TrialsUsed        int64  `json:"TrialsUsed"`
	AccountTrialsUsed int64  `json:"AccountTrialsUsed"`
}

// CreateTrtcFreeLicense [console]: the real console action that claims the
// trial edition (TRTC CAM and CloudAudit action tables); its fields are our
// model, after the other subscription actions.
type CreateTrtcFreeLicenseRequest struct {
	SdkAppId uint64 `json:"SdkAppId"`
}

type CreateTrtcFreeLicenseResponse struct {
	ExpireTime string `json:"ExpireTime"`
}

// CreateAppSubscription [model], after CVM RenewInstances (README.md,
// Editions and subscriptions).
type CreateAppSubscriptionRequest struct {
	SdkAppId     uint64  `json:"SdkAppId"`
	Edition      string  `json:"Edition"`
	PeriodMonths int64   `json:"PeriodMonths"`
	AutoRenew    *bool   `json:"AutoRenew,omitempty"`
	ClientToken  *string `json:"ClientToken,omitempty"`
}

type CreateAppSubscriptionResponse struct {
	DealId     string `json:"DealId" decode:"lenient"`
	ExpireTime string `json:"ExpireTime"`
}

// ModifyAppSubscriptionAutoRenew [model], after CVM ModifyInstancesRenewFlag
// (README.md, Editions and subscriptions).
type ModifyAppSubscriptionAutoRenewRequest struct {
	SdkAppId  uint64 `json:"SdkAppId"`
	AutoRenew bool   `json:"AutoRenew"`
}

type ModifyAppSubscriptionAutoRenewResponse struct{}
