package emulator

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// The emulator-only admin surface (internal/api/README.md, Emulator-only
// surface): unsigned JSON under /_emulator/. Tools outside the project rely on
// these paths and fields.

func (e *Emulator) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_emulator/health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	})
	mux.HandleFunc("POST /_emulator/reset", func(w http.ResponseWriter, r *http.Request) {
		e.Reset()
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	})
	mux.HandleFunc("GET /_emulator/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, e.Stats())
	})
	mux.HandleFunc("GET /_emulator/apps", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string][]AppView{"apps": e.Apps()})
	})
	mux.HandleFunc("POST /_emulator/clock", e.adminClock)
	mux.HandleFunc("GET /_emulator/clock", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, clockView(e.Now()))
	})
	mux.HandleFunc("POST /_emulator/faults", e.adminFaults)
	mux.HandleFunc("GET /_emulator/faults", func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		f := e.faults
		e.mu.Unlock()
		writeJSON(w, http.StatusOK, faultsView(f))
	})
	mux.HandleFunc("POST /_emulator/account", e.adminAccount)
	mux.HandleFunc("GET /_emulator/account", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, e.Account())
	})
	mux.HandleFunc("POST /_emulator/fleet", e.adminFleet)
	mux.HandleFunc("/_emulator/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/_emulator/health", "/_emulator/reset", "/_emulator/stats", "/_emulator/apps",
			"/_emulator/clock", "/_emulator/faults", "/_emulator/account", "/_emulator/fleet":
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": r.Method + " is not served on " + r.URL.Path})
		default:
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no such emulator path: " + r.URL.Path})
		}
	})
	return mux
}

// adminAllowed checks the admin token, when one is configured, in
// constant time.
func (e *Emulator) adminAllowed(r *http.Request) bool {
	if e.cfg.AdminToken == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(e.cfg.AdminToken)) == 1
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func badRequest(w http.ResponseWriter, format string, args ...any) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf(format, args...)})
}

// decodeAdmin reads a small JSON object body, refusing unknown fields; an
// empty body is {}.
func decodeAdmin(r *http.Request, v any) error { return decodeAdminLimit(r, v, 1<<20) }

// decodeAdminLimit is decodeAdmin for bodies up to limit bytes.
func decodeAdminLimit(r *http.Request, v any, limit int64) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	// One object only, as on the API surface: a second one is not silently dropped.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("unexpected data after the JSON object")
	}
	return nil
}

func clockView(now time.Time) map[string]any {
	return map[string]any{"now": now.UTC().Format(time.RFC3339Nano)}
}

func (e *Emulator) adminClock(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Advance string `json:"advance"`
	}
	if err := decodeAdmin(r, &body); err != nil {
		badRequest(w, "clock: %v", err)
		return
	}
	d, err := time.ParseDuration(body.Advance)
	if err != nil || d < 0 {
		badRequest(w, "clock: advance %q must be a non-negative Go duration such as 168h", body.Advance)
		return
	}
	e.Advance(d)
	writeJSON(w, http.StatusOK, clockView(e.Now()))
}

// faultsWire is the JSON of POST /_emulator/faults.
type faultsWire struct {
	ErrorRate    float64  `json:"error_rate"`
	ErrorCode    string   `json:"error_code"`
	ThrottleRate float64  `json:"throttle_rate"`
	Latency      string   `json:"latency"`
	DropRate     float64  `json:"drop_rate"`
	ReadLag      string   `json:"read_lag"`
	Actions      []string `json:"actions"`
}

func faultsView(f Faults) faultsWire {
	return faultsWire{ErrorRate: f.ErrorRate, ErrorCode: f.ErrorCode, ThrottleRate: f.ThrottleRate, Latency: f.Latency.String(),
		DropRate: f.DropRate, ReadLag: f.ReadLag.String(), Actions: f.Actions}
}

func (e *Emulator) adminFaults(w http.ResponseWriter, r *http.Request) {
	var body faultsWire
	if err := decodeAdmin(r, &body); err != nil {
		badRequest(w, "faults: %v", err)
		return
	}
	f := Faults{ErrorRate: body.ErrorRate, ErrorCode: body.ErrorCode, ThrottleRate: body.ThrottleRate, DropRate: body.DropRate, Actions: body.Actions}
	for _, rate := range []float64{f.ErrorRate, f.ThrottleRate, f.DropRate} {
		if rate < 0 || rate > 1 {
			badRequest(w, "faults: rates must be between 0 and 1")
			return
		}
	}
	var err error
	if f.Latency, err = optionalDuration(body.Latency); err != nil {
		badRequest(w, "faults: latency: %v", err)
		return
	}
	if f.ReadLag, err = optionalDuration(body.ReadLag); err != nil {
		badRequest(w, "faults: read_lag: %v", err)
		return
	}
	e.SetFaults(f)
	e.mu.Lock()
	f = e.faults
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, faultsView(f))
}

func optionalDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err == nil && d < 0 {
		err = fmt.Errorf("%q is negative", s)
	}
	return d, err
}

// adminAccount changes the fields present in the body; "balance": null
// makes the balance unlimited again.
func (e *Emulator) adminAccount(w http.ResponseWriter, r *http.Request) {
	var body map[string]json.RawMessage
	if err := decodeAdmin(r, &body); err != nil {
		badRequest(w, "account: %v", err)
		return
	}
	a := e.Account()
	for name, raw := range body {
		var err error
		switch name {
		case "balance":
			var b *float64
			err = json.Unmarshal(raw, &b)
			a.Balance = b
		case "app_quota":
			err = json.Unmarshal(raw, &a.AppQuota)
		case "account_trial_quota":
			err = json.Unmarshal(raw, &a.AccountTrialQuota)
		default:
			err = fmt.Errorf("unknown field %q", name)
		}
		if err != nil {
			badRequest(w, "account: %s: %v", name, err)
			return
		}
	}
	if a.AppQuota < 0 || a.AccountTrialQuota < 0 {
		badRequest(w, "account: quotas must not be negative")
		return
	}
	e.SetAccount(a)
	writeJSON(w, http.StatusOK, a)
}

// adminFleet replaces the account with the fleet in the body (the format
// of --fleet), checked entry by entry as the API would.
func (e *Emulator) adminFleet(w http.ResponseWriter, r *http.Request) {
	var f Fleet // up to 300 applications of 50 long tags each
	if err := decodeAdminLimit(r, &f, 8<<20); err != nil {
		badRequest(w, "fleet: %v", err)
		return
	}
	if err := f.Validate(); err != nil {
		badRequest(w, "fleet: %v", err)
		return
	}
	if err := e.LoadFleet(&f); err != nil { // the state file could not be written
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string][]AppView{"apps": e.Apps()})
}
