// Package transport sends Tencent Cloud API 3.0 calls: it signs every
// attempt with TC3-HMAC-SHA256, keeps each action under its rate limit,
// retries throttling and transient faults with backoff, and logs requests
// and responses at TRACE level with every secret masked.
package transport

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// Options configures a Client. Zero values select the defaults.
type Options struct {
	Credentials CredentialSource
	Region      string
	// Endpoint "" sends each service to https://<service>.tencentcloudapi.com/;
	// otherwise every service goes to this one URL (e.g. the emulator) and
	// is told apart by the signature's credential scope. ServicePlaceholder
	// in it is replaced by the service, for per-service hosts such as the
	// international https://{service}.intl.tencentcloudapi.com/.
	Endpoint string
	// MaxRetries: 0 = DefaultMaxRetries, < 0 = no retries.
	MaxRetries int
	// AttemptTimeout bounds each HTTP attempt (a timed-out attempt is
	// retried like a failed connection): 0 = DefaultAttemptTimeout. It
	// overrides the Timeout of a caller's HTTPClient too.
	AttemptTimeout time.Duration
	// RateLimit is requests per second per action: 0 = DefaultRateLimit,
	// < 0 = no client-side limit.
	RateLimit    float64
	Clock        clock.Clock
	HTTPClient   *http.Client
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// AllowPlaintextEndpoint accepts an http:// Endpoint beyond loopback
	// (see CheckEndpoint).
	AllowPlaintextEndpoint bool
	// Getenv reads the proxy variables for the default HTTPClient; nil =
	// os.Getenv.
	Getenv func(string) string
	// UserAgent identifies the caller on every request; "" = DefaultUserAgent.
	UserAgent string
}

// DefaultUserAgent is sent when Options.UserAgent is empty: Go's own
// "Go-http-client/1.1" would not tell the service or a proxy who calls.
const DefaultUserAgent = "terraform-provider-trtc"

// Client implements api.Caller.
type Client struct {
	opts        Options
	limiter     *limiter
	endpointErr error // the Endpoint refused by CheckEndpoint
}

var _ api.Caller = (*Client)(nil)

// New builds a Client, filling in defaults.
func New(opts Options) *Client {
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = defaultHTTPClient(opts.Getenv, cmp.Or(opts.AttemptTimeout, DefaultAttemptTimeout))
	} else {
		copied := *opts.HTTPClient // the caller's client keeps its own policy
		if opts.AttemptTimeout > 0 {
			copied.Timeout = opts.AttemptTimeout
		}
		opts.HTTPClient = &copied
	}
	opts.HTTPClient.CheckRedirect = refuseRedirect
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	switch {
	case opts.MaxRetries == 0:
		opts.MaxRetries = DefaultMaxRetries
	case opts.MaxRetries < 0:
		opts.MaxRetries = 0
	}
	if opts.RetryWaitMin <= 0 {
		opts.RetryWaitMin = DefaultRetryWaitMin
	}
	if opts.RetryWaitMax <= 0 {
		opts.RetryWaitMax = DefaultRetryWaitMax
	}
	if opts.RetryWaitMax < opts.RetryWaitMin {
		opts.RetryWaitMax = opts.RetryWaitMin
	}
	c := &Client{opts: opts, limiter: newLimiter(opts.RateLimit, opts.Clock)}
	if opts.Endpoint != "" {
		// Checked again here, whoever built the options: nothing signed
		// leaves for a plaintext remote host.
		c.endpointErr = CheckEndpoint(opts.Endpoint, opts.AllowPlaintextEndpoint)
	}
	return c
}

// ServicePlaceholder in Options.Endpoint stands for the service name.
const ServicePlaceholder = "{service}"

// URL is where calls to service are posted.
func (c *Client) URL(service string) string {
	if c.opts.Endpoint != "" {
		return strings.ReplaceAll(c.opts.Endpoint, ServicePlaceholder, service)
	}
	return "https://" + service + ".tencentcloudapi.com/"
}

// call is the state of one Call across its attempts.
type call struct {
	client                   *Client
	ctx                      context.Context
	service, version, action string
	host                     string
	body                     []byte
	attempt                  int
	retryReason              string  // why the last attempt is retried
	answer                   *answer // the last attempt's, read and parsed once
	answered                 func()  // gives the attempt's rate-limit slot back
}

