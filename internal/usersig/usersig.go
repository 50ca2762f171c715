// Package usersig issues TRTC UserSig tickets: TLS signature version 2
// (HMAC-SHA256 over identifier, sdkappid, time and expiry; JSON; zlib;
// base64 with the URL-safe substitutions '+'->'*', '/'->'-', '='->'_').
package usersig

import (
	"bytes"
	"compress/zlib"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Doc is the signed document inside a UserSig, in the reference field order.
type Doc struct {
	Version    string `json:"TLS.ver"`
	Identifier string `json:"TLS.identifier"`
	SdkAppID   uint64 `json:"TLS.sdkappid"`
	Time       int64  `json:"TLS.time"`
	Expire     int64  `json:"TLS.expire"`
	Sig        string `json:"TLS.sig"`
}

// Generate issues a UserSig for userID valid for expire from now.
func Generate(sdkAppID uint64, secretKey, userID string, now time.Time, expire time.Duration) (string, error) {
	if userID == "" {
		return "", errors.New("user ID must not be empty")
	}
	doc := Doc{Version: "2.0", Identifier: userID, SdkAppID: sdkAppID, Time: now.Unix(), Expire: int64(expire / time.Second)}
	doc.Sig = sign(secretKey, doc)
	raw, err := json.Marshal(doc)
	if err != nil {
		return "", err
	}
	var compressed bytes.Buffer
	w := zlib.NewWriter(&compressed)
	if _, err := w.Write(raw); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return escaper.Replace(base64.StdEncoding.EncodeToString(compressed.Bytes())), nil
}

// Decode unpacks a UserSig without checking its signature.
func Decode(userSig string) (Doc, error) {
	var doc Doc
	compressed, err := base64.StdEncoding.DecodeString(unescaper.Replace(userSig))
	if err != nil {
		return doc, fmt.Errorf("user sig is not base64: %w", err)
	}
	r, err := zlib.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return doc, fmt.Errorf("user sig is not zlib: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(r, 1<<16))
	if err != nil {
		return doc, fmt.Errorf("user sig is not zlib: %w", err)
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return doc, fmt.Errorf("user sig is not JSON: %w", err)
	}
	return doc, nil
}

// Verify checks that userSig was signed with secretKey.
func Verify(userSig, secretKey string) (Doc, error) {
	doc, err := Decode(userSig)
	if err != nil {
		return doc, err
	}
	if !hmac.Equal([]byte(sign(secretKey, doc)), []byte(doc.Sig)) {
		return doc, errors.New("user sig signature does not match the key")
	}
	return doc, nil
}

func sign(secretKey string, d Doc) string {
	content := "TLS.identifier:" + d.Identifier + "\n" +
		"TLS.sdkappid:" + strconv.FormatUint(d.SdkAppID, 10) + "\n" +
		"TLS.time:" + strconv.FormatInt(d.Time, 10) + "\n" +
		"TLS.expire:" + strconv.FormatInt(d.Expire, 10) + "\n"
	mac := hmac.New(sha256.New, []byte(secretKey))
	mac.Write([]byte(content))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

var (
	escaper   = strings.NewReplacer("+", "*", "/", "-", "=", "_")
	unescaper = strings.NewReplacer("*", "+", "-", "/", "_", "=")
)
