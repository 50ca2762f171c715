// Package api holds the typed requests, responses and calls of the three
// Tencent Cloud services the provider speaks (TRTC, Tag, STS). Resources use
// only this package: they never build JSON, headers or signatures.
package api

import (
	"context"
	"sync/atomic"
	"time"
)

// Services and their API versions (README.md, Transport).
const (
	ServiceTRTC = "trtc"
	ServiceTag  = "tag"
	ServiceSTS  = "sts"

	VersionTRTC = "2019-07-22"
	VersionTag  = "2018-08-13"
	VersionSTS  = "2018-08-13"
)

// Versions maps each service to its API version.
var Versions = map[string]string{ServiceTRTC: VersionTRTC, ServiceTag: VersionTag, ServiceSTS: VersionSTS}

// TimeLayout is how every time field is spelled on the wire, in TimeZone
// (DescribeAppStatList's CreateTime [public]; the modelled actions follow it).
const TimeLayout = "2006-01-02 15:04:05"

// TimeZone is UTC+8, the zone of wire times.
var TimeZone = time.FixedZone("UTC+8", 8*60*60)

// ParseTime reads a wire time (TimeLayout in TimeZone), so that callers
// need not know how the service spells times.
func ParseTime(s string) (time.Time, error) {
	return time.ParseInLocation(TimeLayout, s, TimeZone)
}

// Caller sends one action and decodes its output; the transport implements it.
type Caller interface {
	Call(ctx context.Context, service, version, action string, request, response any) error
}

// Client offers one method per action of README.md.
type Client struct {
	caller  Caller
	onWrite atomic.Pointer[func(context.Context, Write)] // see OnWrite
}

// New wraps a Caller.
func New(caller Caller) *Client { return &Client{caller: caller} }

func call[Req, Resp any](ctx context.Context, c *Client, service, action string, req *Req) (*Resp, error) {
	resp := new(Resp)
	err := c.caller.Call(ctx, service, Versions[service], action, req, resp)
	c.reportWrite(ctx, action, req)
	if err != nil {
		return nil, classify(err)
	}
	return resp, nil
}

// Ptr returns a pointer to v, for optional request fields.
func Ptr[T any](v T) *T { return &v }

// STS

func (c *Client) GetCallerIdentity(ctx context.Context, req *GetCallerIdentityRequest) (*GetCallerIdentityResponse, error) {
	return call[GetCallerIdentityRequest, GetCallerIdentityResponse](ctx, c, ServiceSTS, "GetCallerIdentity", req)
}

func (c *Client) AssumeRole(ctx context.Context, req *AssumeRoleRequest) (*AssumeRoleResponse, error) {
	return call[AssumeRoleRequest, AssumeRoleResponse](ctx, c, ServiceSTS, "AssumeRole", req)
}

// TRTC

func (c *Client) CreateTrtcApp(ctx context.Context, req *CreateTrtcAppRequest) (*CreateTrtcAppResponse, error) {
	return call[CreateTrtcAppRequest, CreateTrtcAppResponse](ctx, c, ServiceTRTC, "CreateTrtcApp", req)
}

func (c *Client) DescribeAppStatList(ctx context.Context, req *DescribeAppStatListRequest) (*DescribeAppStatListResponse, error) {
	return call[DescribeAppStatListRequest, DescribeAppStatListResponse](ctx, c, ServiceTRTC, "DescribeAppStatList", req)
}

func (c *Client) DescribeSdkAppInfo(ctx context.Context, req *DescribeSdkAppInfoRequest) (*DescribeSdkAppInfoResponse, error) {
	return call[DescribeSdkAppInfoRequest, DescribeSdkAppInfoResponse](ctx, c, ServiceTRTC, "DescribeSdkAppInfo", req)
}

func (c *Client) ModifyAppInfo(ctx context.Context, req *ModifyAppInfoRequest) (*ModifyAppInfoResponse, error) {
	return call[ModifyAppInfoRequest, ModifyAppInfoResponse](ctx, c, ServiceTRTC, "ModifyAppInfo", req)
}

func (c *Client) ModifyAppStatus(ctx context.Context, req *ModifyAppStatusRequest) (*ModifyAppStatusResponse, error) {
	return call[ModifyAppStatusRequest, ModifyAppStatusResponse](ctx, c, ServiceTRTC, "ModifyAppStatus", req)
}

func (c *Client) DeleteTrtcApp(ctx context.Context, req *DeleteTrtcAppRequest) (*DeleteTrtcAppResponse, error) {
	return call[DeleteTrtcAppRequest, DeleteTrtcAppResponse](ctx, c, ServiceTRTC, "DeleteTrtcApp", req)
}

func (c *Client) DescribeAppSubscription(ctx context.Context, req *DescribeAppSubscriptionRequest) (*DescribeAppSubscriptionResponse, error) {
	return call[DescribeAppSubscriptionRequest, DescribeAppSubscriptionResponse](ctx, c, ServiceTRTC, "DescribeAppSubscription", req)
}

func (c *Client) CreateTrtcFreeLicense(ctx context.Context, req *CreateTrtcFreeLicenseRequest) (*CreateTrtcFreeLicenseResponse, error) {
	return call[CreateTrtcFreeLicenseRequest, CreateTrtcFreeLicenseResponse](ctx, c, ServiceTRTC, "CreateTrtcFreeLicense", req)
}

func (c *Client) CreateAppSubscription(ctx context.Context, req *CreateAppSubscriptionRequest) (*CreateAppSubscriptionResponse, error) {
	return call[CreateAppSubscriptionRequest, CreateAppSubscriptionResponse](ctx, c, ServiceTRTC, "CreateAppSubscription", req)
}

func (c *Client) ModifyAppSubscriptionAutoRenew(ctx context.Context, req *ModifyAppSubscriptionAutoRenewRequest) (*ModifyAppSubscriptionAutoRenewResponse, error) {
	return call[ModifyAppSubscriptionAutoRenewRequest, ModifyAppSubscriptionAutoRenewResponse](ctx, c, ServiceTRTC, "ModifyAppSubscriptionAutoRenew", req)
}

// Tag

func (c *Client) TagResources(ctx context.Context, req *TagResourcesRequest) (*TagResourcesResponse, error) {
	return call[TagResourcesRequest, TagResourcesResponse](ctx, c, ServiceTag, "TagResources", req)
}

func (c *Client) UnTagResources(ctx context.Context, req *UnTagResourcesRequest) (*UnTagResourcesResponse, error) {
	return call[UnTagResourcesRequest, UnTagResourcesResponse](ctx, c, ServiceTag, "UnTagResources", req)
}

func (c *Client) DescribeResourceTagsByResourceIds(ctx context.Context, req *DescribeResourceTagsByResourceIdsRequest) (*DescribeResourceTagsByResourceIdsResponse, error) {
	return call[DescribeResourceTagsByResourceIdsRequest, DescribeResourceTagsByResourceIdsResponse](ctx, c, ServiceTag, "DescribeResourceTagsByResourceIds", req)
}

func (c *Client) ModifyResourceTags(ctx context.Context, req *ModifyResourceTagsRequest) (*ModifyResourceTagsResponse, error) {
	return call[ModifyResourceTagsRequest, ModifyResourceTagsResponse](ctx, c, ServiceTag, "ModifyResourceTags", req)
}