// Call sends one action and decodes its Response into response; an error
// answer becomes an *api.Error.
func (c *Client) Call(ctx context.Context, service, version, action string, request, response any) error {
	body, err := json.Marshal(request)
	if err != nil {
		return fmt.Errorf("%s.%s: encoding the request: %w", service, action, err)
	}
	if request == nil || string(body) == "null" {
		body = []byte("{}")
	}
	if c.endpointErr != nil {
		return fmt.Errorf("%s.%s: endpoint %q: %w", service, action, c.opts.Endpoint, c.endpointErr)
	}
	target := c.URL(service)
	u, err := url.Parse(target)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%s.%s: invalid endpoint %q", service, action, target)
	}
	ctx = tflog.SetField(ctx, "tc_action", service+"."+action)
	cl := &call{client: c, ctx: ctx, service: service, version: version, action: action, host: u.Host, body: body}

	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, target, body)
	if err != nil {
		return fmt.Errorf("%s.%s: %w", service, action, err)
	}
	if err := cl.prepare(req.Request); err != nil {
		return cl.wrap(err)
	}
	rc := &retryablehttp.Client{
		HTTPClient:   c.opts.HTTPClient,
		RetryMax:     c.opts.MaxRetries,
		RetryWaitMin: c.opts.RetryWaitMin,
		RetryWaitMax: c.opts.RetryWaitMax,
		CheckRetry:   cl.checkRetry,
		Backoff:      cl.backoff,
		PrepareRetry: cl.prepare,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	resp, err := rc.Do(req)
	cl.answered() // in case no answer came to checkRetry (idempotent)
	if ctx.Err() != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return cl.wrap(ctx.Err())
	}
	if err != nil {
		return cl.wrap(cl.withAttempts(err))
	}
	return cl.decode(resp, response)
}

// withAttempts says how often a failed connection was tried, so that a
// network error reads as what it is: not a first glitch.
func (cl *call) withAttempts(err error) error {
	var netErr *url.Error
	if !errors.As(err, &netErr) {
		return err
	}
	switch {
	case cl.attempt > 1:
		retries := "retries"
		if cl.attempt == 2 {
			retries = "retry"
		}
		timedOut := ""
		if netErr.Timeout() {
			timedOut = fmt.Sprintf("; the last waited %s for an answer", cl.client.opts.HTTPClient.Timeout)
		}
		return fmt.Errorf("%w (tried %d times: the first attempt and %d %s%s)", err, cl.attempt, cl.attempt-1, retries, timedOut)
	case cl.client.opts.MaxRetries == 0:
		return fmt.Errorf("%w (tried once: retries are off)", err)
	default:
		return fmt.Errorf("%w (tried once: this error is not retried)", err)
	}
}

func (cl *call) wrap(err error) error {
	return fmt.Errorf("%s.%s: %w", cl.service, cl.action, err)
}

// prepare waits for the action's rate limit, then signs the attempt with a
// fresh timestamp and the credential of the moment.
func (cl *call) prepare(req *http.Request) error {
	c := cl.client
	answered, _, err := c.limiter.acquire(cl.ctx, cl.service+"."+cl.action)
	if err != nil {
		return err
	}
	cl.answered = answered
	if c.opts.Credentials == nil {
		return fmt.Errorf("no credentials configured")
	}
	cred, err := c.opts.Credentials.Credential(cl.ctx)
	if err != nil {
		return fmt.Errorf("resolving credentials: %w", err)
	}
	cl.attempt++
	req.Header.Set("User-Agent", c.opts.UserAgent)
	setHeaders(req, signedCall{
		Service: cl.service, Version: cl.version, Action: cl.action,
		Region:      regionFor(cl.service, c.opts.Region),
		Host:        cl.host,
		ContentType: ContentType,
		Body:        cl.body,
		Timestamp:   c.opts.Clock.Now().Unix(),
		Credential:  cred,
	})
	// Belt and braces: whatever else is logged under this context must not
	// spell the credential out.
	cl.ctx = tflog.MaskAllFieldValuesStrings(cl.ctx, nonEmpty(cred.SecretKey, cred.Token)...)
	cl.ctx = tflog.MaskMessageStrings(cl.ctx, nonEmpty(cred.SecretKey, cred.Token)...)
	if tflog.IsTrace(cl.ctx) {
		tflog.Trace(cl.ctx, "Tencent Cloud API request", map[string]any{
			"attempt": cl.attempt,
			"url":     req.URL.String(),
			"headers": MaskHeaders(req.Header),
			"body":    MaskJSON(cl.body),
		})
	}
	return nil
}

