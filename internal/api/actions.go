package api

import "reflect"

// Origin says where an action's name and shape come from
// (internal/api/README.md).
type Origin string

const (
	OriginPublic  Origin = "public"  // name and shape published by Tencent Cloud
	OriginConsole Origin = "console" // real console action name; fields modelled
	OriginModel   Origin = "model"   // name and shape modelled
)

// Action describes one action the Client calls, for tools that check the
// modelled shapes against an answer (tests, the probe) by reflection.
type Action struct {
	Service, Name     string
	Origin            Origin
	Request, Response reflect.Type
	Write             bool // changes something (never called by read-only tools)
}

func action[Req, Resp any](service, name string, origin Origin, write bool) Action {
	return Action{Service: service, Name: name, Origin: origin, Write: write,
		Request: reflect.TypeFor[Req](), Response: reflect.TypeFor[Resp]()}
}

// Actions lists every action of the Client, one per method.
var Actions = []Action{
	action[GetCallerIdentityRequest, GetCallerIdentityResponse](ServiceSTS, "GetCallerIdentity", OriginPublic, false),
	action[AssumeRoleRequest, AssumeRoleResponse](ServiceSTS, "AssumeRole", OriginPublic, false),

	action[CreateTrtcAppRequest, CreateTrtcAppResponse](ServiceTRTC, "CreateTrtcApp", OriginConsole, true),
	action[DescribeAppStatListRequest, DescribeAppStatListResponse](ServiceTRTC, "DescribeAppStatList", OriginPublic, false),
	action[DescribeSdkAppInfoRequest, DescribeSdkAppInfoResponse](ServiceTRTC, "DescribeSdkAppInfo", OriginConsole, false),
	action[ModifyAppInfoRequest, ModifyAppInfoResponse](ServiceTRTC, "ModifyAppInfo", OriginConsole, true),
	action[ModifyAppStatusRequest, ModifyAppStatusResponse](ServiceTRTC, "ModifyAppStatus", OriginModel, true),
	action[DeleteTrtcAppRequest, DeleteTrtcAppResponse](ServiceTRTC, "DeleteTrtcApp", OriginModel, true),
	action[DescribeAppSubscriptionRequest, DescribeAppSubscriptionResponse](ServiceTRTC, "DescribeAppSubscription", OriginModel, false),
	action[CreateTrtcFreeLicenseRequest, CreateTrtcFreeLicenseResponse](ServiceTRTC, "CreateTrtcFreeLicense", OriginConsole, true),
	action[CreateAppSubscriptionRequest, CreateAppSubscriptionResponse](ServiceTRTC, "CreateAppSubscription", OriginModel, true),
	action[ModifyAppSubscriptionAutoRenewRequest, ModifyAppSubscriptionAutoRenewResponse](ServiceTRTC, "ModifyAppSubscriptionAutoRenew", OriginModel, true),

	action[TagResourcesRequest, TagResourcesResponse](ServiceTag, "TagResources", OriginPublic, true),
	action[UnTagResourcesRequest, UnTagResourcesResponse](ServiceTag, "UnTagResources", OriginPublic, true),
	action[DescribeResourceTagsByResourceIdsRequest, DescribeResourceTagsByResourceIdsResponse](ServiceTag, "DescribeResourceTagsByResourceIds", OriginPublic, false),
	action[ModifyResourceTagsRequest, ModifyResourceTagsResponse](ServiceTag, "ModifyResourceTags", OriginPublic, true),
}
