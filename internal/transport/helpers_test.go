package transport

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tc3"
)

const (
	testSecretID  = "AKIDtestsecretid0000000000000000"
	testSecretKey = "testSecretKey-0123456789abcdef"
)

// seenRequest is one request as the fake server received it.
type seenRequest struct {
	Header        http.Header
	Host          string
	Path          string
	Body          []byte
	Authorization string
	SignatureOK   bool
	Service       string
}

// fakeAPI is an httptest server that checks every TC3 signature with
// secretKey and answers with the next scripted reply (the last repeats).
type fakeAPI struct {
	t         testing.TB
	secretKey string
	server    *httptest.Server

	mu      sync.Mutex
	seen    []seenRequest
	replies []func(w http.ResponseWriter)
}

func newFakeAPI(t testing.TB, replies ...func(w http.ResponseWriter)) *fakeAPI {
	f := &fakeAPI{t: t, secretKey: testSecretKey, replies: replies}
	f.server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.server.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	seen := seenRequest{Header: r.Header.Clone(), Host: r.Host, Path: r.URL.Path, Body: body, Authorization: r.Header.Get("Authorization")}
	if parsed, ok := tc3.ParseAuthorization(seen.Authorization); ok {
		ts, _ := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
		headers := map[string]string{}
		for _, name := range parsed.SignedHeaders {
			if name == "host" {
				headers[name] = r.Host
			} else {
				headers[name] = r.Header.Get(name)
			}
		}
		want := tc3.Signature(f.secretKey, tc3.Request{Service: parsed.Service, Headers: headers, Payload: body, Timestamp: ts})
		seen.SignatureOK = want == parsed.Signature && parsed.Date == tc3.Date(ts)
		seen.Service = parsed.Service
	}
	f.mu.Lock()
	f.seen = append(f.seen, seen)
	n := len(f.seen)
	reply := f.replies[min(n, len(f.replies))-1]
	f.mu.Unlock()
	reply(w)
}

func (f *fakeAPI) requests() []seenRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seenRequest(nil), f.seen...)
}

// ok answers a success envelope with fields.
func ok(fields map[string]any) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		out := map[string]any{"RequestId": "req-ok"}
		for k, v := range fields {
			out[k] = v
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"Response": out})
	}
}

// apiError answers an error envelope (HTTP 200, as Tencent does).
func apiError(code string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		_ = json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{
			"Error": map[string]any{"Code": code, "Message": "scripted " + code}, "RequestId": "req-" + code}})
	}
}

// status answers a bare HTTP status, as a gateway would.
func status(code int) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) { http.Error(w, fmt.Sprintf("gateway says %d", code), code) }
}

// testClient talks to f with a fake clock (backoff and limiter do not wait).
func testClient(f *fakeAPI, mutate ...func(*Options)) (*Client, *clock.Fake) {
	fake := clock.NewFake(time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC))
	opts := Options{
		Credentials: StaticCredentials(Credential{SecretID: testSecretID, SecretKey: testSecretKey}),
		Region:      "ap-singapore",
		Endpoint:    f.server.URL,
		Clock:       fake,
	}
	for _, m := range mutate {
		m(&opts)
	}
	return New(opts), fake
}
