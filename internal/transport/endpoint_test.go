package transport

import (
	"context"
	"errors"
	"testing"
)

func TestCheckEndpoint(t *testing.T) {
	for _, tc := range []struct {
		endpoint  string
		plaintext bool
		want      error // nil, ErrPlaintextEndpoint, or errMalformed
	}{
		{"https://trtc.tencentcloudapi.com/", false, nil},
		{"https://{service}.intl.tencentcloudapi.com/", false, nil},
		{"http://127.0.0.1:8080", false, nil},
		{"http://127.1.2.3:8080/", false, nil},
		{"http://[::1]:8080", false, nil},
		{"http://localhost:8080", false, nil},
		{"http://LOCALHOST", false, nil},
		{"http://10.0.0.5:8080", false, ErrPlaintextEndpoint},
		{"http://emulator.internal:8080", false, ErrPlaintextEndpoint},
		{"http://localhost.evil.example", false, ErrPlaintextEndpoint},
		{"http://127.0.0.1.nip.io", false, ErrPlaintextEndpoint},
		{"http://[::ffff:10.0.0.1]", false, ErrPlaintextEndpoint},
		{"http://10.0.0.5:8080", true, nil},
		{"127.0.0.1:1234", false, errMalformed},
		{"ftp://127.0.0.1", true, errMalformed},
		{"https://", false, errMalformed},
		{"https://host with space", false, errMalformed},
	} {
		err := CheckEndpoint(tc.endpoint, tc.plaintext)
		switch {
		case tc.want == nil && err != nil:
			t.Errorf("%q (plaintext allowed: %v) refused: %v", tc.endpoint, tc.plaintext, err)
		case tc.want == ErrPlaintextEndpoint && !errors.Is(err, ErrPlaintextEndpoint):
			t.Errorf("%q: got %v, want the plaintext refusal", tc.endpoint, err)
		case tc.want == errMalformed && (err == nil || errors.Is(err, ErrPlaintextEndpoint)):
			t.Errorf("%q: got %v, want a malformed-URL refusal", tc.endpoint, err)
		}
	}
}

var errMalformed = errors.New("malformed")

// The client itself refuses a plaintext remote endpoint, whoever built its
// options, before anything is signed or sent.
func TestClientRefusesPlaintextRemoteEndpoint(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	c, _ := testClient(f, func(o *Options) { o.Endpoint = "http://trtc.example.test/" })
	err := c.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil)
	if !errors.Is(err, ErrPlaintextEndpoint) {
		t.Fatalf("got %v, want the plaintext refusal", err)
	}
}
