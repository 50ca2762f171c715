package transport

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// countingResponse counts how often the transport decodes into it.
type countingResponse struct {
	decodes  int
	SdkAppID uint64
}

func (c *countingResponse) UnmarshalJSON(b []byte) error {
	c.decodes++
	var v struct{ SdkAppId uint64 }
	err := json.Unmarshal(b, &v)
	c.SdkAppID = v.SdkAppId
	return err
}

func TestCallerShapeIsDecodedOnceAfterRetries(t *testing.T) {
	f := newFakeAPI(t, apiError(api.CodeRequestLimit), ok(map[string]any{"SdkAppId": 1400000009}))
	c, _ := testClient(f)
	var out countingResponse
	if err := c.Call(context.Background(), api.ServiceTRTC, api.VersionTRTC, "CreateTrtcApp", &api.CreateTrtcAppRequest{}, &out); err != nil {
		t.Fatalf("Call: %v", err)
	}
	if out.decodes != 1 || out.SdkAppID != 1400000009 {
		t.Errorf("decoded %d time(s) to SdkAppId %d, want once to 1400000009", out.decodes, out.SdkAppID)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestCallerShapeIsNotTouchedOnAPIError(t *testing.T) {
	f := newFakeAPI(t, apiError(api.CodeAppNotExist))
	c, _ := testClient(f)
	var out countingResponse
	err := c.Call(context.Background(), api.ServiceTRTC, api.VersionTRTC, "DescribeSdkAppInfo", &api.DescribeSdkAppInfoRequest{}, &out)
	if !api.HasCode(err, api.CodeAppNotExist) {
		t.Fatalf("err = %v, want %s", err, api.CodeAppNotExist)
	}
	if out.decodes != 0 {
		t.Errorf("error answer decoded into the caller's shape %d time(s)", out.decodes)
	}
}

func TestAnswersThatAreNotEnvelopes(t *testing.T) {
	for name, body := range map[string]string{
		"not JSON":          "<html>gateway</html>",
		"no Response":       `{"Other":{"RequestId":"r"}}`,
		"null Response":     `{"Response":null}`,
		"Response a string": `{"Response":"x"}`,
		"Error a string":    `{"Response":{"Error":"x","RequestId":"r"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter) { _, _ = w.Write([]byte(body)) })
			c, _ := testClient(f)
			err := callCreate(c, context.Background())
			if err == nil || !strings.Contains(err.Error(), "not a Tencent Cloud API envelope") || api.Code(err) != "" {
				t.Fatalf("err = %v, want a plain 'not a Tencent Cloud API envelope' error", err)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("server saw %d requests, want 1 (not retried)", n)
			}
		})
	}
}

func TestSuccessShapeMismatchNamesRequestID(t *testing.T) {
	f := newFakeAPI(t, ok(map[string]any{"SdkAppId": "not a number"}))
	c, _ := testClient(f)
	err := callCreate(c, context.Background())
	if err == nil || !strings.Contains(err.Error(), "decoding the response (RequestId req-ok)") {
		t.Fatalf("err = %v, want a decoding error naming RequestId req-ok", err)
	}
}
