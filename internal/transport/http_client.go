package transport

import (
	"crypto/tls"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"golang.org/x/net/http/httpproxy"
)

// defaultHTTPClient verifies servers against the system roots with TLS 1.2
// or newer, and sends through the proxy that HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY (or their lower-case forms) name in getenv. It reads them when
// the client is made, unlike http.ProxyFromEnvironment, which reads the
// process environment once and for all.
func defaultHTTPClient(getenv func(string) string, attemptTimeout time.Duration) *http.Client {
	c := cleanhttp.DefaultPooledClient()
	t := c.Transport.(*http.Transport)
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12} // nil RootCAs: the system's
	proxy := proxyConfig(getenv).ProxyFunc()
	t.Proxy = func(req *http.Request) (*url.URL, error) { return proxy(req.URL) }
	// One attempt never hangs forever, even without a ctx deadline; a
	// timed-out attempt is retried like a failed connection.
	c.Timeout = attemptTimeout
	return c
}

// proxyConfig reads the proxy variables as httpproxy.FromEnvironment does,
// through getenv (nil = the process environment).
func proxyConfig(getenv func(string) string) *httpproxy.Config {
	if getenv == nil {
		getenv = os.Getenv
	}
	either := func(upper, lower string) string {
		if v := getenv(upper); v != "" {
			return v
		}
		return getenv(lower)
	}
	return &httpproxy.Config{
		HTTPProxy:  either("HTTP_PROXY", "http_proxy"),
		HTTPSProxy: either("HTTPS_PROXY", "https_proxy"),
		NoProxy:    either("NO_PROXY", "no_proxy"),
		CGI:        getenv("REQUEST_METHOD") != "",
	}
}
