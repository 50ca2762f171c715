package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// Retry defaults: throttling is per second, so waits start near a quarter
// of a second and stay under the point where a human wonders what happens.
const (
	DefaultMaxRetries   = 5
	DefaultRetryWaitMin = 250 * time.Millisecond
	DefaultRetryWaitMax = 5 * time.Second
	// DefaultAttemptTimeout bounds one HTTP attempt of the default client.
	DefaultAttemptTimeout = 60 * time.Second
)

// maxBody bounds how much of a response is read.
const maxBody = 32 << 20

// envelope is the outer shape of every answer.
type envelope struct {
	Response json.RawMessage `json:"Response"`
}

// envelopeError is the part of Response that tells failure from success.
type envelopeError struct {
	Error *struct {
		Code    string `json:"Code"`
		Message string `json:"Message"`
	} `json:"Error"`
	RequestID string `json:"RequestId"`
}

// errorCode returns the Response.Error.Code of a body, "" on success or
// when the body is not an envelope.
func errorCode(body []byte) (code string, requestID string) {
	var env envelope
	if json.Unmarshal(body, &env) != nil || len(env.Response) == 0 {
		return "", ""
	}
	var e envelopeError
	if json.Unmarshal(env.Response, &e) != nil || e.Error == nil {
		return "", e.RequestID
	}
	return e.Error.Code, e.RequestID
}

// readBody reads the whole response body and puts it back, so the retry
// policy and the caller can both read it.
func readBody(resp *http.Response) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return body, err
}

// retryReason says why an attempt is retried; "" means it is not.
// Tencent answers errors with HTTP 200 and an error code in the envelope,
// so the body is read: throttling and transient server faults are retried
// (api.IsRetryable), as are 5xx answers and failed connections.
func retryReason(ctx context.Context, resp *http.Response, err error) (reason string, stop error) {
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	if err != nil {
		// retryablehttp's policy knows which transport errors are final
		// (bad scheme, TLS certificate, redirect loops).
		if retry, policyErr := retryablehttp.DefaultRetryPolicy(ctx, nil, err); !retry {
			return "", policyErr
		}
		return "connection: " + err.Error(), nil
	}
	if resp.StatusCode != http.StatusOK {
		if resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented {
			return "HTTP " + resp.Status, nil
		}
		return "", nil
	}
	body, readErr := readBody(resp)
	if readErr != nil {
		return "reading response: " + readErr.Error(), nil
	}
	if code, _ := errorCode(body); api.IsRetryable(code) {
		return code, nil
	}
	return "", nil
}

// backoff is exponential with jitter: attempt n waits between half and all
// of min*2^n, capped at max.
func backoff(min, max time.Duration, attempt int) time.Duration {
	wait := min
	for i := 0; i < attempt && wait < max; i++ {
		wait *= 2
	}
	if wait > max {
		wait = max
	}
	half := wait / 2
	if half <= 0 {
		return wait
	}
	return half + rand.N(wait-half+1)
}
