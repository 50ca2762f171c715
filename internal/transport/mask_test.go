package transport

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

func TestMaskJSONWalksNestedValues(t *testing.T) {
	in := `{"Response":{"SecretKey":"sdk-secret-1","Apps":[{"usersig":"sig-2","Name":"keep-me"}],
		"Credentials":{"Token":"tok-3","TmpSecretId":"AKIDtmp000000004","TmpSecretKey":"tmpkey-5"},
		"secret_key":"k6","ClientToken":"idem-7","Count":42}}`
	out := MaskJSON([]byte(in))
	for _, secret := range []string{"sdk-secret-1", "sig-2", "tok-3", "AKIDtmp000000004", "tmpkey-5", "k6"} {
		if strings.Contains(out, secret) {
			t.Errorf("masked JSON still contains %q: %s", secret, out)
		}
	}
	for _, kept := range []string{"keep-me", "idem-7", "42", `"AKID***"`} {
		if !strings.Contains(out, kept) {
			t.Errorf("masked JSON lost %q: %s", kept, out)
		}
	}
	if got := MaskJSON([]byte("SecretKey=abc not json")); strings.Contains(got, "abc") {
		t.Errorf("non-JSON body shown: %s", got)
	}
}

func TestMaskHeaders(t *testing.T) {
	h := http.Header{}
	h.Set("Authorization", "TC3-HMAC-SHA256 Credential=AKIDabcdefgh12345/2026-11-26/trtc/tc3_request, SignedHeaders=content-type;host, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
	h.Set("X-TC-Token", "session-token")
	h.Set("X-TC-Action", "CreateTrtcApp")
	got := MaskHeaders(h)
	joined := strings.Join([]string{got["Authorization"], got["X-Tc-Token"]}, " ")
	for _, secret := range []string{"0123456789abcdef", "session-token", "AKIDabcdefgh12345"} {
		if strings.Contains(joined, secret) {
			t.Errorf("masked headers still contain %q: %v", secret, got)
		}
	}
	if got["X-Tc-Action"] != "CreateTrtcApp" || !strings.Contains(got["Authorization"], "2026-11-26/trtc/tc3_request") {
		t.Errorf("masked headers lost non-secret parts: %v", got)
	}
}

// TestTraceLogsMaskEverySecret runs calls whose requests carry a secret key
// and a token and whose responses carry an SDKSecretKey and STS temporary
// credentials, with TRACE logging captured: no secret may appear.
func TestTraceLogsMaskEverySecret(t *testing.T) {
	const (
		token        = "sts-session-token-SHOULD-NOT-LEAK"
		sdkSecret    = "sdk-app-secret-SHOULD-NOT-LEAK"
		tmpSecretKey = "tmp-secret-key-SHOULD-NOT-LEAK"
		tmpToken     = "tmp-token-SHOULD-NOT-LEAK"
		tmpSecretID  = "AKIDtmpSHOULDNOTLEAK"
	)
	f := newFakeAPI(t,
		apiError(api.CodeInternalError), // a retried attempt is logged too
		ok(map[string]any{"SdkAppId": 1400000009, "AppName": "demo", "SecretKey": sdkSecret}),
		ok(map[string]any{"Credentials": map[string]any{"Token": tmpToken, "TmpSecretId": tmpSecretID, "TmpSecretKey": tmpSecretKey}, "ExpiredTime": 1}),
	)
	c, _ := testClient(f, func(o *Options) {
		o.Credentials = StaticCredentials(Credential{SecretID: testSecretID, SecretKey: testSecretKey, Token: token})
	})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)

	var info api.DescribeSdkAppInfoResponse
	if err := c.Call(ctx, api.ServiceTRTC, api.VersionTRTC, "DescribeSdkAppInfo", &api.DescribeSdkAppInfoRequest{SdkAppId: 1400000009}, &info); err != nil {
		t.Fatal(err)
	}
	if info.SecretKey != sdkSecret {
		t.Fatalf("the caller must still get the secret: SecretKey = %q", info.SecretKey)
	}
	var role api.AssumeRoleResponse
	if err := c.Call(ctx, api.ServiceSTS, api.VersionSTS, "AssumeRole", &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/1:roleName/r", RoleSessionName: "s"}, &role); err != nil {
		t.Fatal(err)
	}

	logs := buf.String()
	for _, want := range []string{"DescribeSdkAppInfo", "AssumeRole", "Tencent Cloud API request", "Tencent Cloud API response", "InternalError", `\"SecretKey\":\"***\"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("trace logs lack %q; is TRACE logging captured?\n%s", want, logs)
		}
	}
	signatures := []string{}
	for _, r := range f.requests() {
		_, sig, _ := strings.Cut(r.Authorization, "Signature=")
		signatures = append(signatures, sig)
	}
	for _, secret := range append([]string{testSecretKey, token, sdkSecret, tmpSecretKey, tmpToken, tmpSecretID, testSecretID}, signatures...) {
		if strings.Contains(logs, secret) {
			t.Errorf("trace logs contain the secret %q", secret)
		}
	}
}
