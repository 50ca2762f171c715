package api

// Shapes that Tencent Cloud publishes [public]: keep them exactly as the
// published source spells them (README.md: STS, DescribeAppStatList, Tags).

// Tag is the {TagKey, TagValue} pair used by TRTC and the Tag service.
type Tag struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

// TagFilter is a DescribeAppStatList TagList entry: TagValue is a string or
// null on the wire; nil (sent as absent) matches any value of the key.
type TagFilter struct {
	TagKey   string  `json:"TagKey"`
	TagValue *string `json:"TagValue,omitempty"`
}

// --- STS 2018-08-13 (README.md, STS) ---

type GetCallerIdentityRequest struct{}

type GetCallerIdentityResponse struct {
	Arn         string `json:"Arn" decode:"lenient"`
	AccountId   string `json:"AccountId"`
	UserId      string `json:"UserId" decode:"lenient"`
	PrincipalId string `json:"PrincipalId" decode:"lenient"`
	Type        string `json:"Type" decode:"lenient"`
}

type STSTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type AssumeRoleRequest struct {
	RoleArn         string   `json:"RoleArn"`
	RoleSessionName string   `json:"RoleSessionName"`
	DurationSeconds *uint64  `json:"DurationSeconds,omitempty"`
	Policy          *string  `json:"Policy,omitempty"`
	ExternalId      *string  `json:"ExternalId,omitempty"`
	Tags            []STSTag `json:"Tags,omitempty"`
	SourceIdentity  *string  `json:"SourceIdentity,omitempty"`
	SerialNumber    *string  `json:"SerialNumber,omitempty"`
	TokenCode       *string  `json:"TokenCode,omitempty"`
}

type Credentials struct {
	Token        string `json:"Token"`
	TmpSecretId  string `json:"TmpSecretId"`
	TmpSecretKey string `json:"TmpSecretKey"`
}

type AssumeRoleResponse struct {
	Credentials Credentials `json:"Credentials"`
	ExpiredTime int64       `json:"ExpiredTime"`
	Expiration  string      `json:"Expiration"`
}

// --- TRTC 2019-07-22 DescribeAppStatList (README.md, TRTC applications) ---

type DescribeAppStatListRequest struct {
	OrderField      *string     `json:"OrderField,omitempty"`
	OrderType       *uint64     `json:"OrderType,omitempty"` // 0 newest first, 1 oldest first
	Offset          *uint64     `json:"Offset,omitempty"`
	Limit           *uint64     `json:"Limit,omitempty"`
	GmeFlag         *uint64     `json:"GmeFlag,omitempty"`
	TagList         []TagFilter `json:"TagList,omitempty"`
	SdkAppIds       []uint64    `json:"SdkAppIds,omitempty"`
	AppNames        []string    `json:"AppNames,omitempty"`
	Status          *uint64     `json:"Status,omitempty"` // 1 service available, 0 stopped
	UsageMode       []uint64    `json:"UsageMode,omitempty"`
	NeedTags        *int64      `json:"NeedTags,omitempty"`
	NeedLicense     *int64      `json:"NeedLicense,omitempty"`
	NeedLicenseList *int64      `json:"NeedLicenseList,omitempty"`
}

// SdkAppInfo is one application as DescribeAppStatList lists it. Name,
// Description, TagList and License are published as possibly null, hence
// pointers and a slice (nil when null); null in any other read field fails
// the decoding. Fields tagged decode:"lenient" are not read by the provider
// (see LenientTag).
type SdkAppInfo struct {
	ID             uint64   `json:"ID"`
	Name           *string  `json:"Name"`
	BizScheme      uint64   `json:"BizScheme" decode:"lenient"`
	BizSubScheme   uint64   `json:"BizSubScheme" decode:"lenient"`
	Description    *string  `json:"Description"`
	LastDay        uint64   `json:"LastDay" decode:"lenient"`
	LastDayCC      uint64   `json:"LastDayCC" decode:"lenient"`
	CurMonthCC     uint64   `json:"CurMonthCC" decode:"lenient"`
	CreateTime     string   `json:"CreateTime"` // "YYYY-MM-DD HH:MM:SS", UTC+8
	HasAccount     uint64   `json:"HasAccount" decode:"lenient"`
	AccountMode    uint64   `json:"AccountMode" decode:"lenient"`
	Status         uint64   `json:"Status"` // 1 available, 0 stopped: the state in effect
	RegisterFrom   uint64   `json:"RegisterFrom" decode:"lenient"`
	InWhiteList    bool     `json:"InWhiteList" decode:"lenient"`
	PrewhiteFlag   uint64   `json:"PrewhiteFlag" decode:"lenient"`
	TagList        []Tag    `json:"TagList"`                 // null without NeedTags
	UiMode         int64    `json:"UiMode" decode:"lenient"` // 0 no UI kit, 1 with UI kit
	License        *string  `json:"License"`                 // package name, null when none
	SubProductCode string   `json:"SubProductCode" decode:"lenient"`
	UsageMode      []uint64 `json:"UsageMode" decode:"lenient"`
}

type DescribeAppStatListResponse struct {
	TotalNum    int64        `json:"TotalNum"`
	SdkAppInfos []SdkAppInfo `json:"SdkAppInfos"`
}

// --- Tag 2018-08-13 (README.md, Tags) ---

type FailedResource struct {
	Resource string `json:"Resource"`
	Code     string `json:"Code"`
	Message  string `json:"Message"`
}

type TagResourcesRequest struct {
	ResourceList []string `json:"ResourceList"`
	Tags         []Tag    `json:"Tags"`
}

type TagResourcesResponse struct {
	FailedResources []FailedResource `json:"FailedResources"`
}

type UnTagResourcesRequest struct {
	ResourceList []string `json:"ResourceList"`
	TagKeys      []string `json:"TagKeys"`
}

type UnTagResourcesResponse struct {
	FailedResources []FailedResource `json:"FailedResources"`
}

type DescribeResourceTagsByResourceIdsRequest struct {
	ServiceType    string   `json:"ServiceType"`
	ResourcePrefix string   `json:"ResourcePrefix"`
	ResourceIds    []string `json:"ResourceIds"`
	ResourceRegion string   `json:"ResourceRegion"`
	Offset         *uint64  `json:"Offset,omitempty"`
	Limit          *uint64  `json:"Limit,omitempty"`
}

type ResourceTag struct {
	TagKey     string `json:"TagKey"`
	TagValue   string `json:"TagValue"`
	ResourceId string `json:"ResourceId"`
	Category   string `json:"Category" decode:"lenient"`
}

type DescribeResourceTagsByResourceIdsResponse struct {
	TotalCount uint64        `json:"TotalCount"`
	Offset     uint64        `json:"Offset" decode:"lenient"`
	Limit      uint64        `json:"Limit" decode:"lenient"`
	Tags       []ResourceTag `json:"Tags"`
}

type TagKeyObject struct {
	TagKey string `json:"TagKey"`
}

type ModifyResourceTagsRequest struct {
	Resource    string         `json:"Resource"`
	ReplaceTags []Tag          `json:"ReplaceTags,omitempty"`
	DeleteTags  []TagKeyObject `json:"DeleteTags,omitempty"`
}

type ModifyResourceTagsResponse struct{}
