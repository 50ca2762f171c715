package emulator

import (
	"encoding/hex"
	"sort"
	"strconv"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// Application actions (internal/api/README.md, TRTC applications). Handlers run
// with e.mu held and the state settled to emulator now.

func init() {
	register(
		def(api.ServiceTRTC, "CreateTrtcApp", false, []string{"AppName", "Product"}, (*Emulator).createTrtcApp),
		def(api.ServiceTRTC, "DescribeAppStatList", true, nil, (*Emulator).describeAppStatList),
		def(api.ServiceTRTC, "DescribeSdkAppInfo", true, []string{"SdkAppId"}, (*Emulator).describeSdkAppInfo),
		def(api.ServiceTRTC, "ModifyAppInfo", false, []string{"SdkAppId"}, (*Emulator).modifyAppInfo),
		def(api.ServiceTRTC, "ModifyAppStatus", false, []string{"SdkAppId", "Status"}, (*Emulator).modifyAppStatus),
		def(api.ServiceTRTC, "DeleteTrtcApp", false, []string{"SdkAppId"}, (*Emulator).deleteTrtcApp),
	)
}

const maxClientToken = 64

// missing is the answer for an SdkAppId that this account does not hold:
// another account's (UnauthorizedOperation.SdkAppId), else not found with
// the configured code.
func (e *Emulator) missing(id uint64) *apiError {
	for _, other := range e.cfg.OtherAccountApps {
		if other == id {
			return errf(api.CodeAppOtherAccount, "the application %d belongs to another account; this account has no permission on it", id)
		}
	}
	return errf(e.cfg.NotFoundCode, "the application %d does not exist", id)
}

// writable returns an application that a write may change.
func (e *Emulator) writable(id uint64) (*app, *apiError) {
	a, ok := e.st.apps[id]
	if !ok {
		return nil, e.missing(id)
	}
	if a.target == api.AppStatusDeleted {
		return nil, errf("FailedOperation.AppDeleting", "the application %d is being deleted; no change is possible", id)
	}
	return a, nil
}

func checkClientToken(token *string) *apiError {
	if token != nil && len(*token) > maxClientToken {
		return errf("InvalidParameter", "ClientToken must be at most %d characters", maxClientToken)
	}
	return nil
}

func (e *Emulator) createTrtcApp(c *call, req *api.CreateTrtcAppRequest) (any, *apiError) {
	if aerr := checkClientToken(req.ClientToken); aerr != nil {
		return nil, aerr
	}
	if req.ClientToken != nil && *req.ClientToken != "" {
		if t, ok := e.st.createTokens[*req.ClientToken]; ok {
			return &api.CreateTrtcAppResponse{SdkAppId: t.appID}, nil
		}
	}
	if aerr := checkAppName(req.AppName); aerr != nil {
		return nil, aerr
	}
	desc := ""
	if req.Description != nil {
		desc = *req.Description
	}
	if aerr := checkDescription(desc); aerr != nil {
		return nil, aerr
	}
	if !contains(catalog.Products, req.Product) {
		return nil, errf("InvalidParameterValue.Product", "Product %q must be one of RTCEngine, Call, Live, Conference", req.Product)
	}
	region := catalog.DefaultDataRegion
	if req.DataRegion != nil {
		region = *req.DataRegion
	}
	if allowed := catalog.RegionsFor(req.Product); !contains(allowed, region) {
		return nil, errf("InvalidParameterValue.DataRegion", "DataRegion %q is not offered for %s (one of %v)", region, req.Product, allowed)
	}
	tags, aerr := checkTags(req.Tags)
	if aerr != nil {
		return nil, aerr
	}
	if e.st.live() >= e.account.AppQuota {
		return nil, errf("LimitExceeded.AppQuota", "the account already holds %d applications, its quota", e.account.AppQuota)
	}
	e.beforeWrite(e.st.nextID, nil)
	a := e.addApp(req.AppName, desc, req.Product, region, tags)
	if req.ClientToken != nil && *req.ClientToken != "" {
		a.clientToken = *req.ClientToken
		e.st.createTokens[a.clientToken] = tokenEntry{at: a.created, appID: a.id, expires: a.created.Add(catalog.ClientTokenTTL)}
	}
	return &api.CreateTrtcAppResponse{SdkAppId: a.id}, nil
}

// addApp makes a new enabled Basic application with the next SdkAppId and a
// fresh SDKSecretKey, as CreateTrtcApp does (and a fleet file); callers
// hold e.mu and have checked the arguments.
func (e *Emulator) addApp(name, desc, product, region string, tags map[string]string) *app {
	secret := make([]byte, 32)
	e.rng.Read(secret)
	a := &app{
		id: e.st.nextID, name: name, description: desc, product: product, region: region,
		created: e.now(), secretKey: hex.EncodeToString(secret),
		status: api.AppStatusEnabled, target: api.AppStatusEnabled, tags: tags,
		sub: subscription{edition: catalog.EditionBasic, status: api.SubscriptionNone},
	}
	e.st.nextID++
	e.st.apps[a.id] = a
	e.st.order = append(e.st.order, a.id)
	return a
}

func (e *Emulator) describeSdkAppInfo(c *call, req *api.DescribeSdkAppInfoRequest) (any, *apiError) {
	a := e.view(c.spec, req.SdkAppId)
	if a == nil {
		return nil, e.missing(req.SdkAppId)
	}
	return &api.DescribeSdkAppInfoResponse{
		SdkAppId: a.id, AppName: a.name, Description: a.description, Product: a.product, DataRegion: a.region,
		CreateTime: wireTime(a.created), SecretKey: a.secretKey, Status: a.status, TargetStatus: a.target,
		StatusChangeTime: wireTime(a.changeRequested), DisabledReason: a.disabledReason,
	}, nil
}

func (e *Emulator) modifyAppInfo(c *call, req *api.ModifyAppInfoRequest) (any, *apiError) {
	if req.AppName == nil && req.Description == nil {
		return nil, errf("MissingParameter", "ModifyAppInfo needs AppName or Description")
	}
	if req.AppName != nil {
		if aerr := checkAppName(*req.AppName); aerr != nil {
			return nil, aerr
		}
	}
	if req.Description != nil {
		if aerr := checkDescription(*req.Description); aerr != nil {
			return nil, aerr
		}
	}
	a, aerr := e.writable(req.SdkAppId)
	if aerr != nil {
		return nil, aerr
	}
	e.beforeWrite(a.id, a)
	if req.AppName != nil {
		a.name = *req.AppName
	}
	if req.Description != nil {
		a.description = *req.Description
	}
	return &api.ModifyAppInfoResponse{}, nil
}

func (e *Emulator) modifyAppStatus(c *call, req *api.ModifyAppStatusRequest) (any, *apiError) {
	var target string
	switch req.Status {
	case api.StatusOpen:
		target = api.AppStatusEnabled
	case api.StatusClose:
		target = api.AppStatusDisabled
	default:
		return nil, errf("InvalidParameterValue.Status", "Status %q must be open or close", req.Status)
	}
	a, aerr := e.writable(req.SdkAppId)
	if aerr != nil {
		return nil, aerr
	}
	if a.target == target {
		return &api.ModifyAppStatusResponse{}, nil // already targeted: no-op
	}
	e.beforeWrite(a.id, a)
	a.target = target
	if a.target == a.status { // back to the state in effect: nothing propagates
		a.changeRequested, a.due = e.now(), e.now()
		settleApp(a, e.now())
		return &api.ModifyAppStatusResponse{}, nil
	}
	a.changeRequested = e.now()
	a.due = a.changeRequested.Add(e.propagation())
	return &api.ModifyAppStatusResponse{}, nil
}

func (e *Emulator) deleteTrtcApp(c *call, req *api.DeleteTrtcAppRequest) (any, *apiError) {
	a, aerr := e.writable(req.SdkAppId)
	if aerr != nil {
		return nil, aerr
	}
	if a.status != api.AppStatusDisabled || a.pending() {
		return nil, errf("FailedOperation.AppEnabled", "the application %d is %s (target %s): disable it first and wait until Status is Disabled, then delete",
			a.id, a.status, a.target)
	}
	e.beforeWrite(a.id, a)
	a.target = api.AppStatusDeleted
	a.changeRequested = e.now()
	a.due = a.changeRequested.Add(e.propagation())
	return &api.DeleteTrtcAppResponse{}, nil
}

func (e *Emulator) describeAppStatList(c *call, req *api.DescribeAppStatListRequest) (any, *apiError) {
	limit := uint64(20)
	if req.Limit != nil && *req.Limit != 0 {
		limit = *req.Limit
	}
	if limit > 100 {
		return nil, errf("InvalidParameterValue.Limit", "Limit %d must be at most 100", limit)
	}
	if req.OrderField != nil && *req.OrderField != "" && *req.OrderField != "create_time" {
		return nil, errf("InvalidParameter", "OrderField %q must be create_time", *req.OrderField)
	}
	newestFirst := true
	if req.OrderType != nil {
		switch *req.OrderType {
		case 0:
		case 1:
			newestFirst = false
		default:
			return nil, errf("InvalidParameter", "OrderType %d must be 0 (newest first) or 1 (oldest first)", *req.OrderType)
		}
	}
	if len(req.SdkAppIds) > 100 {
		return nil, errf("InvalidParameter", "SdkAppIds must list at most 100 applications, not %d", len(req.SdkAppIds))
	}
	if req.Status != nil && *req.Status != 0 && *req.Status != 1 {
		return nil, errf("InvalidParameterValue.Status", "Status %d must be 1 (available) or 0 (stopped)", *req.Status)
	}
	var matched []*app
	for _, id := range e.st.order {
		a := e.view(c.spec, id)
		if a == nil || a.target == api.AppStatusDeleted || !listFilter(req, a) {
			continue
		}
		matched = append(matched, a)
	}
	sort.SliceStable(matched, func(i, j int) bool {
		if !matched[i].created.Equal(matched[j].created) {
			return matched[i].created.Before(matched[j].created) != newestFirst
		}
		return (matched[i].id < matched[j].id) != newestFirst
	})
	out := &api.DescribeAppStatListResponse{TotalNum: int64(len(matched)), SdkAppInfos: []api.SdkAppInfo{}}
	offset := uint64(0)
	if req.Offset != nil {
		offset = *req.Offset
	}
	for i := offset; i < uint64(len(matched)) && i < offset+limit; i++ {
		out.SdkAppInfos = append(out.SdkAppInfos, appInfo(matched[i], req.NeedTags != nil && *req.NeedTags == 1))
	}
	return out, nil
}

// listFilter applies DescribeAppStatList's filters to one application.
func listFilter(req *api.DescribeAppStatListRequest, a *app) bool {
	if len(req.SdkAppIds) > 0 {
		found := false
		for _, id := range req.SdkAppIds {
			found = found || id == a.id
		}
		if !found {
			return false
		}
	}
	if len(req.AppNames) > 0 && !contains(req.AppNames, a.name) {
		return false
	}
	if req.Status != nil && *req.Status != statusFlag(a) {
		return false
	}
	for _, f := range req.TagList {
		v, ok := a.tags[f.TagKey]
		if !ok || (f.TagValue != nil && *f.TagValue != "" && v != *f.TagValue) {
			return false
		}
	}
	return true
}

func statusFlag(a *app) uint64 {
	if a.status == api.AppStatusEnabled {
		return 1
	}
	return 0
}

func appInfo(a *app, withTags bool) api.SdkAppInfo {
	info := api.SdkAppInfo{
		ID: a.id, Name: api.Ptr(a.name), Description: api.Ptr(a.description), CreateTime: wireTime(a.created),
		Status: statusFlag(a), TagList: []api.Tag{}, SubProductCode: a.product,
		// The meaning of UsageMode's values is unpublished; the emulator
		// answers one value so its JSON kinds (an array of integers) show.
		UsageMode: []uint64{0},
	}
	if withTags {
		info.TagList = sortedTags(a.tags)
	}
	if a.sub.edition != catalog.EditionBasic {
		edition := a.sub.edition
		info.License = &edition
	}
	return info
}

func sortedTags(tags map[string]string) []api.Tag {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]api.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, api.Tag{TagKey: k, TagValue: tags[k]})
	}
	return out
}

func parseAppID(s string) (uint64, bool) {
	id, err := strconv.ParseUint(s, 10, 64)
	return id, err == nil
}
