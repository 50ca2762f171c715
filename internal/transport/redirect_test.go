package transport

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// A redirect to another host must not carry the signed request there: Go
// would forward every X-TC-* header, the security token included.
func TestRedirectIsRefusedAndNothingReachesItsTarget(t *testing.T) {
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			target := newFakeAPI(t, ok(nil))
			redirector := newFakeAPI(t, func(w http.ResponseWriter) {
				w.Header().Set("Location", target.server.URL+"/stolen")
				w.WriteHeader(code)
			})
			c, _ := testClient(redirector, func(o *Options) {
				o.Credentials = StaticCredentials(Credential{SecretID: testSecretID, SecretKey: testSecretKey, Token: "session-token-xyz"})
			})
			err := c.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil)
			if err == nil {
				t.Fatal("a redirect answer was taken as success")
			}
			for _, want := range []string{"trtc.DescribeAppStatList", strings.TrimSpace(http.StatusText(code)), target.server.URL + "/stolen", "never follows redirects"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if n := len(target.requests()); n != 0 {
				t.Errorf("the redirect target received %d request(s), with token %q", n, target.requests()[0].Header.Get("X-TC-Token"))
			}
			if n := len(redirector.requests()); n != 1 {
				t.Errorf("the endpoint saw %d attempts: a redirect must not be retried", n)
			}
		})
	}
}

// A caller's own http.Client is copied, not changed, and still refuses.
func TestRedirectRefusedWithCallersHTTPClient(t *testing.T) {
	target := newFakeAPI(t, ok(nil))
	redirector := newFakeAPI(t, func(w http.ResponseWriter) {
		w.Header().Set("Location", target.server.URL)
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	own := &http.Client{}
	c, _ := testClient(redirector, func(o *Options) { o.HTTPClient = own })
	if err := c.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil); err == nil {
		t.Fatal("redirect followed with the caller's client")
	}
	if len(target.requests()) != 0 || own.CheckRedirect != nil {
		t.Errorf("target saw %d requests; caller's client changed: %v", len(target.requests()), own.CheckRedirect != nil)
	}
}

func TestUserAgent(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	c, _ := testClient(f, func(o *Options) { o.UserAgent = "terraform-provider-trtc/1.2.3 terraform/1.11.4" })
	if err := c.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil); err != nil {
		t.Fatal(err)
	}
	d, _ := testClient(f)
	if err := d.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil); err != nil {
		t.Fatal(err)
	}
	seen := f.requests()
	if got := seen[0].Header.Get("User-Agent"); got != "terraform-provider-trtc/1.2.3 terraform/1.11.4" {
		t.Errorf("User-Agent %q", got)
	}
	if got := seen[1].Header.Get("User-Agent"); got != DefaultUserAgent {
		t.Errorf("default User-Agent %q, want %q", got, DefaultUserAgent)
	}
}
