package transport

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

func TestCallSignsHeadersAndDecodesSuccess(t *testing.T) {
	f := newFakeAPI(t, ok(map[string]any{"SdkAppId": 1400000001}))
	c, _ := testClient(f)

	var out api.CreateTrtcAppResponse
	err := c.Call(context.Background(), api.ServiceTRTC, api.VersionTRTC, "CreateTrtcApp",
		&api.CreateTrtcAppRequest{AppName: "demo"}, &out)
	if err != nil {
		t.Fatalf("Call: %v", err)
	}
	if out.SdkAppId != 1400000001 {
		t.Errorf("SdkAppId = %d, want 1400000001", out.SdkAppId)
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if !r.SignatureOK || r.Service != "trtc" {
		t.Errorf("signature ok=%v service=%q, want a valid trtc signature (Authorization %q)", r.SignatureOK, r.Service, r.Authorization)
	}
	u, _ := url.Parse(f.server.URL)
	want := map[string]string{
		"Content-Type":  ContentType,
		"X-TC-Action":   "CreateTrtcApp",
		"X-TC-Version":  api.VersionTRTC,
		"X-TC-Region":   "ap-singapore",
		"X-TC-Language": "en-US",
	}
	for name, value := range want {
		if got := r.Header.Get(name); got != value {
			t.Errorf("header %s = %q, want %q", name, got, value)
		}
	}
	if r.Host != u.Host {
		t.Errorf("Host = %q, want %q", r.Host, u.Host)
	}
	if r.Header.Get("X-TC-Timestamp") == "" {
		t.Error("X-TC-Timestamp missing")
	}
	if _, present := r.Header["X-Tc-Token"]; present {
		t.Error("X-TC-Token sent without a token")
	}
}

func TestCallOmitsRegionForTagAndSTSAndSendsToken(t *testing.T) {
	f := newFakeAPI(t, ok(map[string]any{"AccountId": "100000000001"}))
	c, _ := testClient(f, func(o *Options) {
		o.Credentials = StaticCredentials(Credential{SecretID: testSecretID, SecretKey: testSecretKey, Token: "tok-123"})
	})
	var out api.GetCallerIdentityResponse
	if err := c.Call(context.Background(), api.ServiceSTS, api.VersionSTS, "GetCallerIdentity", nil, &out); err != nil {
		t.Fatalf("Call: %v", err)
	}
	if err := c.Call(context.Background(), api.ServiceTag, api.VersionTag, "TagResources", &api.TagResourcesRequest{}, nil); err != nil {
		t.Fatalf("Call: %v", err)
	}
	if out.AccountId != "100000000001" {
		t.Errorf("AccountId = %q", out.AccountId)
	}
	for i, r := range f.requests() {
		if _, present := r.Header["X-Tc-Region"]; present {
			t.Errorf("request %d (%s) carries X-TC-Region", i, r.Service)
		}
		if got := r.Header.Get("X-TC-Token"); got != "tok-123" {
			t.Errorf("request %d X-TC-Token = %q", i, got)
		}
		if !r.SignatureOK {
			t.Errorf("request %d: bad signature", i)
		}
	}
	if got := string(f.requests()[0].Body); got != "{}" {
		t.Errorf("nil request body = %q, want {}", got)
	}
}

func TestCallReturnsAPIError(t *testing.T) {
	f := newFakeAPI(t, apiError(api.CodeAppNotExist))
	c, _ := testClient(f)
	err := c.Call(context.Background(), api.ServiceTRTC, api.VersionTRTC, "DescribeSdkAppInfo", &api.DescribeSdkAppInfoRequest{}, &api.DescribeSdkAppInfoResponse{})
	var apiErr *api.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *api.Error", err)
	}
	want := api.Error{Service: "trtc", Action: "DescribeSdkAppInfo", Code: api.CodeAppNotExist, Message: "scripted " + api.CodeAppNotExist, RequestID: "req-" + api.CodeAppNotExist}
	if *apiErr != want {
		t.Errorf("error = %+v, want %+v", *apiErr, want)
	}
	if !api.IsNotFoundCode(apiErr.Code) {
		t.Error("IsNotFoundCode false")
	}
}

func TestDefaultURLPerService(t *testing.T) {
	c := New(Options{})
	if got := c.URL("trtc"); got != "https://trtc.tencentcloudapi.com/" {
		t.Errorf("URL(trtc) = %q", got)
	}
	if got := New(Options{Endpoint: "http://127.0.0.1:8080"}).URL("tag"); got != "http://127.0.0.1:8080" {
		t.Errorf("URL with endpoint = %q", got)
	}
}

func TestEndpointServicePlaceholder(t *testing.T) {
	intl := New(Options{Endpoint: "https://" + ServicePlaceholder + ".intl.tencentcloudapi.com/"})
	for _, service := range []string{api.ServiceTRTC, api.ServiceTag, api.ServiceSTS} {
		if got, want := intl.URL(service), "https://"+service+".intl.tencentcloudapi.com/"; got != want {
			t.Errorf("URL(%s) = %q, want %q", service, got, want)
		}
	}
	// Through a real call: the placeholder in the path reaches the server.
	f := newFakeAPI(t, ok(map[string]any{"AccountId": "1"}))
	c, _ := testClient(f, func(o *Options) { o.Endpoint = f.server.URL + "/" + ServicePlaceholder + "/" })
	if err := c.Call(context.Background(), api.ServiceSTS, api.VersionSTS, "GetCallerIdentity", nil, nil); err != nil {
		t.Fatalf("Call: %v", err)
	}
	if r := f.requests()[0]; r.Path != "/sts/" || !r.SignatureOK {
		t.Errorf("server saw path %q (signature ok %v), want /sts/ and a valid signature", r.Path, r.SignatureOK)
	}
}
