package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// remoteHost is a name outside loopback, so the proxy rules apply to it
// (Go never proxies localhost or loopback addresses); tests dial it to the
// fake API instead of resolving it.
const remoteHost = "trtc.example.test"

// fakeProxy is a loopback forward proxy that records what it was asked:
// absolute-form requests are forwarded to upstream, CONNECT is refused.
type fakeProxy struct {
	server   *httptest.Server
	upstream string // host:port that requests for remoteHost go to
	mu       sync.Mutex
	seen     []string
}

func newFakeProxy(t *testing.T, upstream string) *fakeProxy {
	p := &fakeProxy{upstream: upstream}
	p.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.seen = append(p.seen, r.Method+" "+r.Host)
		p.mu.Unlock()
		if r.Method == http.MethodConnect {
			http.Error(w, "tunnels refused by the test proxy", http.StatusForbidden)
			return
		}
		body, _ := io.ReadAll(r.Body)
		out, err := http.NewRequest(r.Method, "http://"+p.upstream+r.URL.Path, bytes.NewReader(body))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		out.Header, out.Host = r.Header.Clone(), r.Host // the signature covers Host
		resp, err := (&http.Transport{}).RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	t.Cleanup(p.server.Close)
	return p
}

func (p *fakeProxy) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// proxiedClient is the default HTTP client made with env, whose dialer
// sends remoteHost to the fake API (the proxy and loopback are dialled as
// they are), and records what it dialled.
func proxiedClient(f *fakeAPI, env map[string]string, dialled *[]string) *http.Client {
	c := defaultHTTPClient(func(k string) string { return env[k] }, DefaultAttemptTimeout)
	api := strings.TrimPrefix(f.server.URL, "http://")
	var d net.Dialer
	c.Transport.(*http.Transport).DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		*dialled = append(*dialled, addr)
		if strings.HasPrefix(addr, remoteHost+":") {
			addr = api
		}
		return d.DialContext(ctx, network, addr)
	}
	return c
}

func TestProxyFromEnvironment(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	proxy := newFakeProxy(t, strings.TrimPrefix(f.server.URL, "http://"))
	call := func(endpoint string, env map[string]string) ([]string, error) {
		var dialled []string
		c, _ := testClient(f, func(o *Options) {
			o.Endpoint, o.AllowPlaintextEndpoint, o.MaxRetries = endpoint, true, -1
			o.HTTPClient = proxiedClient(f, env, &dialled)
		})
		return dialled, c.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil)
	}

	t.Run("HTTP_PROXY carries the call", func(t *testing.T) {
		before := len(proxy.requests())
		if _, err := call("http://"+remoteHost+"/", map[string]string{"HTTP_PROXY": proxy.server.URL}); err != nil {
			t.Fatal(err)
		}
		got := proxy.requests()[before:]
		if len(got) != 1 || got[0] != "POST "+remoteHost {
			t.Errorf("proxy saw %q, want one POST for %s", got, remoteHost)
		}
		if last := f.requests()[len(f.requests())-1]; !last.SignatureOK || last.Host != remoteHost {
			t.Errorf("the API got Host %q, signature valid: %v", last.Host, last.SignatureOK)
		}
	})
	t.Run("HTTPS_PROXY gets a CONNECT", func(t *testing.T) {
		before := len(proxy.requests())
		_, err := call("https://"+remoteHost+"/", map[string]string{"https_proxy": proxy.server.URL})
		if err == nil || !strings.Contains(err.Error(), "Forbidden") {
			t.Errorf("got %v, want the proxy's refusal of the tunnel", err)
		}
		if got := proxy.requests()[before:]; len(got) != 1 || got[0] != "CONNECT "+remoteHost+":443" {
			t.Errorf("proxy saw %q, want CONNECT %s:443", got, remoteHost)
		}
	})
	t.Run("NO_PROXY goes direct", func(t *testing.T) {
		before := len(proxy.requests())
		dialled, err := call("http://"+remoteHost+"/", map[string]string{"HTTP_PROXY": proxy.server.URL, "NO_PROXY": "example.test"})
		if err != nil {
			t.Fatal(err)
		}
		if got := proxy.requests()[before:]; len(got) != 0 {
			t.Errorf("proxy saw %q despite NO_PROXY", got)
		}
		if len(dialled) != 1 || dialled[0] != remoteHost+":80" {
			t.Errorf("dialled %q, want %s:80 directly", dialled, remoteHost)
		}
	})
}

// HTTPS is verified against the system roots: a server whose certificate
// no system root signed is refused, through the proxy or not.
func TestHTTPSKeepsSystemRootsAndTLS12(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ok(nil)(w) }))
	t.Cleanup(srv.Close)
	c := New(Options{
		Credentials: StaticCredentials(Credential{SecretID: testSecretID, SecretKey: testSecretKey}),
		Endpoint:    srv.URL, MaxRetries: -1, Getenv: func(string) string { return "" },
	})
	err := c.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("got %v, want a certificate verification failure", err)
	}
	tlsConfig := c.opts.HTTPClient.Transport.(*http.Transport).TLSClientConfig
	if tlsConfig == nil || tlsConfig.MinVersion < tls.VersionTLS12 || tlsConfig.InsecureSkipVerify || tlsConfig.RootCAs != nil {
		t.Errorf("TLS config %+v: want TLS >= 1.2 and the system roots", tlsConfig)
	}
}
