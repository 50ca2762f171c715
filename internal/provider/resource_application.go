package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tagging"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// Default timeouts, sized for 3-5 minute propagations.
const (
	appCreateTimeout = 10 * time.Minute
	appUpdateTimeout = 10 * time.Minute
	appDeleteTimeout = 15 * time.Minute
)

var (
	_ resource.ResourceWithConfigure      = &applicationResource{}
	_ resource.ResourceWithImportState    = &applicationResource{}
	_ resource.ResourceWithValidateConfig = &applicationResource{}
	_ resource.ResourceWithIdentity       = &applicationResource{}
)

// NewApplicationResource returns the trtc_application resource.
func NewApplicationResource() resource.Resource { return &applicationResource{} }

type applicationResource struct {
	providerClient
}

func (r *applicationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application"
}

func (r *applicationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *applicationResource) deps() waiters.Deps {
	return waiters.ForClient(r.pd.API, r.pd.Clock, r.pd.Waits())
}

// Create and Update record the application as they last saw it after their
// writes, instead of reading it once more: as the read that found the new
// application readable, or as the status wait polled it last (a direct
// read, or the shared listing, which shows only the status in effect: see
// setSeen). Tags are read back from the Tag service after they were
// written, except where Update's wait used the listing, which has them;
// tags Update did not write are the state's.
func (r *applicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan applicationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, d := plan.Timeouts.Create(ctx, appCreateTimeout)
	resp.Diagnostics.Append(d...)
	tags := r.tagsAll(ctx, &plan, &resp.Diagnostics) // with the provider's default_tags
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	in := &api.CreateTrtcAppRequest{
		AppName:     plan.Name.ValueString(),
		Product:     plan.Product.ValueString(),
		DataRegion:  api.Ptr(plan.DataRegion.ValueString()),
		ClientToken: api.Ptr(newClientToken()),
	}
	if desc := plan.Description.ValueString(); desc != "" {
		in.Description = api.Ptr(desc)
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		in.Tags = append(in.Tags, api.Tag{TagKey: k, TagValue: tags[k]})
	}
	// Ctrl-C must not lose the answer of a create that reached the server.
	createCtx, cancelCreate := withoutStop(ctx)
	out, err := r.pd.API.CreateTrtcApp(createCtx, in)
	cancelCreate()
	if err != nil {
		addFailure(&resp.Diagnostics, "create", fmt.Sprintf("TRTC application %q", plan.Name.ValueString()), err, "")
		return
	}
	id := out.SdkAppId
	tflog.Info(ctx, "created TRTC application", map[string]any{"sdk_app_id": logID(id)})
	// Record the application at once, with the planned values (timeouts
	// included, so that an untaint plans no change of them): if anything
	// below fails, Terraform keeps it instead of losing track of it.
	resp.Diagnostics.Append(resp.State.Set(ctx, plan.created(id))...)
	setIdentity(ctx, resp.Identity, appIdentity(id), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	app, err := waiters.WaitAppReadable(ctx, r.deps(), id)
	if err != nil {
		addFailure(&resp.Diagnostics, "read the new", appObject(id), err,
			"The application exists and is in the state, marked tainted because it could not be read: the next terraform apply "+
				"replaces it (deletes it and creates a new one). To keep it instead, run terraform untaint on this resource before that apply.")
		return
	}
	// CreateTrtcApp wrote the tags: read them back now, before a disable
	// that may outlast ctx (its outcome is saved all the same).
	onApp, err := finder.TagsByAppID(ctx, r.pd.API, id)
	if err != nil {
		addFailure(&resp.Diagnostics, "read the tags of", appObject(id), err, "")
		return
	}
	disable := plan.Status.ValueString() == appStatusDisabled
	plan.setFromApp(app, &resp.Diagnostics)
	plan.setTags(onApp, r.pd.tagRules())
	if disable {
		seen, err := r.setStatus(ctx, id, appStatusDisabled)
		if err != nil && (seen == nil || ctx.Err() == nil) {
			addFailure(&resp.Diagnostics, "disable the new", appObject(id), err, waitAdvice(err, "create"))
			return
		}
		plan.setSeen(seen, appStatusDisabled, &resp.Diagnostics)
		if err != nil {
			// Timed out or interrupted: the application exists and only the
			// disable is propagating. Keeping it untainted (a warning, not an
			// error) lets the next apply finish the wait in place instead of
			// replacing the application, which would loop when the timeout is
			// shorter than the propagation.
			addWarning(&resp.Diagnostics, stillPropagating("the new "+appObject(id), appStatusDisabled), joinSentences(err.Error(),
				fmt.Sprintf("The application was created and saved in the state (not tainted), with status = \"disabled\" and status_in_effect = %q. "+
					"The next terraform plan shows an in-place update of status_in_effect and terraform apply waits for the disable to take effect; "+
					"it does not replace the application.", appStatusEnabled)))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *applicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state applicationModel
	resp.Diagnostics.Append(applicationDecoder().get(ctx, req.State.Raw, &state)...) // once per application of a refresh
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := state.appID(&resp.Diagnostics)
	if !ok {
		return
	}
	setIdentity(ctx, resp.Identity, appIdentity(id), &resp.Diagnostics)
	prior := state
	found := r.read(ctx, id, &state, &resp.Diagnostics)
	switch {
	case found.deleting:
		addDeletionUnderWay(&resp.Diagnostics, appObject(id))
		resp.State.RemoveResource(ctx)
		return
	case found.gone:
		addVanished(&resp.Diagnostics, appObject(id), "It was deleted outside Terraform.")
		resp.State.RemoveResource(ctx)
		return
	}
	if resp.Private != nil { // for the plan's warning on a change that only waits
		keepRequestedAt(ctx, resp.Private, found.requestedAt, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() || state.sameAs(&prior) {
		return // resp.State already holds the prior state: writing it again is a large plan's main cost
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *applicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan, state applicationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, d := plan.Timeouts.Update(ctx, appUpdateTimeout)
	resp.Diagnostics.Append(d...)
	desiredTags := r.tagsAll(ctx, &plan, &resp.Diagnostics) // with the provider's default_tags
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id, ok := state.appID(&resp.Diagnostics)
	if !ok {
		return
	}
	// Terraform < 1.12 plans no identity, yet the framework wants one back.
	setIdentity(ctx, resp.Identity, appIdentity(id), &resp.Diagnostics)

	info := &api.ModifyAppInfoRequest{SdkAppId: id}
	if !plan.Name.Equal(state.Name) {
		info.AppName = api.Ptr(plan.Name.ValueString())
	}
	if !plan.Description.Equal(state.Description) {
		info.Description = api.Ptr(plan.Description.ValueString())
	}
	if info.AppName != nil || info.Description != nil {
		_, err := r.pd.API.ModifyAppInfo(ctx, info)
		if err != nil {
			addFailure(&resp.Diagnostics, "update", appObject(id), err, "")
			return
		}
	}
	// Tags are written only when they change; unchanged, the state's are on
	// the application.
	tags := state.appliedTags(ctx, r.pd.IgnoreTags, &resp.Diagnostics)
	tagsWritten := !maps.Equal(tags, desiredTags)
	if tagsWritten {
		if err := r.updateTags(ctx, id, tags, desiredTags); err != nil {
			addFailure(&resp.Diagnostics, "update the tags of", appObject(id), tagWriteError(err), "")
			return
		}
	}
	// seen is the application after every write above: as the status wait
	// saw it last, else read now.
	var seen *waiters.AppState
	want := plan.Status.ValueString()
	if !plan.Status.Equal(state.Status) || state.statusPending() {
		change := r.setStatus
		if plan.Status.Equal(state.Status) {
			change = r.awaitStatus // only a wait is planned
		}
		var err error
		requested := r.pd.Clock.Now()
		if seen, err = change(ctx, id, want); err != nil {
			if cutShort(err) {
				if !plan.Status.Equal(state.Status) && resp.Private != nil { // asked just now: the next plan tells when
					keepRequestedAt(ctx, resp.Private, formatTime(requested), &resp.Diagnostics)
				}
				addError(&resp.Diagnostics, stillPropagating(appObject(id), want), joinSentences(err.Error(), waitAdvice(err, "update")))
			} else {
				addFailure(&resp.Diagnostics, "change the status of", appObject(id), err, waitAdvice(err, "update"))
			}
			r.saveAfterFailure(ctx, id, plan, &resp.State, &resp.Diagnostics)
			return
		}
	} else {
		app, err := finder.LiveAppByID(ctx, r.pd.API, id)
		switch {
		case api.IsNotFound(err):
			addFailure(&resp.Diagnostics, "update", appObject(id), errors.New("it was deleted outside Terraform during the update"), "")
			return
		case err != nil:
			addFailure(&resp.Diagnostics, "read", appObject(id), readError(id, err), "")
			return
		}
		seen = &waiters.AppState{Read: app}
	}
	if seen.Listed != nil {
		plan.setFromListing(seen.Listed, r.pd.tagRules()) // the listing has the tags too
	} else {
		if tagsWritten { // read back what the Tag service holds now
			var err error
			if tags, err = finder.TagsByAppID(ctx, r.pd.API, id); err != nil {
				addFailure(&resp.Diagnostics, "read the tags of", appObject(id), err, "")
				return
			}
		}
		plan.setTags(tags, r.pd.tagRules())
	}
	plan.setSeen(seen, want, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// saveAfterFailure records what is in effect after a failed status wait
// (name, description and tags did change), reading with a fresh context
// because the update's one has expired.
func (r *applicationResource) saveAfterFailure(ctx context.Context, id uint64, plan applicationModel, state *tfsdk.State, diags *diag.Diagnostics) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	var readDiags diag.Diagnostics
	if !r.readApp(ctx, id, &plan, &readDiags).gone && !readDiags.HasError() {
		diags.Append(state.Set(ctx, &plan)...)
	}
}

func (r *applicationResource) updateTags(ctx context.Context, id uint64, current, desired map[string]string) error {
	name, err := r.pd.ResourceName(ctx, id)
	if err != nil {
		return err
	}
	return tagging.Update(ctx, r.pd.API, name, current, desired)
}

// setStatus asks for the status, waits until it is in effect and returns
// the application as last seen by the wait (nil when the request failed).
func (r *applicationResource) setStatus(ctx context.Context, id uint64, status string) (*waiters.AppState, error) {
	_, want := wireStatus(status)
	return waiters.RequestStatus(ctx, r.deps(), id, want)
}

// awaitStatus waits for a status change already requested to take effect,
// sending nothing; only when the application's target is not status (a
// state not refreshed may hold a target changed since) it asks for it.
func (r *applicationResource) awaitStatus(ctx context.Context, id uint64, status string) (*waiters.AppState, error) {
	app, err := finder.AppByID(ctx, r.pd.API, id)
	if err != nil {
		return nil, err
	}
	_, want := wireStatus(status)
	if targetStatus(app) != want {
		return r.setStatus(ctx, id, status)
	}
	requested, err := api.ParseTime(app.StatusChangeTime)
	if err != nil {
		requested = r.pd.Clock.Now()
	}
	return waiters.WaitRequestedStatus(ctx, r.deps(), id, want, requested)
}

func (r *applicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state applicationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, d := state.Timeouts.Delete(ctx, appDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, ok := state.appID(&resp.Diagnostics)
	if !ok {
		return
	}
	if state.DeletionProtection.ValueBool() {
		addAttributeFailure(&resp.Diagnostics, path.Root("deletion_protection"), "delete", appObject(id),
			errors.New("deletion_protection is true"),
			"To delete it, set deletion_protection = false, run terraform apply, then destroy it.")
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := waiters.DeleteApp(ctx, r.deps(), id); err != nil {
		addFailure(&resp.Diagnostics, "delete", appObject(id), err, waitAdvice(err, "delete"))
	}
}

func (r *applicationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importBySdkAppID(ctx, "trtc_application", req, resp) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("deletion_protection"), types.BoolValue(false))...)
}
