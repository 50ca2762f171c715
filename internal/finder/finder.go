// Package finder reads one object of the TRTC control plane by its ID, in
// the manner of the AWS provider's find functions: an object that does not
// exist is an *api.NotFoundError naming it, whatever code the service used
// to say so (api.IsNotFoundCode), and anything else is returned as is.
// Resources, data sources and waiters read single objects only through here.
package finder

import (
	"context"
	"errors"
	"fmt"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tagging"
)

// AppByID reads an application (DescribeSdkAppInfo). An application whose
// deletion is still propagating is returned, with TargetStatus Deleted:
// waits and the delete path need to see it.
func AppByID(ctx context.Context, client *api.Client, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error) {
	out, err := client.DescribeSdkAppInfo(ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: sdkAppID})
	return out, named(err, "application %d", sdkAppID)
}

// ErrBeingDeleted is the cause of LiveAppByID's not-found answer for an
// application whose deletion is propagating (errors.Is tells it apart).
var ErrBeingDeleted = errors.New("its deletion is propagating")

// LiveAppByID is AppByID for what reads the state of a managed or listed
// application (refresh, trtc_applications, the list resource): one being
// deleted counts as gone, an *api.NotFoundError caused by ErrBeingDeleted,
// as the AWS provider's finders treat an object in a deleted state.
func LiveAppByID(ctx context.Context, client *api.Client, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error) {
	out, err := AppByID(ctx, client, sdkAppID)
	if err == nil && out.TargetStatus == api.AppStatusDeleted {
		return nil, &api.NotFoundError{What: fmt.Sprintf("application %d", sdkAppID), Cause: ErrBeingDeleted}
	}
	return out, err
}

// SubscriptionByAppID reads the edition and package of an application
// (DescribeAppSubscription).
func SubscriptionByAppID(ctx context.Context, client *api.Client, sdkAppID uint64) (*api.DescribeAppSubscriptionResponse, error) {
	out, err := client.DescribeAppSubscription(ctx, &api.DescribeAppSubscriptionRequest{SdkAppId: sdkAppID})
	return out, named(err, "subscription of application %d", sdkAppID)
}

// TagsByAppID reads every tag of an application (empty, never nil, when
// none). The Tag service answers an unknown application with no tags, not
// with an error.
func TagsByAppID(ctx context.Context, client *api.Client, sdkAppID uint64) (map[string]string, error) {
	tags, err := tagging.ReadApp(ctx, client, sdkAppID)
	return tags, named(err, "tags of application %d", sdkAppID)
}

// TagByKey reads the value of one tag key of an application; a key the
// application does not have is an *api.NotFoundError.
func TagByKey(ctx context.Context, client *api.Client, sdkAppID uint64, key string) (string, error) {
	tags, err := TagsByAppID(ctx, client, sdkAppID)
	if err != nil {
		return "", err
	}
	value, ok := tags[key]
	if !ok {
		return "", &api.NotFoundError{What: fmt.Sprintf("tag %q of application %d", key, sdkAppID)}
	}
	return value, nil
}

// named gives a not-found answer the name of the object that was looked for.
func named(err error, format string, args ...any) error {
	var nf *api.NotFoundError
	if errors.As(err, &nf) && nf.What == "" {
		return &api.NotFoundError{What: fmt.Sprintf(format, args...), Cause: nf.Cause}
	}
	return err
}
