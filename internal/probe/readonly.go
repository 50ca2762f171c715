package probe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// ReadActions are the only actions the probe can send, as "service.Action".
// Anything else is refused before it reaches the transport.
var ReadActions = map[string]bool{
	api.ServiceSTS + ".GetCallerIdentity":                 true,
	api.ServiceTRTC + ".DescribeAppStatList":              true,
	api.ServiceTRTC + ".DescribeSdkAppInfo":               true,
	api.ServiceTag + ".DescribeResourceTagsByResourceIds": true,
	api.ServiceTRTC + ".DescribeAppSubscription":          true,
}

// ErrNotReadOnly is the error of an action outside ReadActions.
var ErrNotReadOnly = errors.New("refused: the probe sends read actions only")

// Exchange is one action the probe sent: the model it decodes into and
// the raw Response it got, or the error.
type Exchange struct {
	Service, Action string
	Model           reflect.Type    // the api response struct
	Answer          json.RawMessage // the Response object as received
	Err             error           // the call's error (transport, API or decoding)
}

// recorder is the api.Caller under the probe's client: it refuses every
// action outside ReadActions, and keeps each answer raw before decoding it
// into the client's response, so the model compared is the one the client
// really uses.
type recorder struct {
	next      api.Caller
	exchanges []*Exchange
}

func (r *recorder) Call(ctx context.Context, service, version, action string, request, response any) error {
	if !ReadActions[service+"."+action] {
		return fmt.Errorf("%s.%s: %w", service, action, ErrNotReadOnly)
	}
	ex := &Exchange{Service: service, Action: action, Model: reflect.TypeOf(response)}
	r.exchanges = append(r.exchanges, ex)
	ex.Err = r.next.Call(ctx, service, version, action, request, &ex.Answer)
	if ex.Err == nil {
		// The client's own decoding: unread fields cannot fail it, a read
		// field of another type is an *api.DecodeError naming the field.
		var head struct{ RequestId string }
		_ = json.Unmarshal(ex.Answer, &head)
		_, ex.Err = api.DecodeResponse(service, action, head.RequestId, ex.Answer, response)
	}
	return ex.Err
}

// readOnlyClient is the only client the probe holds.
func readOnlyClient(next api.Caller) (*api.Client, *recorder) {
	r := &recorder{next: next}
	return api.New(r), r
}
