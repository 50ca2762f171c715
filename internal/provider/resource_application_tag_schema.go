package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

func (r *applicationTagResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One tag key on a TRTC application, for a key that the application's own configuration does not manage " +
			"(do not set the same key in `trtc_application.tags`). Changing the value updates it in place.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<sdk_app_id>|<key>`, also the import ID (`|` cannot occur in a key; commas can).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The SdkAppId of the application to tag.",
				Required:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"key": schema.StringAttribute{
				MarkdownDescription: "The tag key: 1-127 characters of letters (any script), digits, inner spaces and `+ - = . _ : / @ ( ) [ ] , ; > < 【 】`; " +
					"keys starting with `qcs:`, `project` or `项目` are reserved.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validators.TagKey()},
			},
			"value": schema.StringAttribute{
				MarkdownDescription: "The tag value: 1-255 characters, same character rules as the key. Changed in place.",
				Required:            true,
				Validators:          []validator.String{validators.TagValue()},
			},
		},
	}
}

func (r *applicationTagResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = appTagIdentitySchema()
}
