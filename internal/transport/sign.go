package transport

import (
	"net/http"
	"strconv"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tc3"
)

// ContentType is the body type of every call (internal/api/README.md,
// Transport).
const ContentType = "application/json; charset=utf-8"

// Language asks for English error messages.
const Language = "en-US"

// signedCall is what the headers of one attempt are built from.
type signedCall struct {
	Service, Version, Action string
	Region                   string // "" omits X-TC-Region
	Host                     string // the Host header actually sent
	ContentType              string
	Body                     []byte
	Timestamp                int64
	Credential               Credential
}

// regionFor is the X-TC-Region of a service: tag and sts are global.
func regionFor(service, region string) string {
	switch service {
	case api.ServiceTag, api.ServiceSTS:
		return ""
	}
	return region
}

// authorization signs content-type and host, as the official SDK does.
func authorization(c signedCall) string {
	return tc3.Authorization(c.Credential.SecretID, c.Credential.SecretKey, tc3.Request{
		Service:   c.Service,
		Headers:   map[string]string{"Content-Type": c.ContentType, "Host": c.Host},
		Payload:   c.Body,
		Timestamp: c.Timestamp,
	})
}

// setHeaders replaces the TC headers of req with a fresh signature for c.
func setHeaders(req *http.Request, c signedCall) {
	h := req.Header
	req.Host = c.Host
	h.Set("Content-Type", c.ContentType)
	h.Set("X-TC-Action", c.Action)
	h.Set("X-TC-Version", c.Version)
	h.Set("X-TC-Timestamp", strconv.FormatInt(c.Timestamp, 10))
	h.Set("X-TC-Language", Language)
	h.Del("X-TC-Region")
	if c.Region != "" {
		h.Set("X-TC-Region", c.Region)
	}
	h.Del("X-TC-Token")
	if c.Credential.Token != "" {
		h.Set("X-TC-Token", c.Credential.Token)
	}
	h.Set("Authorization", authorization(c))
}
