package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// newWallHarness runs the emulator on a fake clock pinned to the wall clock
// at test start, since the official SDK signs with time.Now.
func newWallHarness(t *testing.T) *harness {
	return newHarness(t, func(c *Config) { c.Clock = clock.NewFake(time.Now()) })
}

// sdkSend sends one action with the official Go SDK (common v1.3.211).
func sdkSend(t *testing.T, h *harness, cred common.CredentialIface, service, version, action string, params map[string]any) (map[string]any, error) {
	t.Helper()
	u, _ := url.Parse(h.srv.URL)
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = u.Host
	prof.HttpProfile.Scheme = "http"
	prof.DisableRegionBreaker = true
	client := common.NewCommonClient(cred, "ap-singapore", prof)
	req := tchttp.NewCommonRequest(service, version, action)
	if err := req.SetActionParameters(params); err != nil {
		t.Fatal(err)
	}
	resp := tchttp.NewCommonResponse()
	if err := client.Send(req, resp); err != nil {
		return nil, err
	}
	var env struct{ Response map[string]any }
	if err := json.Unmarshal(resp.GetBody(), &env); err != nil {
		t.Fatalf("SDK answer: %v", err)
	}
	return env.Response, nil
}

func sdkCode(err error) string {
	var sdkErr *tcerr.TencentCloudSDKError
	if errors.As(err, &sdkErr) {
		return sdkErr.Code
	}
	return ""
}

func TestOfficialSDKInterop(t *testing.T) {
	h := newWallHarness(t)
	cred := common.NewCredential(DefaultSecretID, DefaultSecretKey)

	created, err := sdkSend(t, h, cred, "trtc", "2019-07-22", "CreateTrtcApp", map[string]any{"AppName": "from_sdk", "Product": "RTCEngine", "Tags": []map[string]string{{"TagKey": "via", "TagValue": "sdk"}}})
	if err != nil {
		t.Fatal(err)
	}
	if created["SdkAppId"] != float64(firstSdkAppID) {
		t.Fatalf("CreateTrtcApp via SDK: %v", created)
	}
	list, err := sdkSend(t, h, cred, "trtc", "2019-07-22", "DescribeAppStatList", map[string]any{"NeedTags": 1})
	if err != nil {
		t.Fatal(err)
	}
	infos := list["SdkAppInfos"].([]any)
	if list["TotalNum"] != 1.0 || infos[0].(map[string]any)["Name"] != "from_sdk" {
		t.Fatalf("DescribeAppStatList via SDK: %v", list)
	}
	who, err := sdkSend(t, h, cred, "sts", "2018-08-13", "GetCallerIdentity", map[string]any{})
	if err != nil || who["AccountId"] != DefaultUIN {
		t.Fatalf("GetCallerIdentity via SDK: %v %v", who, err)
	}
	tags, err := sdkSend(t, h, cred, "tag", "2018-08-13", "DescribeResourceTagsByResourceIds",
		map[string]any{"ServiceType": "trtc", "ResourcePrefix": "sdkappid", "ResourceIds": []string{"1400000001"}, "ResourceRegion": ""})
	if err != nil || tags["TotalCount"] != 1.0 {
		t.Fatalf("Tag via SDK: %v %v", tags, err)
	}

	// Temporary credentials from AssumeRole work with the SDK's token header.
	role, err := sdkSend(t, h, cred, "sts", "2018-08-13", "AssumeRole", map[string]any{"RoleArn": "qcs::cam::uin/" + DefaultUIN + ":roleName/ci", "RoleSessionName": "sdk-test"})
	if err != nil {
		t.Fatal(err)
	}
	c := role["Credentials"].(map[string]any)
	tmp := common.NewTokenCredential(c["TmpSecretId"].(string), c["TmpSecretKey"].(string), c["Token"].(string))
	if who, err := sdkSend(t, h, tmp, "sts", "2018-08-13", "GetCallerIdentity", map[string]any{}); err != nil || who["Type"] != "CAMRole" {
		t.Fatalf("GetCallerIdentity with temporary credentials: %v %v", who, err)
	}
	wrongToken := common.NewTokenCredential(c["TmpSecretId"].(string), c["TmpSecretKey"].(string), "not-the-token")
	_, err = sdkSend(t, h, wrongToken, "trtc", "2019-07-22", "DescribeAppStatList", map[string]any{})
	if sdkCode(err) != "AuthFailure.TokenFailure" {
		t.Fatalf("wrong token via SDK: %v", err)
	}
	_, err = sdkSend(t, h, common.NewCredential(DefaultSecretID, "wrong-key"), "trtc", "2019-07-22", "DescribeAppStatList", map[string]any{})
	if sdkCode(err) != "AuthFailure.SignatureFailure" {
		t.Fatalf("wrong key via SDK: %v", err)
	}
	_, err = sdkSend(t, h, common.NewCredential("AKIDnobody", DefaultSecretKey), "trtc", "2019-07-22", "DescribeAppStatList", map[string]any{})
	if sdkCode(err) != "AuthFailure.SecretIdNotFound" {
		t.Fatalf("unknown SecretId via SDK: %v", err)
	}
}

