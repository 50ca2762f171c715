package provider

import (
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// Which attribute comes from where on refresh: the listing for what it
// returns, the state for what never changes, a direct read only when needed.
func TestApplicationRefreshSources(t *testing.T) {
	ctx := t.Context()
	emu, client := emutest.Start(t, emulator.Config{PropagationMin: time.Second, PropagationMax: time.Second, RateLimit: -1}, transport.Options{})
	create := func(name string) uint64 {
		out, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: name, Product: "Call",
			Tags: []api.Tag{{TagKey: "team", TagValue: name}}})
		if err != nil {
			t.Fatal(err)
		}
		return out.SdkAppId
	}
	enabled, disabled := create("on"), create("off")
	if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: disabled, Status: api.StatusClose}); err != nil {
		t.Fatal(err)
	}
	emu.Advance(time.Hour)

	r := &applicationResource{providerClient{pd: &ProviderData{API: client, Clock: clock.Real{}}}}
	if _, err := r.pd.Inventory().List(ctx); err != nil { // a listing in hand, as during a large refresh
		t.Fatal(err)
	}
	stateOf := func(id uint64, status, reason string) applicationModel {
		return applicationModel{
			ID: types.StringValue(strconv.FormatUint(id, 10)), Name: types.StringValue("stale"), Description: types.StringValue("stale"),
			Product: types.StringValue("Call"), DataRegion: types.StringValue("ap-singapore"), SdkSecretKey: types.StringValue("from-state"),
			Status: types.StringValue(status), StatusInEffect: types.StringValue(status), DisabledReason: types.StringValue(reason), CreateTime: types.StringValue("stale"),
			Tags: types.MapNull(types.StringType), TagsAll: types.MapNull(types.StringType), DeletionProtection: types.BoolValue(true),
		}
	}
	direct := func() int { return emu.Stats().Calls["trtc.DescribeSdkAppInfo"] }
	refresh := func(id uint64, m *applicationModel) (found bool, directReads int) {
		t.Helper()
		before := direct()
		var diags diag.Diagnostics
		found = !r.read(ctx, id, m, &diags).gone
		if diags.HasError() {
			t.Fatal(diags)
		}
		return found, direct() - before
	}

	t.Run("enabled: listing and state only", func(t *testing.T) {
		m := stateOf(enabled, "enabled", "")
		found, reads := refresh(enabled, &m)
		if !found || reads != 0 {
			t.Fatalf("found %v with %d direct reads, want found with 0", found, reads)
		}
		if m.Name.ValueString() != "on" || m.Description.ValueString() != "" || m.Status.ValueString() != "enabled" ||
			m.Tags.Elements()["team"] != types.StringValue("on") || m.CreateTime.ValueString() == "stale" {
			t.Errorf("listed attributes not refreshed: %+v", m)
		}
		if m.SdkSecretKey.ValueString() != "from-state" || !m.DeletionProtection.ValueBool() {
			t.Errorf("state-only attributes changed: %+v", m)
		}
	})
	t.Run("disabled with a known reason: listing", func(t *testing.T) {
		m := stateOf(disabled, "disabled", "Manual")
		if found, reads := refresh(disabled, &m); !found || reads != 0 {
			t.Fatalf("found %v with %d direct reads, want found with 0", found, reads)
		}
		if m.Status.ValueString() != "disabled" || m.DisabledReason.ValueString() != "Manual" || m.Name.ValueString() != "off" {
			t.Errorf("got %+v", m)
		}
	})
	t.Run("disabled outside Terraform: direct read for the reason", func(t *testing.T) {
		m := stateOf(disabled, "enabled", "")
		if found, reads := refresh(disabled, &m); !found || reads != 1 {
			t.Fatalf("found %v with %d direct reads, want found with 1", found, reads)
		}
		if m.Status.ValueString() != "disabled" || m.DisabledReason.ValueString() != "Manual" || m.SdkSecretKey.ValueString() == "from-state" {
			t.Errorf("got %+v, want the direct read's answer", m)
		}
	})
	t.Run("a change pending in the state: direct read for where it stands", func(t *testing.T) {
		m := stateOf(enabled, "disabled", "")
		m.StatusInEffect = types.StringValue("enabled")
		if found, reads := refresh(enabled, &m); !found || reads != 1 {
			t.Fatalf("found %v with %d direct reads, want found with 1", found, reads)
		}
		if m.Status.ValueString() != "enabled" || m.StatusInEffect.ValueString() != "enabled" {
			t.Errorf("got %+v, want the direct read's answer", m)
		}
	})
	t.Run("imported: direct read", func(t *testing.T) {
		m := applicationModel{ID: types.StringValue(strconv.FormatUint(enabled, 10)), Tags: types.MapNull(types.StringType), TagsAll: types.MapNull(types.StringType)}
		if found, reads := refresh(enabled, &m); !found || reads != 1 {
			t.Fatalf("found %v with %d direct reads, want found with 1", found, reads)
		}
		if m.Product.ValueString() != "Call" || m.SdkSecretKey.ValueString() == "" {
			t.Errorf("got %+v, want product and key from the direct read", m)
		}
	})
	t.Run("not listed: confirmed directly before removal", func(t *testing.T) {
		m := stateOf(1409999999, "enabled", "")
		if found, reads := refresh(1409999999, &m); found || reads != 1 {
			t.Fatalf("found %v with %d direct reads, want not found after 1", found, reads)
		}
	})
	if n := emu.Stats().Calls["trtc.DescribeAppStatList"]; n != 1 {
		t.Errorf("DescribeAppStatList called %d times, want the one listing reused", n)
	}
}
