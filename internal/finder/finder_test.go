package finder

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

type codeCaller struct{ code string }

func (c codeCaller) Call(_ context.Context, _, _, action string, _, _ any) error {
	return &api.Error{Service: "trtc", Action: action, Code: c.code}
}

// Both codes that mean "not found" give one *api.NotFoundError naming the
// object and keeping the code; another account's application and a server
// fault do not.
func TestFindersNotFound(t *testing.T) {
	for _, tc := range []struct {
		code     string
		notFound bool
	}{
		{api.CodeAppNotExist, true},
		{"ResourceNotFound.SdkAppId", true},
		{api.CodeAppOtherAccount, false},
		{"InternalError", false},
	} {
		client := api.New(codeCaller{tc.code})
		_, appErr := AppByID(t.Context(), client, 5)
		_, subErr := SubscriptionByAppID(t.Context(), client, 5)
		for what, err := range map[string]error{"application 5": appErr, "subscription of application 5": subErr} {
			var nf *api.NotFoundError
			if got := errors.As(err, &nf); got != tc.notFound || errors.Is(err, api.ErrNotFound) != tc.notFound || api.IsNotFound(err) != tc.notFound {
				t.Errorf("%s: %s: not found = %v, want %v (%v)", tc.code, what, got, tc.notFound, err)
			}
			if tc.notFound && nf.What != what {
				t.Errorf("%s: What = %q, want %q", tc.code, nf.What, what)
			}
			if !api.HasCode(err, tc.code) {
				t.Errorf("%s: the code is lost: %v", tc.code, err)
			}
		}
	}
}

func TestTagByKey(t *testing.T) {
	_, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1}, transport.Options{RateLimit: -1})
	out, err := client.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", Tags: []api.Tag{{TagKey: "env", TagValue: "prod"}}})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := TagByKey(t.Context(), client, out.SdkAppId, "env"); err != nil || v != "prod" {
		t.Errorf("env = %q, %v; want prod", v, err)
	}
	_, err = TagByKey(t.Context(), client, out.SdkAppId, "team")
	if !api.IsNotFound(err) || !strings.Contains(err.Error(), `tag "team" of application`) {
		t.Errorf("missing key: %v, want a NotFoundError naming the tag", err)
	}
	if tags, err := TagsByAppID(t.Context(), client, out.SdkAppId+1); err != nil || len(tags) != 0 {
		t.Errorf("unknown application: %v, %v; want no tags and no error (the Tag service does not check)", tags, err)
	}
}

// appCaller answers DescribeSdkAppInfo with app.
type appCaller struct {
	app api.DescribeSdkAppInfoResponse
}

func (c appCaller) Call(_ context.Context, _, _, _ string, _, out any) error {
	*out.(*api.DescribeSdkAppInfoResponse) = c.app
	return nil
}

// An application being deleted is gone for LiveAppByID, and still there for
// AppByID (waits and the delete path watch it vanish).
func TestLiveAppByIDBeingDeleted(t *testing.T) {
	for _, tc := range []struct {
		target string
		gone   bool
	}{{api.AppStatusDeleted, true}, {api.AppStatusDisabled, false}, {"", false}} {
		client := api.New(appCaller{api.DescribeSdkAppInfoResponse{SdkAppId: 5, Status: api.AppStatusDisabled, TargetStatus: tc.target}})
		app, err := LiveAppByID(t.Context(), client, 5)
		var nf *api.NotFoundError
		if gone := errors.As(err, &nf); gone != tc.gone || (gone && (app != nil || nf.What != "application 5" || !errors.Is(err, ErrBeingDeleted))) {
			t.Errorf("target %q: LiveAppByID = %v, %v; want gone %v", tc.target, app, err, tc.gone)
		}
		if !tc.gone && (err != nil || app.SdkAppId != 5) {
			t.Errorf("target %q: LiveAppByID = %v, %v; want the application", tc.target, app, err)
		}
		if app, err := AppByID(t.Context(), client, 5); err != nil || app.TargetStatus != tc.target {
			t.Errorf("target %q: AppByID = %v, %v; want the application as read", tc.target, app, err)
		}
	}
	_, err := LiveAppByID(t.Context(), api.New(codeCaller{api.CodeAppNotExist}), 5)
	if !api.IsNotFound(err) || errors.Is(err, ErrBeingDeleted) {
		t.Errorf("unknown application: %v, want not found", err)
	}
}
