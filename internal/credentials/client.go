package credentials

import (
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// NewClient is an API client that signs as the provider does for res: its
// region and endpoint, its credentials or the role they assume. opts sets
// the rest (retries, rate limit, clock); its AttemptTimeout, when unset, is
// res's request timeout.
func NewClient(res Resolved, opts transport.Options) *api.Client {
	return api.New(NewTransport(res, opts))
}

// NewTransport is NewClient's transport, for callers that wrap it.
func NewTransport(res Resolved, opts transport.Options) *transport.Client {
	opts.Region, opts.Endpoint = res.Region, res.Endpoint
	if opts.AttemptTimeout == 0 {
		opts.AttemptTimeout = res.RequestTimeout
	}
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	opts.Credentials = NewSource(res, func(base transport.CredentialSource) RoleAssumer {
		stsOpts := opts
		stsOpts.Credentials = base
		return api.New(transport.New(stsOpts))
	}, opts.Clock)
	return transport.New(opts)
}

// FromEnvironment resolves credentials, region and endpoint as a provider
// block with nothing set would: TENCENTCLOUD_*, TRTC_ENDPOINT, then the
// tccli profile file.
func FromEnvironment() (Resolved, error) { return Resolver{}.Resolve(Config{}) }
