package acctest

import (
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

func TestCallMark(t *testing.T) {
	env := NewEnv(t)
	client := env.Client()
	create := func() uint64 {
		out, err := client.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "mark_test", Product: "Call"})
		if err != nil {
			t.Fatal(err)
		}
		return out.SdkAppId
	}
	id := create()
	mark := env.MarkCalls()
	if _, err := client.DescribeSdkAppInfo(t.Context(), &api.DescribeSdkAppInfoRequest{SdkAppId: id}); err != nil {
		t.Fatal(err)
	}
	if err := mark.CheckNoWrites()(nil); err != nil {
		t.Errorf("a read counted as a write: %v", err)
	}
	create()
	if n := mark.Since("CreateTrtcApp"); n != 1 {
		t.Errorf("Since = %d, want 1", n)
	}
	if w := mark.WritesSince(); len(w) != 1 || w["trtc.CreateTrtcApp"] != 1 {
		t.Errorf("WritesSince = %v, want trtc.CreateTrtcApp: 1", w)
	}
	if mark.CheckNoWrites()(nil) == nil {
		t.Error("CheckNoWrites passed after a create")
	}
	if err := env.CheckCalls("CreateTrtcApp", 2)(nil); err != nil {
		t.Error(err)
	}
	if env.CheckCalls("CreateTrtcApp", 1)(nil) == nil {
		t.Error("CheckCalls counted from the mark, not from the start")
	}
}
