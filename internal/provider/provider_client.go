package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// providerClient is embedded by every resource, data source and ephemeral
// resource of the provider: it keeps the *ProviderData handed over by
// Configure and tells, once per operation, whether there is one.
type providerClient struct {
	pd *ProviderData
}

// configure stores the framework's ProviderData; nil (before the provider is
// configured, e.g. during validate) is tolerated and leaves pd nil.
func (c *providerClient) configure(data any, diags *diag.Diagnostics) {
	c.pd = providerDataFrom(data, diags)
}

// configured reports an error when the provider could not be configured
// (e.g. its configuration was still unknown), instead of panicking; advice
// adds what else the user can do.
func (c *providerClient) configured(diags *diag.Diagnostics, advice ...string) bool {
	if c.pd == nil {
		addNotConfigured(diags, advice...)
		return false
	}
	return true
}
