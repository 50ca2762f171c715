package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

func callCreate(c *Client, ctx context.Context) error {
	var out api.CreateTrtcAppResponse
	return c.Call(ctx, api.ServiceTRTC, api.VersionTRTC, "CreateTrtcApp", &api.CreateTrtcAppRequest{AppName: "demo"}, &out)
}

func TestRetryThrottlingThenSuccessSignsEachAttemptAfresh(t *testing.T) {
	f := newFakeAPI(t,
		apiError("RequestLimitExceeded"), apiError("RequestLimitExceeded.UinLimitExceeded"), apiError("RequestLimitExceeded"),
		ok(map[string]any{"SdkAppId": 1400000002}))
	// Waits of at least a second move the (second-resolution) timestamp.
	c, fake := testClient(f, func(o *Options) { o.RetryWaitMin, o.RetryWaitMax = 2*time.Second, 10*time.Second })
	start := fake.Now()
	var logs bytes.Buffer

	if err := callCreate(c, tflogtest.RootLogger(context.Background(), &logs)); err != nil {
		t.Fatalf("Call: %v", err)
	}
	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	var retries []string
	for _, e := range entries {
		if e["@message"] == "Retrying Tencent Cloud API call" {
			retries = append(retries, fmt.Sprintf("%v %v attempt=%v wait=%v", e["action"], e["reason"], e["attempt"], e["wait"]))
		}
	}
	if len(retries) != 3 || !strings.Contains(retries[1], "trtc.CreateTrtcApp RequestLimitExceeded.UinLimitExceeded attempt=2") {
		t.Errorf("retry debug logs = %q, want 3 naming action, code, attempt and wait", retries)
	}
	reqs := f.requests()
	if len(reqs) != 4 {
		t.Fatalf("server saw %d requests, want 4", len(reqs))
	}
	signatures := map[string]bool{}
	timestamps := map[string]bool{}
	for i, r := range reqs {
		if !r.SignatureOK {
			t.Errorf("attempt %d: signature does not verify", i+1)
		}
		signatures[r.Authorization] = true
		timestamps[r.Header.Get("X-TC-Timestamp")] = true
	}
	if len(signatures) != 4 || len(timestamps) != 4 {
		t.Errorf("got %d distinct signatures and %d timestamps over 4 attempts, want 4 each", len(signatures), len(timestamps))
	}
	// Backoff went through the injected clock: waits of 1-2s, 2-4s, 4-8s.
	if waited := fake.Now().Sub(start); waited < 7*time.Second || waited > 14*time.Second {
		t.Errorf("fake clock advanced %s, want the 3 backoffs between 7s and 14s", waited)
	}
}

func TestRetryTransientServerCodes(t *testing.T) {
	for _, code := range []string{api.CodeInternalError, api.CodeServiceUnavail, api.CodeResourceUnavail, api.CodeResourceBusy} {
		t.Run(code, func(t *testing.T) {
			f := newFakeAPI(t, apiError(code), ok(map[string]any{"SdkAppId": 1}))
			c, _ := testClient(f)
			if err := callCreate(c, context.Background()); err != nil {
				t.Fatalf("Call: %v", err)
			}
			if n := len(f.requests()); n != 2 {
				t.Errorf("server saw %d requests, want 2", n)
			}
		})
	}
}

func TestNoRetryForPermanentErrors(t *testing.T) {
	for _, code := range []string{"InvalidParameterValue", "FailedOperation.AppDeleting", "AuthFailure.SignatureFailure", "LimitExceeded.AppQuota", "ResourceNotFound.SdkAppId", "UnauthorizedOperation"} {
		t.Run(code, func(t *testing.T) {
			f := newFakeAPI(t, apiError(code), ok(nil))
			c, _ := testClient(f)
			err := callCreate(c, context.Background())
			if api.Code(err) != code {
				t.Fatalf("err = %v, want API error %s", err, code)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("server saw %d requests, want exactly 1", n)
			}
		})
	}
}

func TestRetryHTTP5xxThenSuccess(t *testing.T) {
	f := newFakeAPI(t, status(http.StatusBadGateway), ok(map[string]any{"SdkAppId": 7}))
	c, _ := testClient(f)
	if err := callCreate(c, context.Background()); err != nil {
		t.Fatalf("Call: %v", err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestNoRetryForOtherHTTPStatuses(t *testing.T) {
	for _, code := range []int{http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusTooManyRequests, http.StatusNotImplemented} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			f := newFakeAPI(t, status(code), ok(nil))
			c, _ := testClient(f)
			err := callCreate(c, context.Background())
			if err == nil || !strings.Contains(err.Error(), strconv.Itoa(code)) {
				t.Fatalf("err = %v, want one naming HTTP %d", err, code)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

func TestRetriesExhaustedReturnsLastAPIError(t *testing.T) {
	f := newFakeAPI(t, apiError(api.CodeRequestLimit))
	c, _ := testClient(f, func(o *Options) { o.MaxRetries = 2 })
	err := callCreate(c, context.Background())
	if !api.HasCode(err, api.CodeRequestLimit) {
		t.Fatalf("err = %v, want RequestLimitExceeded", err)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("server saw %d requests, want 3 (1 + MaxRetries 2)", n)
	}
}

func TestNegativeMaxRetriesDisablesRetries(t *testing.T) {
	f := newFakeAPI(t, status(http.StatusServiceUnavailable))
	c, _ := testClient(f, func(o *Options) { o.MaxRetries = -1 })
	err := callCreate(c, context.Background())
	if err == nil {
		t.Fatal("Call succeeded against a 503")
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestConnectionFailureIsRetried(t *testing.T) {
	// A server that hangs up without answering, then answers.
	f := newFakeAPI(t, func(w http.ResponseWriter) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}, ok(map[string]any{"SdkAppId": 3}))
	c, _ := testClient(f)
	if err := callCreate(c, context.Background()); err != nil {
		t.Fatalf("Call: %v", err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestCancelledContextEndsCallPromptly(t *testing.T) {
	t.Run("before sending", func(t *testing.T) {
		f := newFakeAPI(t, ok(nil))
		c, _ := testClient(f)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := callCreate(c, ctx)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if n := len(f.requests()); n > 1 {
			t.Errorf("server saw %d requests, want at most 1", n)
		}
	})
	t.Run("during backoff on the real clock", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// The first answer is throttling; cancelling then must stop a
		// backoff of up to an hour at once.
		f := newFakeAPI(t, func(w http.ResponseWriter) { apiError(api.CodeRequestLimit)(w); cancel() })
		c := New(Options{
			Credentials: StaticCredentials(Credential{SecretID: testSecretID, SecretKey: testSecretKey}),
			Endpoint:    f.server.URL, RetryWaitMin: time.Hour, RetryWaitMax: time.Hour,
		})
		err := callCreate(c, ctx)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if n := len(f.requests()); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 0)
		defer cancel()
		f := newFakeAPI(t, ok(nil))
		c, _ := testClient(f)
		if err := callCreate(c, ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want context.DeadlineExceeded", err)
		}
	})
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	min, max := 100*time.Millisecond, time.Second
	for attempt := 0; attempt < 10; attempt++ {
		ceiling := min << attempt
		if ceiling > max {
			ceiling = max
		}
		for i := 0; i < 50; i++ {
			got := backoff(min, max, attempt)
			if got < ceiling/2 || got > ceiling {
				t.Fatalf("backoff(attempt %d) = %s, want within [%s, %s]", attempt, got, ceiling/2, ceiling)
			}
		}
	}
}
