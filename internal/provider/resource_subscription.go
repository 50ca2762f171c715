package provider

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

var (
	_ resource.ResourceWithConfigure      = &subscriptionResource{}
	_ resource.ResourceWithImportState    = &subscriptionResource{}
	_ resource.ResourceWithIdentity       = &subscriptionResource{}
	_ resource.ResourceWithModifyPlan     = &subscriptionResource{}
	_ resource.ResourceWithValidateConfig = &subscriptionResource{}
)

// Subscription writes are single calls; the timeouts bound them together with
// the read-back that waits for the new package to show.
const subscriptionDefaultTimeout = 5 * time.Minute

// NewSubscriptionResource is the constructor of trtc_subscription.
func NewSubscriptionResource() resource.Resource { return &subscriptionResource{} }

type subscriptionResource struct {
	providerClient
}

type subscriptionModel struct {
	ID                types.String   `tfsdk:"id"`
	SdkAppID          types.Int64    `tfsdk:"sdk_app_id"`
	Edition           types.String   `tfsdk:"edition"`
	PeriodMonths      types.Int64    `tfsdk:"period_months"`
	AutoRenew         types.Bool     `tfsdk:"auto_renew"`
	RenewalTrigger    types.String   `tfsdk:"renewal_trigger"`
	Product           types.String   `tfsdk:"product"`
	Status            types.String   `tfsdk:"status"`
	StartTime         types.String   `tfsdk:"start_time"`
	ExpireTime        types.String   `tfsdk:"expire_time"`
	TrialsUsed        types.Int64    `tfsdk:"trials_used"`
	AccountTrialsUsed types.Int64    `tfsdk:"account_trials_used"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

func (m *subscriptionModel) appID() uint64 { return uint64(m.SdkAppID.ValueInt64()) }

func (r *subscriptionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subscription"
}

func (r *subscriptionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The package (edition) of one TRTC application: a free `Trial` or a paid edition bought for a number of months. " +
			"TRTC has no refund or cancel action: destroying this resource switches auto-renewal off and leaves the package active until `expire_time`. " +
			"Switching between two paid editions needs a Tencent Cloud service ticket: the plan warns, and apply refuses it before buying.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The `sdk_app_id` as a string.",
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
				MarkdownDescription: "Months bought per purchase, one of " + joinQuoted(periodStrings()) + ". Required for a paid edition, not allowed for `Trial`. " +
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

func (r *subscriptionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *subscriptionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan subscriptionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, subscriptionDefaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := plan.appID()
	current, err := finder.SubscriptionByAppID(ctx, r.pd.API, id)
	if err != nil {
		resp.Diagnostics.AddError("Reading the subscription of application "+strconv.FormatUint(id, 10), err.Error())
		return
	}
	edition := plan.Edition.ValueString()
	var expect func(*api.DescribeAppSubscriptionResponse) bool // nil: nothing written, current is the answer
	if current.Status == api.SubscriptionActive && current.Edition == edition {
		// Adopt instead of buying again: the package may have outlived an
		// earlier destroy, and a second purchase would be charged.
		resp.Diagnostics.AddWarning("Existing package adopted",
			fmt.Sprintf("Application %d already holds an active %s package until %s; it was adopted without buying. Change renewal_trigger to buy more months.",
				id, edition, formatWireTime(current.ExpireTime)))
		if edition != catalog.EditionTrial && current.AutoRenew != plan.AutoRenew.ValueBool() {
			if !r.setAutoRenew(ctx, id, plan.AutoRenew.ValueBool(), &resp.Diagnostics) {
				return
			}
			expect = autoRenewIs(plan.AutoRenew.ValueBool())
		}
	} else {
		expect = r.purchase(ctx, &plan, current, &resp.Diagnostics)
		if expect == nil {
			return
		}
	}

	// From here the package exists: keep the ID in state whatever happens, so
	// a failed read-back leaves a tainted resource instead of an orphan.
	plan.ID = types.StringValue(strconv.FormatUint(id, 10))
	setIdentity(ctx, resp.Identity, appIdentity(id), &resp.Diagnostics)
	if expect == nil {
		plan.fill(current) // adopted as read above: reading it again would tell nothing new
	} else {
		r.readBack(ctx, &plan, expect, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// purchase starts a trial or buys the planned paid edition, and returns what
// the read-back must see; nil after an error.
func (r *subscriptionResource) purchase(ctx context.Context, plan *subscriptionModel, current *api.DescribeAppSubscriptionResponse, diags *diag.Diagnostics) func(*api.DescribeAppSubscriptionResponse) bool {
	id, edition := plan.appID(), plan.Edition.ValueString()
	held, heldUntil := "", ""
	if current.Status == api.SubscriptionActive {
		held, heldUntil = current.Edition, formatWireTime(current.ExpireTime)
	}
	if summary, detail := editionRefusal(current.Product, held, edition, heldUntil, id); summary != "" {
		diags.AddAttributeError(path.Root("edition"), summary, detail+" Nothing was bought.")
		return nil
	}
	if edition == catalog.EditionTrial {
		return r.claimTrial(ctx, plan, current, diags)
	}
	token, err := newClientToken()
	if err != nil {
		diags.AddError("Generating a ClientToken", err.Error())
		return nil
	}
	months := plan.PeriodMonths.ValueInt64()
	tflog.Info(ctx, "buying a paid edition", map[string]any{"sdk_app_id": logID(id), "edition": edition, "period_months": months})
	callCtx, cancelCall := withoutStop(ctx)
	defer cancelCall()
	out, err := r.pd.API.CreateAppSubscription(callCtx, &api.CreateAppSubscriptionRequest{
		SdkAppId:     id,
		Edition:      edition,
		PeriodMonths: months,
		AutoRenew:    api.Ptr(plan.AutoRenew.ValueBool()),
		ClientToken:  api.Ptr(token),
	})
	if err != nil {
		r.addPurchaseError(diags, plan, current, err)
		return nil
	}
	autoRenew := plan.AutoRenew.ValueBool()
	until := editionUntil(edition, out.ExpireTime)
	return func(s *api.DescribeAppSubscriptionResponse) bool { return until(s) && s.AutoRenew == autoRenew }
}

func (r *subscriptionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state subscriptionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
		return
	}
	setIdentity(ctx, resp.Identity, appIdentity(state.appID()), &resp.Diagnostics)
	out, err := finder.SubscriptionByAppID(ctx, r.pd.API, state.appID())
	if api.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Application gone, subscription removed from state",
			fmt.Sprintf("Application %d no longer exists, so its subscription was removed from the Terraform state.", state.appID()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Reading the subscription of application "+state.ID.ValueString(), readErrorDetail(state.appID(), err))
		return
	}
	state.fill(out)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *subscriptionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state subscriptionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
		return
	}
	setIdentity(ctx, resp.Identity, appIdentity(plan.appID()), &resp.Diagnostics) // also when Terraform (< 1.12) planned none
	timeout, diags := plan.Timeouts.Update(ctx, subscriptionDefaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	expect := func(*api.DescribeAppSubscriptionResponse) bool { return true }
	if plannedPurchase(&state, &plan) {
		current, err := finder.SubscriptionByAppID(ctx, r.pd.API, plan.appID())
		if err != nil {
			resp.Diagnostics.AddError("Reading the subscription of application "+plan.ID.ValueString(), err.Error())
			return
		}
		if expect = r.purchase(ctx, &plan, current, &resp.Diagnostics); expect == nil {
			return
		}
	} else if !plan.AutoRenew.Equal(state.AutoRenew) && plan.Edition.ValueString() != catalog.EditionTrial {
		if !r.setAutoRenew(ctx, plan.appID(), plan.AutoRenew.ValueBool(), &resp.Diagnostics) {
			return
		}
		expect = autoRenewIs(plan.AutoRenew.ValueBool())
	}
	r.readBack(ctx, &plan, expect, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *subscriptionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state subscriptionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.configured(&resp.Diagnostics) {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, subscriptionDefaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.appID()
	// No refund or cancel exists: stop the renewals and let the package run
	// out. A trial never renews, so there is nothing to switch off.
	var err error
	if state.Edition.ValueString() != catalog.EditionTrial {
		_, err = r.pd.API.ModifyAppSubscriptionAutoRenew(ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: id, AutoRenew: false})
	}
	switch {
	case api.IsNotFound(err):
		return // the application is gone, and its package with it
	case err != nil && !api.HasCode(err, api.CodeNoPaidEdition):
		resp.Diagnostics.AddError("Switching auto-renewal off for application "+state.ID.ValueString(), err.Error())
		return
	}
	out, err := finder.SubscriptionByAppID(ctx, r.pd.API, id)
	if err != nil {
		if !api.IsNotFound(err) {
			tflog.Warn(ctx, "could not read the subscription after switching auto-renewal off", map[string]any{"error": err.Error()})
		}
		return
	}
	if summary, detail := deleteWarning(id, out); summary != "" {
		resp.Diagnostics.AddWarning(summary, detail)
	}
}

func (r *subscriptionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importBySdkAppID(ctx, "trtc_subscription", req, resp)
}

func (r *subscriptionResource) setAutoRenew(ctx context.Context, id uint64, on bool, diags *diag.Diagnostics) bool {
	_, err := r.pd.API.ModifyAppSubscriptionAutoRenew(ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: id, AutoRenew: on})
	if err != nil {
		summary, detail := explainSubscriptionError(err, purchaseFacts{SdkAppID: id})
		diags.AddError(summary, detail)
		return false
	}
	return true
}

// fill copies what DescribeAppSubscription reports into the model. An expired
// package reads as Basic, so the next plan shows the purchase it would make.
func (m *subscriptionModel) fill(out *api.DescribeAppSubscriptionResponse) {
	m.Edition = types.StringValue(out.Edition)
	m.AutoRenew = types.BoolValue(out.AutoRenew)
	m.Product = types.StringValue(out.Product)
	m.Status = types.StringValue(out.Status)
	m.StartTime = wireTimeValue(out.StartTime)
	m.ExpireTime = wireTimeValue(out.ExpireTime)
	m.TrialsUsed = types.Int64Value(out.TrialsUsed)
	m.AccountTrialsUsed = types.Int64Value(out.AccountTrialsUsed)
}
