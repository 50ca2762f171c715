// Package tc3 implements Tencent Cloud's TC3-HMAC-SHA256 request signature (API
// 3.0, internal/api/README.md, Transport). The emulator verifies with the same
// code that the client signs with; the official SDK is the test oracle for both.
package tc3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Algorithm is the only algorithm name TC3 signatures carry.
const Algorithm = "TC3-HMAC-SHA256"

// Request is what a signature covers.
type Request struct {
	Service   string            // "trtc", "tag", "sts": the credential scope's service
	Headers   map[string]string // the signed headers; names in any case
	Payload   []byte            // the exact body bytes
	Timestamp int64             // unix seconds, the X-TC-Timestamp header
}

// Date is the UTC date of a timestamp, as the credential scope spells it.
func Date(timestamp int64) string {
	return time.Unix(timestamp, 0).UTC().Format("2006-01-02")
}

// Scope is the credential scope "<date>/<service>/tc3_request".
func Scope(timestamp int64, service string) string {
	return Date(timestamp) + "/" + service + "/tc3_request"
}

// SignedHeaderNames returns the sorted, lower-case names joined by ';'.
func SignedHeaderNames(headers map[string]string) string {
	names := make([]string, 0, len(headers))
	for name := range headers {
		names = append(names, strings.ToLower(name))
	}
	sort.Strings(names)
	return strings.Join(names, ";")
}

// CanonicalRequest builds the canonical request of step 1.
func CanonicalRequest(r Request) string {
	lower := make(map[string]string, len(r.Headers))
	for name, value := range r.Headers {
		lower[strings.ToLower(name)] = strings.TrimSpace(value)
	}
	names := SignedHeaderNames(r.Headers)
	var canonical strings.Builder
	for _, name := range strings.Split(names, ";") {
		canonical.WriteString(name + ":" + strings.ToLower(lower[name]) + "\n")
	}
	return "POST\n/\n\n" + canonical.String() + "\n" + names + "\n" + sha256Hex(r.Payload)
}

// StringToSign builds the string of step 2.
func StringToSign(r Request) string {
	return Algorithm + "\n" + fmt.Sprint(r.Timestamp) + "\n" + Scope(r.Timestamp, r.Service) + "\n" +
		sha256Hex([]byte(CanonicalRequest(r)))
}

// Signature is the lower-case hex signature of step 3.
func Signature(secretKey string, r Request) string {
	secretDate := hmacSHA256([]byte("TC3"+secretKey), Date(r.Timestamp))
	secretService := hmacSHA256(secretDate, r.Service)
	secretSigning := hmacSHA256(secretService, "tc3_request")
	return hex.EncodeToString(hmacSHA256(secretSigning, StringToSign(r)))
}

// Authorization is the Authorization header value of step 4.
func Authorization(secretID, secretKey string, r Request) string {
	return Algorithm + " Credential=" + secretID + "/" + Scope(r.Timestamp, r.Service) +
		", SignedHeaders=" + SignedHeaderNames(r.Headers) + ", Signature=" + Signature(secretKey, r)
}

// ParsedAuthorization is an Authorization header taken apart.
type ParsedAuthorization struct {
	SecretID      string
	Date          string
	Service       string
	SignedHeaders []string
	Signature     string
}

// ParseAuthorization takes an Authorization header apart; ok is false when
// it is not a well-formed TC3 header.
func ParseAuthorization(header string) (ParsedAuthorization, bool) {
	var p ParsedAuthorization
	rest, found := strings.CutPrefix(header, Algorithm+" ")
	if !found {
		return p, false
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return p, false
		}
		fields[key] = value
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 4 || scope[3] != "tc3_request" || scope[0] == "" || scope[2] == "" {
		return p, false
	}
	if fields["SignedHeaders"] == "" || len(fields["Signature"]) != 64 {
		return p, false
	}
	p.SecretID, p.Date, p.Service = scope[0], scope[1], scope[2]
	p.SignedHeaders = strings.Split(fields["SignedHeaders"], ";")
	p.Signature = fields["Signature"]
	return p, true
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256(key []byte, msg string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msg))
	return mac.Sum(nil)
}
