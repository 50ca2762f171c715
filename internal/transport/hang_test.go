package transport

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// silentEndpoint accepts connections and never answers; it counts them.
func silentEndpoint(t *testing.T) (string, *atomic.Int64) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int64
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			mu.Lock()
			conns = append(conns, c) // held open, never read or answered
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String() + "/", &accepted
}

// An endpoint that accepts and never answers fails after AttemptTimeout per
// attempt and MaxRetries retries, each retry logged at WARN with its attempt
// number (the silent six minutes of issue 27).
func TestSilentEndpointFailsAfterEachAttemptTimesOut(t *testing.T) {
	endpoint, accepted := silentEndpoint(t)
	c, _ := testClient(newFakeAPI(t, ok(nil)), func(o *Options) {
		o.Endpoint, o.MaxRetries, o.AttemptTimeout = endpoint, 2, 100*time.Millisecond
	})
	var logs bytes.Buffer
	err := c.Call(tflogtest.RootLogger(context.Background(), &logs), "sts", "2018-08-13", "GetCallerIdentity", nil, nil)
	if err == nil {
		t.Fatal("Call succeeded against an endpoint that never answers")
	}
	for _, want := range []string{"sts.GetCallerIdentity", "Client.Timeout exceeded", "tried 3 times: the first attempt and 2 retries; the last waited 100ms for an answer"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if n := accepted.Load(); n != 3 {
		t.Errorf("the endpoint accepted %d connections, want 3 (one per attempt)", n)
	}
	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	var warned []any
	for _, e := range entries {
		if e["@message"] == "Retrying Tencent Cloud API call" && e["@level"] == "warn" {
			warned = append(warned, e["attempt"])
			if e["max_attempts"] != float64(3) {
				t.Errorf("retry log says max_attempts = %v, want 3", e["max_attempts"])
			}
		}
	}
	if len(warned) != 2 || warned[0] != float64(1) || warned[1] != float64(2) {
		t.Errorf("WARN retry logs name attempts %v, want [1 2]", warned)
	}
}

// The default client waits DefaultAttemptTimeout per attempt; a caller's
// client gets the AttemptTimeout asked for.
func TestAttemptTimeoutReachesTheHTTPClient(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	if got := New(Options{}).opts.HTTPClient.Timeout; got != DefaultAttemptTimeout {
		t.Errorf("default client timeout = %s, want %s", got, DefaultAttemptTimeout)
	}
	if got := New(Options{AttemptTimeout: 3 * time.Second}).opts.HTTPClient.Timeout; got != 3*time.Second {
		t.Errorf("client timeout = %s, want 3s", got)
	}
	own := f.server.Client()
	if got := New(Options{HTTPClient: own, AttemptTimeout: 2 * time.Second}).opts.HTTPClient.Timeout; got != 2*time.Second {
		t.Errorf("caller's client timeout = %s, want 2s", got)
	}
	if own.Timeout != 0 {
		t.Errorf("the caller's own client was changed: Timeout %s", own.Timeout)
	}
}
