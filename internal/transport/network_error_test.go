package transport

import (
	"context"
	"net"
	"strings"
	"testing"
)

// closedEndpoint is a loopback URL where nothing listens.
func closedEndpoint(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/"
}

// A network error says how often it was tried, and names the action once.
func TestNetworkErrorSaysHowOftenItWasTried(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	for _, tc := range []struct {
		maxRetries int
		want       string
	}{
		{2, "tried 3 times: the first attempt and 2 retries"},
		{-1, "tried once: retries are off"},
	} {
		c, _ := testClient(f, func(o *Options) { o.Endpoint, o.MaxRetries = closedEndpoint(t), tc.maxRetries })
		err := c.Call(context.Background(), "trtc", "2019-07-22", "DescribeAppStatList", nil, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("max retries %d: got %v, want it to say %q", tc.maxRetries, err, tc.want)
			continue
		}
		if n := strings.Count(err.Error(), "DescribeAppStatList"); n != 1 {
			t.Errorf("the action is named %d times in %q", n, err)
		}
	}
}
