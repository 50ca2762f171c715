package provider

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

func fullApplicationModel() applicationModel {
	tags := types.MapValueMust(types.StringType, map[string]attr.Value{"team": types.StringValue("red")})
	return applicationModel{
		ID: types.StringValue("1400000001"), SdkAppID: types.Int64Value(1400000001),
		Name: types.StringValue("app"), Description: types.StringValue("d"), Product: types.StringValue("RTCEngine"),
		DataRegion: types.StringValue("ap-singapore"), Status: types.StringValue("enabled"),
		StatusInEffect: types.StringValue("enabled"), DeletionProtection: types.BoolValue(true), Tags: tags, TagsAll: tags,
		SdkSecretKey: types.StringValue("k"), CreateTime: types.StringValue("2026-01-01T00:00:00Z"),
		DisabledReason: types.StringValue("Manual"),
		Timeouts: timeouts.Value{Object: types.ObjectValueMust(
			map[string]attr.Type{"create": types.StringType}, map[string]attr.Value{"create": types.StringValue("1m")})},
	}
}

// Read skips writing the state when nothing changed, so sameAs must notice
// a change in any attribute, including ones added to the model later.
func TestApplicationModelSameAsSeesEveryAttribute(t *testing.T) {
	base := fullApplicationModel()
	same := base
	if !base.sameAs(&same) {
		t.Fatal("a copy differs from its original")
	}
	fields := reflect.TypeOf(base)
	for i := range fields.NumField() {
		changed := base
		v := reflect.ValueOf(&changed).Elem().Field(i)
		if v.Interface().(attr.Value).IsNull() {
			t.Fatalf("test model leaves %s null: set it so a change can be seen", fields.Field(i).Name)
		}
		v.Set(reflect.Zero(v.Type())) // the zero value of a framework value is null
		if base.sameAs(&changed) {
			t.Errorf("a change of %s is not seen", fields.Field(i).Name)
		}
	}
}

// keptFromStateOnListing are the attributes the listing does not report:
// setFromListing keeps the state's. disabled_reason is kept only while the
// application stays disabled (knowsDisabledReason).
var keptFromStateOnListing = []string{"product", "data_region", "sdk_secret_key", "disabled_reason", "deletion_protection", "timeouts"}

// The listed path of Read keeps the state's value of every attribute the
// listing lacks. An attribute added to the model must be filled from the
// listing or named in keptFromStateOnListing, else refresh would silently
// never see its drift.
func TestApplicationListingFillsEveryAttributeOrKeepsItOnPurpose(t *testing.T) {
	kept := map[string]bool{}
	for _, name := range keptFromStateOnListing {
		kept[name] = true
	}
	listed := &inventory.App{ID: 1400000009, Name: api.Ptr("listed"), Description: api.Ptr("from the listing"), Enabled: false,
		CreateTime: "2026-02-03 04:05:06", Tags: map[string]string{"team": "blue"}}
	filled := fullApplicationModel()
	filled.setFromListing(listed, tagRules{})
	before, after := reflect.ValueOf(fullApplicationModel()), reflect.ValueOf(filled)
	fields := before.Type()
	for i := range fields.NumField() {
		name := fields.Field(i).Tag.Get("tfsdk")
		changed := !before.Field(i).Interface().(attr.Value).Equal(after.Field(i).Interface().(attr.Value))
		if !changed && !kept[name] {
			t.Errorf("%s is neither filled from the listing nor in keptFromStateOnListing", name)
		}
		if changed && kept[name] {
			t.Errorf("%s is in keptFromStateOnListing but the listing changed it", name)
		}
	}
}

// A name or description the listing answers as null (published as
// possible) tells nothing: Read takes the direct read instead, and a model
// set from such a listing (after a wait) keeps its own values.
func TestListingWithNullNameOrDescriptionIsNotTaken(t *testing.T) {
	m := fullApplicationModel()
	listed := func(name, desc *string) *inventory.App {
		return &inventory.App{ID: 1400000001, Name: name, Description: desc, Enabled: true, Tags: map[string]string{}}
	}
	if !m.listingAnswers(listed(api.Ptr("app"), api.Ptr("d"))) {
		t.Fatal("a complete listing of an enabled application is not taken")
	}
	for _, app := range []*inventory.App{listed(nil, api.Ptr("d")), listed(api.Ptr("app"), nil), nil} {
		if m.listingAnswers(app) {
			t.Errorf("listing %+v taken for the read", app)
		}
	}
	m.setFromListing(listed(nil, nil), tagRules{})
	if m.Name.ValueString() != "app" || m.Description.ValueString() != "d" {
		t.Errorf("null name/description overwrote the model: %q %q", m.Name.ValueString(), m.Description.ValueString())
	}
}

// setSeen: after status want was asked for, the target is want whatever
// the wait saw; the listing tells the status in effect (a disable by the
// provider is Manual), a direct read tells everything.
func TestApplicationSetSeen(t *testing.T) {
	read := &api.DescribeSdkAppInfoResponse{SdkAppId: 1400000009, AppName: "read", Status: api.AppStatusEnabled,
		TargetStatus: api.AppStatusDisabled, Product: "RTCEngine", DataRegion: "ap-singapore"}
	for _, tc := range []struct {
		name                     string
		seen                     waiters.AppState
		status, inEffect, reason types.String
		nameAfter                string
	}{
		{"read", waiters.AppState{Read: read}, types.StringValue("disabled"), types.StringValue("enabled"), types.StringNull(), "read"},
		{"listed in effect", waiters.AppState{Listed: &inventory.App{ID: 1400000009, Enabled: false}},
			types.StringValue("disabled"), types.StringValue("disabled"), types.StringValue(api.DisabledReasonManual), "model"},
		{"listed not yet", waiters.AppState{Listed: &inventory.App{ID: 1400000009, Enabled: true}},
			types.StringValue("disabled"), types.StringValue("enabled"), types.StringNull(), "model"},
		{"nothing seen", waiters.AppState{}, types.StringValue("disabled"), types.StringValue("enabled"), types.StringNull(), "model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := fullApplicationModel()
			m.Name, m.Status, m.StatusInEffect, m.DisabledReason = types.StringValue("model"), types.StringValue("enabled"), types.StringValue("enabled"), types.StringNull()
			var diags diag.Diagnostics
			m.setSeen(&tc.seen, appStatusDisabled, &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !m.Status.Equal(tc.status) || !m.StatusInEffect.Equal(tc.inEffect) || !m.DisabledReason.Equal(tc.reason) || m.Name.ValueString() != tc.nameAfter {
				t.Errorf("status %v, in effect %v, reason %v, name %v; want %v, %v, %v, %s",
					m.Status, m.StatusInEffect, m.DisabledReason, m.Name, tc.status, tc.inEffect, tc.reason, tc.nameAfter)
			}
		})
	}
}

// Read and ModifyPlan compare whole models for every application of every
// plan: the comparison allocates nothing.
func TestApplicationModelSameAsAllocatesNothing(t *testing.T) {
	a, b := fullApplicationModel(), fullApplicationModel()
	if n := testing.AllocsPerRun(100, func() { _ = a.sameAs(&b) }); n != 0 {
		t.Errorf("sameAs allocates %.0f times, want 0", n)
	}
}
