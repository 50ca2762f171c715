package credentials

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// The rules of the provider settings, shared by the schema's validators
// (values in the provider block, at validate time) and Resolve (every
// source, at configure time), so that a value from the environment is held
// to the same rule as the same value in the block.

var (
	regionPattern = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$`)
	// STS RoleSessionName: 2-128 characters of [\w+=,.@-] (see internal/api/README.md).
	sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]{2,128}$`)
)

// InsecureEndpointSetting is the provider attribute that accepts a
// plaintext endpoint beyond loopback.
const InsecureEndpointSetting = "insecure_endpoint"

// CheckRegion accepts a Tencent Cloud region name.
func CheckRegion(region string) error {
	if !regionPattern.MatchString(region) {
		return errors.New("must be a Tencent Cloud region such as ap-singapore")
	}
	return nil
}

// CheckSessionName accepts an STS role session name.
func CheckSessionName(name string) error {
	if !sessionNamePattern.MatchString(name) {
		return errors.New("must be 2-128 characters of letters, digits and _+=,.@-")
	}
	return nil
}

// CheckSessionDuration accepts a role session lifetime in seconds.
func CheckSessionDuration(seconds int64) error {
	if seconds < 900 || seconds > 43200 {
		return fmt.Errorf("must be between 900 and 43200 seconds, got %d", seconds)
	}
	return nil
}

// Bounds of request_timeout: below a second even a healthy call may not
// finish; beyond ten minutes a dead endpoint hangs the run for an hour.
const (
	MinRequestTimeout = time.Second
	MaxRequestTimeout = 10 * time.Minute
)

// RequestTimeoutRule is the rule CheckRequestTimeout applies, in words.
const RequestTimeoutRule = "must be a duration such as 30s or 2m, from 1s to 10m"

// CheckRequestTimeout parses a per-request timeout.
func CheckRequestTimeout(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d < MinRequestTimeout || d > MaxRequestTimeout {
		return 0, errors.New(RequestTimeoutRule)
	}
	return d, nil
}

// CheckEndpoint accepts what transport.CheckEndpoint does, and says how to
// accept a plaintext remote endpoint when that is what is refused.
func CheckEndpoint(endpoint string, insecure bool) error {
	err := transport.CheckEndpoint(endpoint, insecure)
	if errors.Is(err, transport.ErrPlaintextEndpoint) {
		return fmt.Errorf("%w. Use https://, or set %s = true in the provider block to accept that risk", err, InsecureEndpointSetting)
	}
	return err
}

// invalidSetting names the value, where it came from and the rule.
func invalidSetting(from, value string, err error) error {
	return fmt.Errorf("%s = %q is not valid: %w", from, value, err)
}
