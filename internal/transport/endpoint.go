package transport

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// ErrPlaintextEndpoint is wrapped by CheckEndpoint's refusal of http:// to
// a host beyond loopback, so that callers can name their opt-in setting.
var ErrPlaintextEndpoint = errors.New("plain http:// is accepted only for a loopback host (127.0.0.0/8, ::1, localhost): " +
	"over plain HTTP the security token, the applications' SecretKey and STS temporary keys travel in clear text")

var endpointPattern = regexp.MustCompile(`^https?://[^\s/]+(/\S*)?$`)

// EndpointRule says what CheckEndpoint accepts, for messages and docs.
const EndpointRule = "an https:// URL with a host, such as https://{service}.intl.tencentcloudapi.com/, or http:// to a loopback host such as http://127.0.0.1:8080"

// CheckEndpoint accepts an http(s) URL with a host ({service} may stand
// for the service); plain http only to loopback unless allowPlaintext.
func CheckEndpoint(endpoint string, allowPlaintext bool) error {
	u, err := url.Parse(strings.ReplaceAll(endpoint, ServicePlaceholder, "trtc"))
	if err != nil || !endpointPattern.MatchString(endpoint) || u.Hostname() == "" {
		return fmt.Errorf("must be %s", EndpointRule)
	}
	if u.Scheme == "http" && !allowPlaintext && !IsLoopback(u.Hostname()) {
		return ErrPlaintextEndpoint
	}
	return nil
}

// IsLoopback reports whether host (without port) is localhost or a
// loopback address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
