package api

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
)

// failingCaller answers every call with an error: a failed write must be
// reported too.
type failingCaller struct{ actions []string }

func (f *failingCaller) Call(_ context.Context, _, _, action string, _, _ any) error {
	f.actions = append(f.actions, action)
	return errors.New("refused")
}

// Every client method whose action Actions marks Write reports a write
// naming what it changed, and no other does, so a new write action cannot
// leave the listing stale.
func TestEveryWriteActionIsReported(t *testing.T) {
	caller := &failingCaller{}
	client := New(caller)
	var got []Write
	OnWrite(client, func(_ context.Context, w Write) { got = append(got, w) })
	const id = 1400000042
	write := map[string]bool{}
	for _, a := range Actions {
		write[a.Name] = a.Write
	}
	v := reflect.ValueOf(client)
	writes := 0
	for i := range v.NumMethod() {
		m, name := v.Method(i), v.Type().Method(i).Name
		if m.Type().NumIn() != 2 || m.Type().In(1).Kind() != reflect.Pointer {
			continue // not an action
		}
		req := reflect.New(m.Type().In(1).Elem())
		if f := req.Elem().FieldByName("SdkAppId"); f.IsValid() {
			f.SetUint(id)
		}
		for _, field := range []string{"Resource", "ResourceList"} {
			name := "qcs::trtc::uin/100000000001:sdkappid/1400000042"
			if f := req.Elem().FieldByName(field); f.IsValid() && f.Kind() == reflect.String {
				f.SetString(name)
			} else if f.IsValid() {
				f.Set(reflect.ValueOf([]string{name}))
			}
		}
		got = nil
		m.Call([]reflect.Value{reflect.ValueOf(t.Context()), req})
		action := caller.actions[len(caller.actions)-1]
		read := !write[action]
		switch {
		case read && len(got) > 0:
			t.Errorf("%s (%s) reported a write: %+v", name, action, got)
		case !read && len(got) != 1:
			t.Errorf("%s (%s) reported %d writes, want 1", name, action, len(got))
		case !read && !got[0].All && !slices.Equal(got[0].Apps, []uint64{id}):
			t.Errorf("%s reported %+v, want application %d", name, got[0], id)
		case !read:
			writes++
			if got[0].Action != action {
				t.Errorf("%s reported action %q, want %q", name, got[0].Action, action)
			}
		}
	}
	if writes < 10 {
		t.Errorf("%d write actions reported; the client has at least 10", writes)
	}
}

func TestAppsNamed(t *testing.T) {
	ids, all := appsNamed("qcs::trtc::uin/1:sdkappid/14", "qcs::trtc::uin/1:sdkappid/15")
	if all || !slices.Equal(ids, []uint64{14, 15}) {
		t.Errorf("appsNamed = %v, %v", ids, all)
	}
	if _, all := appsNamed("qcs::cvm::uin/1:instance/ins-1"); !all {
		t.Error("a name of another shape must forget everything")
	}
}
