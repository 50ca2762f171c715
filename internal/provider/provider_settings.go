package provider

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
)

// settingRule checks a provider setting written in the block with the rule
// that credentials.Resolve applies to the same setting from the
// environment, so both sources accept the same values.
type settingRule struct {
	description string
	check       func(string) error
}

var _ validator.String = settingRule{}

func (v settingRule) Description(context.Context) string { return v.description }

func (v settingRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v settingRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		addAttributeError(&resp.Diagnostics, req.Path, "Invalid "+req.Path.String(), req.Path.String()+" = "+quote(req.ConfigValue.ValueString())+" is not valid: "+err.Error()+".")
	}
}

// endpointRule is the endpoint's check, which depends on insecure_endpoint.
type endpointRule struct{}

func (endpointRule) Description(context.Context) string {
	return "must be an https:// URL, or http:// to a loopback host unless " + credentials.InsecureEndpointSetting + " is true"
}

func (v endpointRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointRule) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var insecure types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(credentials.InsecureEndpointSetting), &insecure)...)
	// An unknown insecure_endpoint may turn out true: Configure checks again.
	allow := insecure.ValueBool() || insecure.IsUnknown()
	rule := settingRule{check: func(s string) error { return credentials.CheckEndpoint(s, allow) }}
	rule.ValidateString(ctx, req, resp)
}

func quote(s string) string { return `"` + s + `"` }

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
