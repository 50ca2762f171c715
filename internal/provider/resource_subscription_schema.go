package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

func (r *subscriptionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The package (edition) of one TRTC application: a free `Trial` or a paid edition bought for a number of months. " +
			"TRTC has no refund or cancel action: destroying this resource switches auto-renewal off and leaves the package active until `expire_time`. " +
			"Switching between two paid editions needs a Tencent Cloud service ticket: the plan warns, and apply refuses it before buying.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: idAsStringDescription,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The SdkAppId of the application. Changing it moves the resource to another application (the old package stays until it expires).",
				Required:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"edition": schema.StringAttribute{
				MarkdownDescription: "The edition to hold: `Trial` (7 days, 14 for Live; at most 2 per application and 10 per account) or a paid edition of the application's product " +
					"(RTCEngine: `Standard`, `Pro`; Call: `OneToOneCall`, `GroupCall`; Live and Conference offer only `Trial`). " +
					"A trial converts in place to a paid edition. After a package expired the state reads `Basic`, and the next apply buys this edition again.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(catalog.SubscribableEditions...)},
			},
			"period_months": schema.Int64Attribute{
				MarkdownDescription: "Months bought per purchase, one of `" + strings.Join(periodStrings(), "`, `") + "`. Required for a paid edition, not allowed for `Trial`. " +
					"A change alone buys nothing: it applies to the next purchase (a `renewal_trigger` change, or a purchase after expiry).",
				Optional:   true,
				Validators: []validator.Int64{int64validator.OneOf(catalog.Periods...)},
			},
			"auto_renew": schema.BoolAttribute{
				MarkdownDescription: "Renew the paid package for one month at each expiry. Defaults to `false`; cannot be `true` for `Trial`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"renewal_trigger": schema.StringAttribute{
				MarkdownDescription: "Any string; setting it to a new non-empty value buys the same paid edition again for `period_months`, which extends `expire_time` " +
					"(the console's manual renewal). Clearing it buys nothing. Not allowed for `Trial`.",
				Optional: true,
			},
			"product": schema.StringAttribute{
				MarkdownDescription: "The application's product (`RTCEngine`, `Call`, `Live` or `Conference`), which decides the editions offered.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`Active`, `Expired` (the package ran out and the application fell back to `Basic`) or `None` (no package ever held).",
				Computed:            true,
			},
			"start_time": schema.StringAttribute{
				MarkdownDescription: "When the current package started (RFC 3339, UTC); null for `Basic`.",
				Computed:            true,
			},
			"expire_time": schema.StringAttribute{
				MarkdownDescription: "When the current package ends (RFC 3339, UTC); null for `Basic`.",
				Computed:            true,
			},
			"trials_used": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Trials this application has claimed (at most %d).", catalog.MaxTrialsPerApp),
				Computed:            true,
			},
			"account_trials_used": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Trials the whole account has claimed (at most %d by default).", catalog.MaxTrialsPerAccount),
				Computed:            true,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *subscriptionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = appIdentitySchema()
}

// ValidateConfig enforces the edition rules that need no API call, so that
// `terraform validate` reports them before anything is bought.
func (r *subscriptionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg subscriptionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.Edition.IsUnknown() || cfg.Edition.IsNull() {
		return
	}
	edition := cfg.Edition.ValueString()
	if edition == catalog.EditionTrial {
		if !cfg.PeriodMonths.IsNull() {
			addAttributeError(&resp.Diagnostics, path.Root("period_months"), "period_months not allowed for a Trial",
				"period_months is only for paid editions: a Trial lasts 7 days (14 for Live) and is not bought for a period. Remove period_months, or choose a paid edition.")
		}
		if cfg.AutoRenew.ValueBool() {
			addAttributeError(&resp.Diagnostics, path.Root("auto_renew"), "auto_renew cannot be true for a Trial",
				"auto_renew = true is only for paid editions: a Trial does not renew. Remove auto_renew, or choose a paid edition.")
		}
		if !cfg.RenewalTrigger.IsNull() {
			addAttributeError(&resp.Diagnostics, path.Root("renewal_trigger"), "renewal_trigger not allowed for a Trial",
				"renewal_trigger buys the same paid edition again and is only for paid editions: a Trial cannot be renewed. Remove renewal_trigger.")
		}
		return
	}
	if cfg.PeriodMonths.IsNull() {
		addAttributeError(&resp.Diagnostics, path.Root("period_months"), "period_months required for a paid edition",
			fmt.Sprintf("period_months is required for edition %q: a paid edition is bought for %s months.", edition, periodList()))
	}
}