func nonEmpty(values ...string) []string {
	out := values[:0]
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// checkRetry logs the answer and decides on a retry (see retryReason).
func (cl *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	cl.answered()
	cl.answer = nil
	if err == nil && resp != nil {
		cl.answer = readAnswer(resp)
		if tflog.IsTrace(cl.ctx) {
			fields := map[string]any{"attempt": cl.attempt, "status": resp.StatusCode, "headers": MaskHeaders(resp.Header)}
			if cl.answer.readErr == nil {
				fields["body"] = MaskJSON(cl.answer.body)
			}
			tflog.Trace(cl.ctx, "Tencent Cloud API response", fields)
		}
	}
	reason, stop := retryReason(ctx, cl.answer, err)
	if reason == "" {
		return false, stop
	}
	cl.retryReason = reason
	if cl.attempt > cl.client.opts.MaxRetries {
		tflog.Debug(cl.ctx, "Tencent Cloud API call failed, no retries left", map[string]any{"reason": reason, "attempt": cl.attempt})
	}
	return true, nil
}

// backoff waits through the injected clock, so tests do not wait and the
// wait ends with the context; retryablehttp's own timer then gets 0. Each
// retry is logged at WARN, so that TF_LOG=WARN shows a slow endpoint's
// progress instead of silence.
func (cl *call) backoff(min, max time.Duration, attemptNum int, _ *http.Response) time.Duration {
	wait := backoff(min, max, attemptNum)
	tflog.Warn(cl.ctx, "Retrying Tencent Cloud API call", map[string]any{
		"action": cl.service + "." + cl.action, "reason": cl.retryReason, "attempt": cl.attempt, "max_attempts": cl.client.opts.MaxRetries + 1, "wait": wait.String(),
	})
	_ = cl.client.opts.Clock.Sleep(cl.ctx, wait) // a cancelled ctx is seen by prepare and Do
	return 0
}

// decode turns the final answer into response or an error, reusing what
// checkRetry read and parsed: the caller's shape is the one more parse.
func (cl *call) decode(resp *http.Response, response any) error {
	a := cl.answer
	if a == nil || a.resp != resp {
		a = readAnswer(resp)
	}
	if a.readErr != nil {
		return cl.wrap(fmt.Errorf("reading the response: %w", a.readErr))
	}
	if isRedirect(resp.StatusCode) {
		return cl.wrap(redirectError(resp))
	}
	if resp.StatusCode != http.StatusOK {
		return cl.wrap(fmt.Errorf("HTTP %s after %d attempt(s): %s", resp.Status, cl.attempt, snippet(a.body)))
	}
	head := a.head.Response
	if a.headErr != nil || head == nil {
		return cl.wrap(fmt.Errorf("answer is not a Tencent Cloud API envelope: %s", snippet(a.body)))
	}
	if e := head.Error; e != nil {
		return &api.Error{Service: cl.service, Action: cl.action, Code: e.Code, Message: e.Message, RequestID: head.RequestID}
	}
	if response == nil {
		return nil
	}
	var envelope struct{ Response json.RawMessage }
	if err := json.Unmarshal(a.body, &envelope); err != nil {
		return cl.wrap(fmt.Errorf("decoding the response (RequestId %s): %w", head.RequestID, err))
	}
	// Field by field: unknown fields are ignored, a mistyped field the
	// provider reads is a *api.DecodeError naming it, one it never reads
	// (decode:"lenient") is only logged.
	tolerated, err := api.DecodeResponse(cl.service, cl.action, head.RequestID, envelope.Response, response)
	if len(tolerated) > 0 {
		tflog.Debug(cl.ctx, "Tencent Cloud API answer has unread fields of another type than modelled (see internal/api/README.md)",
			map[string]any{"fields": tolerated, "request_id": head.RequestID})
	}
	return err
}

// snippet shows the start of an unexpected body, masked.
func snippet(body []byte) string {
	s := MaskJSON(body)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
