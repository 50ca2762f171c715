package emulator

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Body limits: over maxBody is RequestSizeLimitExceeded [public]; bodies
// over hardBodyCap are refused before the signature check, since checking
// it would mean holding them in memory.
const (
	maxBody     = 10 << 20
	hardBodyCap = 32 << 20
)

// apiError is an error answer: HTTP 200 with Response.Error.
type apiError struct {
	Code, Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errf(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ServeHTTP answers the admin surface under /_emulator/ and API calls on
// every other path.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") || r.URL.Path == "/_emulator" {
		if !e.adminAllowed(r) {
			w.Header().Set("WWW-Authenticate", "Bearer")
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "the admin API needs the emulator's --admin-token as Authorization: Bearer <token>"})
			return
		}
		e.admin.ServeHTTP(w, r)
		return
	}
	e.serveAPI(w, r)
}

// serveAPI runs one API call through the reference's checks
// (internal/api/README.md, Transport), in order, then the action.
func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request) {
	start := time.Now() //nolint:forbidigo // latency for the log line only, never for logic: a fake clock would log 0
	requestID := newRequestID()
	label := "-"
	var out any
	var aerr *apiError
	dropped := false
	defer func() { e.finish(requestID, label, r.UserAgent(), aerr, dropped, time.Since(start)) }()

	if r.Method != http.MethodPost {
		aerr = errf("UnsupportedProtocol", "the API is only served to POST requests, not %s", r.Method)
		e.answer(w, requestID, nil, aerr)
		return
	}
	body, tooLarge, err := readBody(r.Body)
	if err != nil {
		aerr = errf("InvalidParameter", "reading the request body: %v", err)
		e.answer(w, requestID, nil, aerr)
		return
	}
	if tooLarge && len(body) == 0 {
		aerr = errf("RequestSizeLimitExceeded", "the request body is over %d bytes", maxBody)
		e.answer(w, requestID, nil, aerr)
		return
	}

	id, aerr := e.authenticate(r, body)
	if aerr != nil {
		e.answer(w, requestID, nil, aerr)
		return
	}
	spec, aerr := lookupAction(id.service, r.Header.Get("X-TC-Action"), r.Header.Get("X-TC-Version"))
	if aerr != nil {
		e.answer(w, requestID, nil, aerr)
		return
	}
	label = spec.key

	fault := e.admit(spec)
	if fault.latency > 0 {
		_ = e.clock.Sleep(r.Context(), fault.latency)
	}
	if fault.drop {
		dropped = true
		dropConnection(w)
		return
	}
	if fault.err != nil {
		aerr = fault.err
		e.answer(w, requestID, nil, aerr)
		return
	}
	if len(body) > maxBody || tooLarge {
		aerr = errf("RequestSizeLimitExceeded", "the request body is over %d bytes", maxBody)
		e.answer(w, requestID, nil, aerr)
		return
	}
	req, aerr := spec.decode(body)
	if aerr != nil {
		e.answer(w, requestID, nil, aerr)
		return
	}
	e.mu.Lock()
	e.settle()
	out, aerr = spec.handle(e, &call{identity: id, spec: spec, requestID: requestID}, req)
	var gen uint64
	if !spec.read && aerr == nil { // handlers check before they change anything
		gen = e.changed()
	}
	e.mu.Unlock()
	// A change is answered once the state file holds it (persist.go).
	if err := e.commit(gen); err != nil {
		out, aerr = nil, errf("InternalError", "the emulator could not save its state: %v", err)
	}
	e.answer(w, requestID, out, aerr)
}

// finish counts an error answer by code and logs one line per request:
// request ID, service.Action, result code, latency and the caller's
// User-Agent. Never a secret.
func (e *Emulator) finish(requestID, label, userAgent string, aerr *apiError, dropped bool, latency time.Duration) {
	result := "OK"
	switch {
	case dropped:
		result = "DROPPED"
	case aerr != nil:
		result = aerr.Code
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if aerr != nil {
		e.stats.Errors[aerr.Code]++
	}
	if e.cfg.Log != nil {
		fmt.Fprintf(e.cfg.Log, "%s %s %s %s ua=%q\n", requestID, label, result, latency.Round(time.Microsecond), userAgent)
	}
}

// readBody reads at most hardBodyCap bytes; tooLarge with an empty body
// means the body was over the cap.
func readBody(rc io.Reader) (body []byte, tooLarge bool, err error) {
	body, err = io.ReadAll(io.LimitReader(rc, hardBodyCap+1))
	if err != nil {
		return nil, false, err
	}
	if len(body) > hardBodyCap {
		return nil, true, nil
	}
	return body, len(body) > maxBody, nil
}

// answer writes the Tencent envelope, always with HTTP 200: the output
// fields of out (a struct marshalled to a JSON object) and the RequestId.
func (e *Emulator) answer(w http.ResponseWriter, requestID string, out any, aerr *apiError) {
	var fields []byte
	if aerr != nil {
		fields, _ = json.Marshal(map[string]any{"Error": map[string]string{"Code": aerr.Code, "Message": aerr.Message}})
	} else if out != nil {
		fields, _ = json.Marshal(out)
	}
	id, _ := json.Marshal(requestID)
	var buf bytes.Buffer
	buf.Grow(len(fields) + 80)
	buf.WriteString(`{"Response":{`)
	if inner := bytes.TrimSpace(fields); len(inner) > 2 && inner[0] == '{' {
		buf.Write(inner[1 : len(inner)-1])
		buf.WriteByte(',')
	}
	buf.WriteString(`"RequestId":`)
	buf.Write(id)
	buf.WriteString("}}\n")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// dropConnection closes the connection without answering.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // the server closes the connection quietly
}

// newRequestID is a random UUID v4; request IDs need no reproducibility.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// call is what an action handler knows about its request.
type call struct {
	identity  identity
	spec      *actionSpec
	requestID string
}
