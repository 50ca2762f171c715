package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// masked replaces a secret value in logs.
const masked = "***"

// secretKeys are JSON keys (compared case-insensitively) whose values are
// secrets: the account's and STS keys and tokens, the application's
// SDKSecretKey (DescribeSdkAppInfo's SecretKey) and UserSigs.
var secretKeys = map[string]bool{
	"secretkey": true, "secret_key": true, "tmpsecretkey": true, "sdksecretkey": true,
	"token": true, "securitytoken": true, "security_token": true, "sessiontoken": true,
	"tokencode": true, "usersig": true, "password": true, "privatekey": true,
}

// partialKeys are identifiers that are not secrets on their own but are
// shown only by their first characters.
var partialKeys = map[string]bool{
	"secretid": true, "secret_id": true, "tmpsecretid": true,
}

// MaskJSON renders a JSON body for logs with every secret value masked. A
// body that is not JSON is not shown at all, since it cannot be walked.
func MaskJSON(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Sprintf("<%d bytes, not JSON: not shown>", len(body))
	}
	out, err := json.Marshal(maskValue(v))
	if err != nil {
		return fmt.Sprintf("<%d bytes: not shown>", len(body))
	}
	return string(out)
}

func maskValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			lower := strings.ToLower(k)
			switch {
			case secretKeys[lower]:
				t[k] = masked
			case partialKeys[lower]:
				if s, ok := child.(string); ok {
					t[k] = Partial(s)
				} else {
					t[k] = masked
				}
			default:
				t[k] = maskValue(child)
			}
		}
		return t
	case []any:
		for i := range t {
			t[i] = maskValue(t[i])
		}
		return t
	}
	return v
}

// Partial shows the first four characters of an identifier.
func Partial(s string) string {
	if len(s) <= 8 {
		return masked
	}
	return s[:4] + masked
}

var signatureRE = regexp.MustCompile(`Signature=[0-9A-Fa-f]*`)
var credentialRE = regexp.MustCompile(`Credential=([^/,\s]*)`)

// MaskHeaders renders headers for logs: the token and the signature masked,
// the SecretId shortened.
func MaskHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		value := strings.Join(h.Values(name), ", ")
		switch strings.ToLower(name) {
		case "x-tc-token", "cookie", "set-cookie":
			value = masked
		case "authorization":
			value = signatureRE.ReplaceAllString(value, "Signature="+masked)
			value = credentialRE.ReplaceAllStringFunc(value, func(m string) string {
				return "Credential=" + Partial(strings.TrimPrefix(m, "Credential="))
			})
		}
		out[name] = value
	}
	return out
}
