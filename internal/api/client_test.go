package api

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestParseTimeIsUTCPlus8(t *testing.T) {
	got, err := ParseTime("2026-11-26 09:30:00")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("ParseTime = %s, want %s", got.UTC(), want)
	}
	if _, err := ParseTime("2026-11-26T09:30:00Z"); err == nil {
		t.Error("ParseTime accepted RFC 3339; wire times are TimeLayout")
	}
}

type codeCaller struct{ code string }

func (c codeCaller) Call(_ context.Context, _, _, action string, _, _ any) error {
	return &Error{Service: ServiceTRTC, Action: action, Code: c.code}
}

// The client decides "not found" in one place: TRTC's code and any
// ResourceNotFound code become a *NotFoundError that keeps the code; another
// account's application does not.
func TestClientClassifiesNotFound(t *testing.T) {
	for code, want := range map[string]bool{
		CodeAppNotExist:                 true,
		"ResourceNotFound.SdkAppId":     true,
		"ResourceNotFound.RoleNotFound": true,
		"ResourceNotFound":              true,
		CodeAppOtherAccount:             false,
		"FailedOperation.AppDeleting":   false,
		"InternalError":                 false,
	} {
		_, err := New(codeCaller{code}).DescribeSdkAppInfo(t.Context(), &DescribeSdkAppInfoRequest{SdkAppId: 1})
		if IsNotFoundCode(code) != want || IsNotFound(err) != want || errors.Is(err, ErrNotFound) != want {
			t.Errorf("%s: IsNotFoundCode %v, IsNotFound %v, errors.Is %v; want %v", code, IsNotFoundCode(code), IsNotFound(err), errors.Is(err, ErrNotFound), want)
		}
		if !HasCode(err, code) {
			t.Errorf("%s: code lost in %v", code, err)
		}
	}
	if IsNotFound(nil) || errors.Is(errors.New("x"), ErrNotFound) {
		t.Error("nil or a plain error is not found")
	}
}
