package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tc3"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// testStart is where fake clocks start: a fixed instant keeps CreateTime
// and expiry assertions exact.
var testStart = time.Date(2026, 3, 1, 4, 0, 0, 0, time.UTC)

// Propagation of the test harness: a fixed range the tests advance through.
const (
	testPropMin = 3 * time.Minute
	testPropMax = 5 * time.Minute
)

// harness is an emulator behind httptest with a fake clock, and the
// project's own client (no retries) pointed at it.
type harness struct {
	t   *testing.T
	emu *Emulator
	srv *httptest.Server
	clk *clock.Fake
	api *api.Client
	ctx context.Context
}

func newHarness(t *testing.T, mutate ...func(*Config)) *harness {
	t.Helper()
	clk := clock.NewFake(testStart)
	cfg := Config{Seed: 7, Clock: clk, PropagationMin: testPropMin, PropagationMax: testPropMax, RateLimit: -1}
	for _, m := range mutate {
		m(&cfg)
	}
	if fake, ok := cfg.Clock.(*clock.Fake); ok {
		clk = fake
	}
	emu, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(checkingNulls(t, emu))
	t.Cleanup(srv.Close)
	h := &harness{t: t, emu: emu, srv: srv, clk: clk, ctx: context.Background()}
	h.api = h.client(transport.Credential{SecretID: DefaultSecretID, SecretKey: DefaultSecretKey})
	return h
}

func (h *harness) client(cred transport.Credential) *api.Client {
	return api.New(transport.New(transport.Options{
		Endpoint: h.srv.URL, Region: "ap-singapore", Credentials: transport.StaticCredentials(cred),
		Clock: h.clk, MaxRetries: -1, RateLimit: -1,
	}))
}

// createApp creates an RTCEngine application and returns its SdkAppId.
func (h *harness) createApp(name string, tags ...api.Tag) uint64 {
	h.t.Helper()
	out, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: name, Product: catalog.ProductRTCEngine, Tags: tags})
	if err != nil {
		h.t.Fatalf("CreateTrtcApp %s: %v", name, err)
	}
	return out.SdkAppId
}

func (h *harness) info(id uint64) *api.DescribeSdkAppInfoResponse {
	h.t.Helper()
	out, err := h.api.DescribeSdkAppInfo(h.ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: id})
	if err != nil {
		h.t.Fatalf("DescribeSdkAppInfo %d: %v", id, err)
	}
	return out
}

// disable disables an application and lets the change take effect.
func (h *harness) disable(id uint64) {
	h.t.Helper()
	if _, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		h.t.Fatalf("ModifyAppStatus close: %v", err)
	}
	h.clk.Advance(testPropMax)
}

// wantCode fails unless err is an API error with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := api.Code(err); got != code {
		t.Fatalf("want error code %s, got %q (err %v)", code, got, err)
	}
}

// wantRefusal fails unless err is an API error with code whose message says
// each of mentions.
func wantRefusal(t *testing.T, err error, code string, mentions ...string) {
	t.Helper()
	wantCode(t, err, code)
	var apiErr *api.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("%v is not an *api.Error", err)
	}
	for _, m := range mentions {
		if !strings.Contains(apiErr.Message, m) {
			t.Errorf("%s message %q does not say %q", code, apiErr.Message, m)
		}
	}
}

// rawRequest is a hand-built signed call, for what the client never sends.
type rawRequest struct {
	service, action, version string
	body                     []byte
	secretID, secretKey      string
	token                    string
	timestamp                int64 // 0 = the harness clock
	tamper                   func(*http.Request)
}

// envelope is a decoded answer.
type envelope struct {
	Response map[string]json.RawMessage
}

func (e envelope) code() string {
	var errBody struct{ Code, Message string }
	if raw, ok := e.Response["Error"]; ok {
		_ = json.Unmarshal(raw, &errBody)
	}
	return errBody.Code
}

func (h *harness) raw(r rawRequest) (envelope, *http.Response) {
	h.t.Helper()
	if r.service == "" {
		r.service = api.ServiceTRTC
	}
	if r.version == "" {
		r.version = api.Versions[r.service]
	}
	if r.secretID == "" {
		r.secretID, r.secretKey = DefaultSecretID, DefaultSecretKey
	}
	if r.timestamp == 0 {
		r.timestamp = h.clk.Now().Unix()
	}
	if r.body == nil {
		r.body = []byte("{}")
	}
	u, _ := url.Parse(h.srv.URL)
	headers := map[string]string{"Content-Type": "application/json; charset=utf-8", "Host": u.Host}
	req, err := http.NewRequest(http.MethodPost, h.srv.URL, bytes.NewReader(r.body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", headers["Content-Type"])
	req.Header.Set("X-TC-Action", r.action)
	req.Header.Set("X-TC-Version", r.version)
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(r.timestamp, 10))
	req.Header.Set("X-TC-Region", "ap-singapore")
	if r.token != "" {
		req.Header.Set("X-TC-Token", r.token)
	}
	req.Header.Set("Authorization", tc3.Authorization(r.secretID, r.secretKey,
		tc3.Request{Service: r.service, Headers: headers, Payload: r.body, Timestamp: r.timestamp}))
	if r.tamper != nil {
		r.tamper(req)
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatalf("raw %s: %v", r.action, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		h.t.Fatalf("raw %s: answer is not JSON: %v: %.200s", r.action, err, data)
	}
	if _, ok := env.Response["RequestId"]; !ok {
		h.t.Fatalf("raw %s: answer without RequestId: %.200s", r.action, data)
	}
	return env, resp
}

// admin sends a request to the /_emulator/ surface and decodes the answer.
func (h *harness) admin(method, path, body string, out any) int {
	h.t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+path, bytes.NewBufferString(body))
	if err != nil {
		h.t.Fatal(err)
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			h.t.Fatalf("%s %s: decoding: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

// signedRequest builds a request signed now with the default credentials.
func signedRequest(tb testing.TB, action string, body []byte) *http.Request {
	tb.Helper()
	ts := time.Now().Unix()
	req := httptest.NewRequest(http.MethodPost, "http://emulator.local/", bytes.NewReader(body))
	headers := map[string]string{"Content-Type": "application/json; charset=utf-8", "Host": req.Host}
	req.Header.Set("Content-Type", headers["Content-Type"])
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", api.VersionTRTC)
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("Authorization", tc3.Authorization(DefaultSecretID, DefaultSecretKey,
		tc3.Request{Service: api.ServiceTRTC, Headers: headers, Payload: body, Timestamp: ts}))
	return req
}