func TestSignatureChecksRaw(t *testing.T) {
	h := newHarness(t)
	tamperBody := func(r *http.Request) {
		body := []byte(`{"Limit":2}`) // signed body was {"Limit":1}
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	}
	now := h.clk.Now()
	cases := []struct {
		name string
		req  rawRequest
		want string
	}{
		{"valid", rawRequest{body: []byte(`{"Limit":1}`)}, ""},
		{"tampered body", rawRequest{body: []byte(`{"Limit":1}`), tamper: tamperBody}, "AuthFailure.SignatureFailure"},
		{"tampered signed host", rawRequest{tamper: func(r *http.Request) { r.Host = "trtc.tencentcloudapi.com" }}, "AuthFailure.SignatureFailure"},
		{"299 s old", rawRequest{timestamp: now.Add(-299 * time.Second).Unix()}, ""},
		{"301 s old", rawRequest{timestamp: now.Add(-301 * time.Second).Unix()}, "AuthFailure.SignatureExpire"},
		{"301 s ahead", rawRequest{timestamp: now.Add(301 * time.Second).Unix()}, "AuthFailure.SignatureExpire"},
		{"unknown SecretId", rawRequest{secretID: "AKIDother", secretKey: "x"}, "AuthFailure.SecretIdNotFound"},
		{"unknown SecretId before expiry", rawRequest{secretID: "AKIDother", secretKey: "x", timestamp: now.Add(-time.Hour).Unix()}, "AuthFailure.SecretIdNotFound"},
		{"expiry before signature", rawRequest{secretKey: "wrong", secretID: DefaultSecretID, timestamp: now.Add(-time.Hour).Unix()}, "AuthFailure.SignatureExpire"},
		{"missing timestamp", rawRequest{tamper: func(r *http.Request) { r.Header.Del("X-TC-Timestamp") }}, "AuthFailure.SignatureFailure"},
		{"signature before action", rawRequest{secretID: DefaultSecretID, secretKey: "wrong", action: "Nope"}, "AuthFailure.SignatureFailure"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.req.action == "" {
				tc.req.action = "DescribeAppStatList"
			}
			env, resp := h.raw(tc.req)
			if resp.StatusCode != 200 || env.code() != tc.want {
				t.Fatalf("HTTP %d code %q, want %q", resp.StatusCode, env.code(), tc.want)
			}
		})
	}

	out, err := h.api.AssumeRole(h.ctx, &rawAssume)
	if err != nil {
		t.Fatal(err)
	}
	cred := out.Credentials
	for _, tc := range []struct {
		name, token, want string
	}{
		{"right token", cred.Token, ""},
		{"missing token", "", "AuthFailure.TokenFailure"},
		{"wrong token", cred.Token + "x", "AuthFailure.TokenFailure"},
	} {
		env, _ := h.raw(rawRequest{action: "DescribeAppStatList", secretID: cred.TmpSecretId, secretKey: cred.TmpSecretKey, token: tc.token})
		if env.code() != tc.want {
			t.Fatalf("%s: code %q, want %q", tc.name, env.code(), tc.want)
		}
	}
}

// A frozen emulator clock must not expire the signatures of a client that
// signs with another clock: SignatureClock decides the 300 s window.
func TestSignatureClockDecidesTheWindow(t *testing.T) {
	signingClock := clock.NewFake(testStart.Add(10 * time.Minute))
	for _, tc := range []struct {
		name      string
		signature clock.Clock
		want      string
	}{
		{"emulator clock", nil, "AuthFailure.SignatureExpire"},
		{"signature clock", signingClock, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.SignatureClock = tc.signature })
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", timestamp: signingClock.Now().Unix()})
			if got := env.code(); got != tc.want {
				t.Fatalf("code %q, want %q", got, tc.want)
			}
		})
	}
}
