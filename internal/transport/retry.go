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
	// DefaultAttemptTimeout bounds one HTTP attempt. A control-plane call
	// answers in well under a second, and a slow one in a few: 10 s leaves
	// room for those, while an endpoint that accepts and never answers fails
	// within about a minute with the default retries: 6 attempts × 10 s plus
	// 5 backoffs of at most 0.25+0.5+1+2+4 s, so 64 to 68 s (it was
	// 6 × 60 s, over six minutes).
	DefaultAttemptTimeout = 10 * time.Second
)

// maxBody bounds how much of a response is read.
const maxBody = 32 << 20

// envelopeHead is the part of every answer that tells failure from
// success. Response is a pointer so that an answer without one is seen.
type envelopeHead struct {
	Response *struct {
		Error *struct {
			Code    string `json:"Code"`
			Message string `json:"Message"`
		} `json:"Error"`
		RequestID string `json:"RequestId"`
	} `json:"Response"`
}

// answer is one attempt's response, read and its envelope parsed once: the
// retry policy decides on it and the caller's decode reuses it.
type answer struct {
	resp    *http.Response
	body    []byte
	readErr error
	head    envelopeHead // parsed for HTTP 200 only
	headErr error
}

func readAnswer(resp *http.Response) *answer {
	body, err := readBody(resp)
	a := &answer{resp: resp, body: body, readErr: err}
	if err == nil && resp.StatusCode == http.StatusOK {
		a.headErr = json.Unmarshal(body, &a.head)
	}
	return a
}

// code is Response.Error.Code, "" on success or when the body is not an
// envelope.
func (a *answer) code() string {
	if a.headErr != nil || a.head.Response == nil || a.head.Response.Error == nil {
		return ""
	}
	return a.head.Response.Error.Code
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
func retryReason(ctx context.Context, a *answer, err error) (reason string, stop error) {
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
	if a == nil {
		return "", nil
	}
	if status := a.resp.StatusCode; status != http.StatusOK {
		if status >= 500 && status != http.StatusNotImplemented {
			return "HTTP " + a.resp.Status, nil
		}
		return "", nil
	}
	if a.readErr != nil { // a broken read is retried, like a failed connection
		return "reading response: " + a.readErr.Error(), nil //nolint:nilerr // the error is the reason, not a stop
	}
	if code := a.code(); api.IsRetryable(code) {
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
