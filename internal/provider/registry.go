package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the managed resource types.
func (p *trtcProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewApplicationResource,
		NewApplicationTagResource,
		NewSubscriptionResource,
	}
}

// DataSources lists the data source types.
func (p *trtcProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewApplicationDataSource,
		NewApplicationsDataSource,
		NewApplicationStatusDataSource,
	}
}

// EphemeralResources lists the ephemeral resource types.
func (p *trtcProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewUserSigEphemeralResource,
	}
}

// ListResources lists the list resource types (terraform query): one constructor per line.
func (p *trtcProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewApplicationListResource,
	}
}
