package transport

import (
	"fmt"
	"net/http"
)

// refuseRedirect makes the HTTP client hand back a 3xx answer instead of
// following it. The Tencent Cloud API never redirects, so a redirect is a
// misconfiguration or an attack, and following it would send the signed
// request, with its X-TC-Token, to another host: Go strips only
// Authorization on a cross-host redirect.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func isRedirect(status int) bool { return status >= 300 && status < 400 }

// redirectError names the status and where the answer pointed to.
func redirectError(resp *http.Response) error {
	location := resp.Header.Get("Location")
	if location == "" {
		location = "(no Location header)"
	}
	return fmt.Errorf("the endpoint answered HTTP %s redirecting to %s; the provider never follows redirects "+
		"(the Tencent Cloud API sends none), so nothing was sent there and the call is not retried: check the endpoint setting", resp.Status, location)
}
