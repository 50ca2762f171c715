package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// With an admin token, the unsigned admin surface answers only requests
// that carry it; the signed API is not affected.
func TestAdminTokenIsRequiredWhenSet(t *testing.T) {
	emu := New(Config{AdminToken: "s3cret-admin"})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		method, path, auth string
		want               int
	}{
		{http.MethodGet, "/_emulator/health", "", http.StatusUnauthorized},
		{http.MethodPost, "/_emulator/reset", "", http.StatusUnauthorized},
		{http.MethodPost, "/_emulator/faults", "Bearer wrong", http.StatusUnauthorized},
		{http.MethodGet, "/_emulator/stats", "s3cret-admin", http.StatusUnauthorized}, // not a Bearer
		{http.MethodGet, "/_emulator/nope", "", http.StatusUnauthorized},
		{http.MethodGet, "/_emulator/health", "Bearer s3cret-admin", http.StatusOK},
		{http.MethodPost, "/_emulator/reset", "Bearer s3cret-admin", http.StatusOK},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s with %q: HTTP %d, want %d", tc.method, tc.path, tc.auth, resp.StatusCode, tc.want)
		}
	}
	// The API keeps its own authentication, by signature, not the token.
	resp, err := http.Post(srv.URL+"/", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "AuthFailure") {
		t.Errorf("unsigned API call: HTTP %d %s, want the API's AuthFailure envelope", resp.StatusCode, body)
	}
}

// Without a token nothing changes: the loopback emulator of the tests and
// the demo.
func TestAdminOpenWithoutToken(t *testing.T) {
	srv := httptest.NewServer(New(Config{}))
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + "/_emulator/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("health: HTTP %d", resp.StatusCode)
	}
}
