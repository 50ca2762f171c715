package transport

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// raw answers HTTP 200 with body as is.
func raw(body string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}
}

// truncated promises more bytes than it sends, then closes the connection.
func truncated(w http.ResponseWriter) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"Response\":{\"SdkAppId\":14")
	_ = buf.Flush()
	_ = conn.Close()
}

// TestHostileAnswers: whatever a server (or something posing as one)
// answers, Call returns an error or a well-formed result: no panic, no hang,
// no zero value passed off as success.
func TestHostileAnswers(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	cases := []struct {
		name  string
		reply func(w http.ResponseWriter)
		want  string // a part of the error
	}{
		{"garbage", raw("garbage \x00\xff\xfe"), "not a Tencent Cloud API envelope"},
		{"HTML 200", raw("<html><body>502 Bad Gateway</body></html>"), "not a Tencent Cloud API envelope"},
		{"empty 200", raw(""), "not a Tencent Cloud API envelope"},
		{"no Response", raw(`{"Other":{}}`), "not a Tencent Cloud API envelope"},
		{"Response null", raw(`{"Response":null}`), "not a Tencent Cloud API envelope"},
		{"Response array", raw(`{"Response":[1,2]}`), "not a Tencent Cloud API envelope"},
		{"Response string", raw(`{"Response":"ok"}`), "not a Tencent Cloud API envelope"},
		{"error code not a string", raw(`{"Response":{"Error":{"Code":123,"Message":"x"},"RequestId":"r"}}`), "not a Tencent Cloud API envelope"},
		{"negative SdkAppId", raw(`{"Response":{"SdkAppId":-1400000001,"RequestId":"r"}}`), "decoding the response"},
		{"huge SdkAppId", raw(`{"Response":{"SdkAppId":1e400,"RequestId":"r"}}`), "decoding the response"},
		{"uint64 overflow", raw(`{"Response":{"SdkAppId":18446744073709551616,"RequestId":"r"}}`), "decoding the response"},
		{"deeply nested", raw(`{"Response":{"SdkAppId":1,"Junk":` + deep + `}}`), "not a Tencent Cloud API envelope"},
		{"trailing garbage", raw(`{"Response":{"SdkAppId":1,"RequestId":"r"}} trailing`), "not a Tencent Cloud API envelope"},
		{"truncated body", truncated, "CreateTrtcApp"},
		{"enormous body", raw(`{"Response":{"RequestId":"` + strings.Repeat("a", maxBody+1024) + `"}}`), "not a Tencent Cloud API envelope"},
		{"HTTP 404 page", status(http.StatusNotFound), "HTTP 404"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t, tc.reply)
			c, _ := testClient(f, func(o *Options) { o.MaxRetries = 2 })
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			out, err := api.New(c).CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call"})
			if err == nil {
				t.Fatalf("no error; got %+v", out)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not mention %q", err, tc.want)
			}
			if len(err.Error()) > 2048 {
				t.Errorf("error message of %d bytes: the body should be cut short", len(err.Error()))
			}
			if ctx.Err() != nil {
				t.Fatalf("the call only ended with the test's deadline")
			}
			// A cut connection is transient (retried, the same body keeps the
			// ClientToken); a complete but wrong answer is not.
			wantAttempts := 1
			if tc.name == "truncated body" {
				wantAttempts = 3
			}
			if n := len(f.requests()); n != wantAttempts {
				t.Errorf("%d attempt(s), want %d", n, wantAttempts)
			}
		})
	}
}

// Invalid UTF-8 inside a string of an otherwise good answer decodes (Go
// turns it into U+FFFD) into valid text, not an error and not raw bytes.
func TestHostileAnswerInvalidUTF8(t *testing.T) {
	f := newFakeAPI(t, raw("{\"Response\":{\"SdkAppId\":1400000001,\"AppName\":\"a\xffb\",\"RequestId\":\"r\"}}"))
	c, _ := testClient(f)
	out, err := api.New(c).DescribeSdkAppInfo(t.Context(), &api.DescribeSdkAppInfoRequest{SdkAppId: 1400000001})
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(out.AppName) || !strings.HasPrefix(out.AppName, "a") {
		t.Fatalf("AppName %q", out.AppName)
	}
}

// A server that accepts the request and never answers: the call ends with
// the caller's context, it does not hang.
func TestHostileServerNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	f := newFakeAPI(t, func(w http.ResponseWriter) { <-release })
	c, _ := testClient(f)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := api.New(c).DescribeAppStatList(ctx, &api.DescribeAppStatListRequest{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("want the context's deadline, got %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the call outlived its context by 10 s")
	}
}

// A request the client cannot even encode fails before any attempt.
func TestHostileRequestNotEncodable(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	c, _ := testClient(f)
	err := c.Call(t.Context(), "trtc", "2019-07-22", "DescribeAppStatList", map[string]any{"x": make(chan int)}, nil)
	if err == nil || !strings.Contains(err.Error(), "encoding the request") {
		t.Fatalf("want an encoding error, got %v", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Fatalf("%d request(s) sent", n)
	}
}
