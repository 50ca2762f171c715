package provider

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
)

// endpointRule is what the endpoint setting must be.
const endpointRule = "must be an https:// URL, or http:// to a loopback host unless " + credentials.InsecureEndpointSetting + " is true"

// credentialsCheckDetail says why Configure's STS GetCallerIdentity failed
// and what to do.
func credentialsCheckDetail(resolved credentials.Resolved, err error) string {
	advice := "Check the network path to the endpoint, then run the command again."
	var netErr net.Error
	switch {
	case errors.As(err, &netErr) && netErr.Timeout():
		advice = "The endpoint did not answer in time: check that it is the right one and reachable. On a slow network raise request_timeout " +
			"(or " + credentials.EnvRequestTimeout + "); to fail sooner, lower max_retries."
	case strings.HasPrefix(api.Code(err), "AuthFailure"):
		advice = "The service refused the credentials: check the SecretId and SecretKey (and the security token of temporary credentials) in " + resolved.Source + "."
	}
	return fmt.Sprintf("The provider checks its credentials (from %s) once when it starts, with STS GetCallerIdentity, and that failed: %v\n\n%s "+
		"To skip this check, set skip_credentials_validation = true in the provider block.", resolved.Source, err, advice)
}
