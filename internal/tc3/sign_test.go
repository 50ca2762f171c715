package tc3

import "testing"

// The two vectors published with the TC3 documentation.
func TestPublishedVectors(t *testing.T) {
	payload := []byte(`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`)
	if got, want := sha256Hex(payload), "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"; got != want {
		t.Fatalf("payload hash %s, want %s", got, want)
	}
	base := map[string]string{"Content-Type": "application/json; charset=utf-8", "Host": "cvm.tencentcloudapi.com"}
	withAction := map[string]string{"Content-Type": base["Content-Type"], "Host": base["Host"], "X-TC-Action": "DescribeInstances"}
	cases := []struct {
		name, secretKey string
		headers         map[string]string
		want            string
	}{
		{"A", "********************************", withAction, "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"},
		{"B", "Gu5t9xGARNpq86cd98joQYCN3*******", base, "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Signature(tc.secretKey, Request{Service: "cvm", Headers: tc.headers, Payload: payload, Timestamp: 1551113065})
			if got != tc.want {
				t.Fatalf("signature %s, want %s", got, tc.want)
			}
		})
	}
}

func TestParseAuthorizationRoundTrip(t *testing.T) {
	r := Request{Service: "trtc", Headers: map[string]string{"Content-Type": "application/json; charset=utf-8", "Host": "x"}, Payload: []byte("{}"), Timestamp: 1700000000}
	p, ok := ParseAuthorization(Authorization("AKIDx", "key", r))
	if !ok || p.SecretID != "AKIDx" || p.Service != "trtc" || p.Date != "2023-11-14" || p.Signature != Signature("key", r) {
		t.Fatalf("parsed %+v ok=%v", p, ok)
	}
	for _, bad := range []string{"", "TC3-HMAC-SHA256", "Basic abc", "TC3-HMAC-SHA256 Credential=a/b/c, SignedHeaders=host, Signature=00"} {
		if _, ok := ParseAuthorization(bad); ok {
			t.Errorf("%q parsed as valid", bad)
		}
	}
}
