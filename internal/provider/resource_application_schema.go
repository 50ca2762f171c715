package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/planmodifiers"
	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

func (r *applicationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TRTC application (an `SDKAppID` with its `SDKSecretKey`). Enabling, disabling and deleting " +
			"take 3 to 5 minutes to propagate in TRTC; applies wait for them, within the `timeouts`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: idAsStringDescription,
				Computed:            true,
				PlanModifiers:       keep,
			},
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The `SDKAppID`, generated at creation.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Application name: " + validators.AppNameRule + ".",
				Required:            true,
				Validators:          []validator.String{validators.AppName()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Application description: " + validators.DescriptionRule + ". Defaults to `\"\"`.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{validators.Description()},
			},
			"product": schema.StringAttribute{
				MarkdownDescription: "Product of the application, one of `" + strings.Join(catalog.Products, "`, `") + "`. Changing it replaces the application.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(catalog.Products...)},
				PlanModifiers:       replace,
			},
			"data_region": schema.StringAttribute{
				MarkdownDescription: "Chat data region, one of `" + strings.Join(catalog.DataRegions, "`, `") + "`; `Live` supports only `" +
					strings.Join(catalog.LiveDataRegions, "`, `") + "`. Defaults to `" + catalog.DefaultDataRegion + "`. Changing it replaces the application.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(catalog.DefaultDataRegion),
				Validators:    []validator.String{stringvalidator.OneOf(catalog.DataRegions...)},
				PlanModifiers: replace,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`enabled` or `disabled`, defaults to `enabled`: the status TRTC records as the target. A change takes 3 to 5 minutes " +
					"to take effect (`status_in_effect`). Reads report the target, so a change requested outside Terraform, or still pending " +
					"after an interrupted apply, shows in the next plan: one away from the configuration is planned as its reversal " +
					"(TRTC can re-enable during a pending disable, and the reverse), one toward it as an update that waits for it.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(appStatusEnabled),
				Validators: []validator.String{stringvalidator.OneOf(appStatusEnabled, appStatusDisabled)},
			},
			"status_in_effect": schema.StringAttribute{
				MarkdownDescription: "The status in effect, `enabled` or `disabled`. It differs from `status` while a change propagates; " +
					"then the plan shows an update that waits until it equals `status`.",
				Computed: true,
			},
			"deletion_protection": schema.BoolAttribute{
				MarkdownDescription: "When `true`, a plan that destroys or replaces the application fails, before anything is touched. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the application (authoritative: tags set elsewhere are removed). At most 50; keys " +
					validators.TagKeyRule + "; values " + validators.TagValueRule + ".",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  validators.Tags(),
			},
			"tags_all": schema.MapAttribute{
				MarkdownDescription: "The tags the application carries: the provider's `default_tags` overlaid with `tags` (the resource's value wins on a shared key); " +
					"without the keys of the provider's `ignore_tags`.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"sdk_secret_key": schema.StringAttribute{
				MarkdownDescription: "The `SDKSecretKey` used to sign UserSigs.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"create_time": schema.StringAttribute{
				MarkdownDescription: "Creation time (RFC 3339, UTC).",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"disabled_reason": schema.StringAttribute{
				MarkdownDescription: "Why the application is disabled: `Manual`, `Overdue` or `NoPackage`; null when enabled.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{planmodifiers.UseStateForUnknownUnless(path.Root("status"))},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// ValidateConfig checks the rules that involve two attributes.
func (r *applicationResource) ValidateConfig(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	// Every plan validates every application: the two values are read from
	// the raw configuration, without decoding it all (see applicationDecoder).
	var attrs map[string]tftypes.Value
	var product, region *string
	if req.Config.Raw.As(&attrs) != nil || attrs["product"].As(&product) != nil || attrs["data_region"].As(&region) != nil ||
		product == nil || region == nil {
		return // unknown (As refuses it) or null: nothing to check yet
	}
	if !slices.Contains(catalog.DataRegions, *region) {
		return // the attribute's own validator reports it: one error for one typo
	}
	allowed := catalog.RegionsFor(*product)
	if slices.Contains(allowed, *region) {
		return
	}
	addAttributeError(&resp.Diagnostics, path.Root("data_region"), "Data region not supported by the product",
		fmt.Sprintf("Attribute data_region must be one of %s for product %s, got: %q",
			strings.Join(allowed, ", "), *product, *region))
}

func (r *applicationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = appIdentitySchema()
}
