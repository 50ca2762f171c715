package api

import (
	"context"
	"strconv"
	"strings"
)

// Write is what one write action changed, so that a cache of reads (the
// account-wide application listing) forgets it: the client reports every
// write to its OnWrite hook, whoever made it, and no caller has to.
type Write struct {
	Action string
	// Apps are the applications written.
	Apps []uint64
	// All: the set of applications changed (a creation), or the written
	// applications are not known (a tag name of another shape).
	All bool
}

// writer is implemented by the request of every action that changes what a
// read answers; a test holds every Actions entry marked Write to it.
type writer interface {
	written() (apps []uint64, all bool)
}

// OnWrite registers f to be told of every write action c sends, after it
// returned (done or failed: a failed write may still have taken effect); it
// replaces any earlier f. f must be safe for concurrent use. (A function,
// not a method: every Client method is an action.)
func OnWrite(c *Client, f func(context.Context, Write)) { c.onWrite.Store(&f) }

func (c *Client) reportWrite(ctx context.Context, action string, req any) {
	w, ok := req.(writer)
	f := c.onWrite.Load()
	if !ok || f == nil {
		return
	}
	apps, all := w.written()
	(*f)(ctx, Write{Action: action, Apps: apps, All: all})
}

func (r *CreateTrtcAppRequest) written() ([]uint64, bool)   { return nil, true }
func (r *ModifyAppInfoRequest) written() ([]uint64, bool)   { return []uint64{r.SdkAppId}, false }
func (r *ModifyAppStatusRequest) written() ([]uint64, bool) { return []uint64{r.SdkAppId}, false }
func (r *DeleteTrtcAppRequest) written() ([]uint64, bool)   { return []uint64{r.SdkAppId}, false }

// The listing shows an application's package (License).
func (r *CreateTrtcFreeLicenseRequest) written() ([]uint64, bool) { return []uint64{r.SdkAppId}, false }
func (r *CreateAppSubscriptionRequest) written() ([]uint64, bool) { return []uint64{r.SdkAppId}, false }
func (r *ModifyAppSubscriptionAutoRenewRequest) written() ([]uint64, bool) {
	return []uint64{r.SdkAppId}, false
}

// The listing shows an application's tags.
func (r *TagResourcesRequest) written() ([]uint64, bool)       { return appsNamed(r.ResourceList...) }
func (r *UnTagResourcesRequest) written() ([]uint64, bool)     { return appsNamed(r.ResourceList...) }
func (r *ModifyResourceTagsRequest) written() ([]uint64, bool) { return appsNamed(r.Resource) }

// appsNamed reads the SDKAppIDs out of Tag API resource names
// (qcs::trtc::uin/<account>:sdkappid/<id>); all when one is of another shape.
func appsNamed(names ...string) ([]uint64, bool) {
	ids := make([]uint64, 0, len(names))
	for _, name := range names {
		_, idText, ok := strings.Cut(name, ":sdkappid/")
		id, err := strconv.ParseUint(idText, 10, 64)
		if !ok || err != nil {
			return nil, true
		}
		ids = append(ids, id)
	}
	return ids, false
}
