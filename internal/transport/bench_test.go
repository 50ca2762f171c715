package transport

import (
	"context"
	"net/http"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// BenchmarkCall is one signed call through the whole path (limiter off)
// against a local server: marshal, sign, POST, read, decode.
func BenchmarkCall(b *testing.B) {
	f := newFakeAPI(b, ok(map[string]any{"SdkAppId": 1400000001}))
	c, _ := testClient(f, func(o *Options) { o.RateLimit = -1 })
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := callCreate(c, context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/", nil)
	call := signedCall{Service: api.ServiceTRTC, Version: api.VersionTRTC, Action: "CreateTrtcApp", Region: "ap-singapore",
		Host: "trtc.tencentcloudapi.com", ContentType: ContentType, Body: []byte(`{"AppName":"demo","Product":"RTC"}`),
		Timestamp: 1795654036, Credential: Credential{SecretID: testSecretID, SecretKey: testSecretKey}}
	for i := 0; i < b.N; i++ {
		setHeaders(req, call)
	}
}

func BenchmarkMaskJSON(b *testing.B) {
	body := []byte(`{"Response":{"SdkAppId":1400000001,"AppName":"demo","SecretKey":"s","Status":"Active","Tags":[{"TagKey":"a","TagValue":"b"}],"RequestId":"r"}}`)
	for i := 0; i < b.N; i++ {
		_ = MaskJSON(body)
	}
}
