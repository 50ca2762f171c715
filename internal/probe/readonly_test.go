package probe

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// isRead tells a read action by its name, independently of ReadActions:
// Tencent Cloud names reads Describe* and Get*.
func isRead(action string) bool {
	_, name, _ := strings.Cut(action, ".")
	return strings.HasPrefix(name, "Describe") || strings.HasPrefix(name, "Get")
}

// countingCaller records what reaches the transport.
type countingCaller struct{ calls []string }

func (c *countingCaller) Call(_ context.Context, service, _, action string, _, _ any) error {
	c.calls = append(c.calls, service+"."+action)
	return errors.New("not served")
}

// Every method of the API client, whatever it is called, goes through the
// probe's recorder: only the read actions reach the transport, every other
// one is refused before it (so a write added to the client later is
// refused too).
func TestNoWriteActionReachesTheTransport(t *testing.T) {
	next := &countingCaller{}
	client, _ := readOnlyClient(next)
	v := reflect.ValueOf(client)
	refused, allowed := 0, map[string]bool{}
	for i := range v.NumMethod() {
		m, name := v.Method(i), v.Type().Method(i).Name
		if m.Type().NumIn() != 2 || m.Type().In(1).Kind() != reflect.Pointer {
			continue // not an action
		}
		before := len(next.calls)
		out := m.Call([]reflect.Value{reflect.ValueOf(t.Context()), reflect.New(m.Type().In(1).Elem())})
		err, _ := out[len(out)-1].Interface().(error)
		reached := len(next.calls) > before
		if reached {
			action := next.calls[len(next.calls)-1]
			if !isRead(action) {
				t.Errorf("%s reached the transport as %s, which is not a read action", name, action)
			}
			allowed[action] = true
			continue
		}
		if !errors.Is(err, ErrNotReadOnly) {
			t.Errorf("%s neither reached the transport nor was refused as a write: %v", name, err)
		}
		refused++
	}
	if refused < 10 {
		t.Errorf("only %d client methods refused; the client has at least 10 write actions", refused)
	}
	for action := range ReadActions {
		if !allowed[action] {
			t.Errorf("read action %s is allowed but no client method sends it", action)
		}
	}
}

func TestRecorderRefusesWithoutCallingNext(t *testing.T) {
	next := &countingCaller{}
	_, rec := readOnlyClient(next)
	err := rec.Call(t.Context(), api.ServiceTRTC, api.VersionTRTC, "DeleteTrtcApp", &api.DeleteTrtcAppRequest{SdkAppId: 1}, &api.DeleteTrtcAppResponse{})
	if !errors.Is(err, ErrNotReadOnly) || len(next.calls) != 0 || len(rec.exchanges) != 0 {
		t.Errorf("DeleteTrtcApp: err %v, transport calls %v, exchanges %d", err, next.calls, len(rec.exchanges))
	}
}
