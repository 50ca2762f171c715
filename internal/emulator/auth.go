package emulator

import (
	"crypto/hmac"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/tc3"
)

// signatureWindow is how far X-TC-Timestamp may be from server time [public].
const signatureWindow = 300 * time.Second

// identity is who signed a request.
type identity struct {
	service  string
	secretID string
	tmp      *tmpCredential // nil for the account's permanent key
}

// tmpCredential is a credential issued by STS AssumeRole.
type tmpCredential struct {
	secretKey, token string
	expires          time.Time // emulator time
	roleArn, session string
}

// authenticate runs the signature checks in their order
// (internal/api/README.md, Transport).
func (e *Emulator) authenticate(r *http.Request, body []byte) (identity, *apiError) {
	var id identity
	header := r.Header.Get("Authorization")
	if header == "" {
		return id, errf("AuthFailure.SignatureFailure", "the Authorization header is missing")
	}
	auth, ok := tc3.ParseAuthorization(header)
	if !ok {
		return id, errf("AuthFailure.SignatureFailure", "the Authorization header is not a well-formed TC3-HMAC-SHA256 header")
	}
	timestamp, err := strconv.ParseInt(strings.TrimSpace(r.Header.Get("X-TC-Timestamp")), 10, 64)
	if err != nil {
		return id, errf("AuthFailure.SignatureFailure", "the X-TC-Timestamp header is missing or not unix seconds")
	}
	id.service, id.secretID = auth.Service, auth.SecretID

	e.mu.Lock()
	secretKey := ""
	if auth.SecretID == e.cfg.SecretID {
		secretKey = e.cfg.SecretKey
	} else if tmp, found := e.tmpKeys[auth.SecretID]; found {
		id.tmp = tmp
		secretKey = tmp.secretKey
	}
	// The window uses the signature clock without the advanced offset:
	// clients sign with their own clock, which Advance does not move.
	serverNow := e.cfg.SignatureClock.Now()
	emulatorNow := e.now()
	e.mu.Unlock()

	if secretKey == "" {
		return id, errf("AuthFailure.SecretIdNotFound", "the SecretId %s is not known", auth.SecretID)
	}
	skew := serverNow.Sub(time.Unix(timestamp, 0))
	if skew > signatureWindow || skew < -signatureWindow {
		return id, errf("AuthFailure.SignatureExpire", "the request timestamp %d is more than %d seconds from server time %d",
			timestamp, int(signatureWindow.Seconds()), serverNow.Unix())
	}
	if id.tmp != nil {
		token := r.Header.Get("X-TC-Token")
		switch {
		case token == "":
			return id, errf("AuthFailure.TokenFailure", "temporary credentials need their token in X-TC-Token")
		case !hmac.Equal([]byte(token), []byte(id.tmp.token)):
			return id, errf("AuthFailure.TokenFailure", "the X-TC-Token does not belong to these temporary credentials")
		case !emulatorNow.Before(id.tmp.expires):
			return id, errf("AuthFailure.TokenFailure", "the temporary credentials expired at %s", messageTime(id.tmp.expires))
		}
	}
	signed := make(map[string]string, len(auth.SignedHeaders))
	for _, name := range auth.SignedHeaders {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			return id, errf("AuthFailure.SignatureFailure", "SignedHeaders names an empty header")
		}
		if name == "host" {
			signed[name] = r.Host
		} else {
			signed[name] = r.Header.Get(name)
		}
	}
	want := tc3.Signature(secretKey, tc3.Request{Service: auth.Service, Headers: signed, Payload: body, Timestamp: timestamp})
	if auth.Date != tc3.Date(timestamp) || !hmac.Equal([]byte(want), []byte(strings.ToLower(auth.Signature))) {
		return id, errf("AuthFailure.SignatureFailure", "the request signature does not match; check the SecretKey and the signing steps")
	}
	return id, nil
}
