package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// Every path that asks whether an application is gone gives the same
// outcome whichever not-found code the service sends: TRTC's published
// FailedOperation.SdkAppIdNotExist or a ResourceNotFound code. Read removes
// the object with a warning, Delete counts as done, the deletion wait ends,
// and an import ends with nothing in the state (Terraform then says the
// object does not exist). An application of another account is none of
// these: it is an error saying so.
func TestNotFoundCodesGiveTheSameOutcome(t *testing.T) {
	const vanished = vanishedApp
	objects := vanishedObjects
	for _, code := range emulator.NotFoundCodes {
		t.Run(code, func(t *testing.T) {
			emu, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1, NotFoundCode: code}, transport.Options{RateLimit: -1})
			pc := providerClient{pd: &ProviderData{API: client, Clock: clock.Real{}}}
			for name, tc := range objects(pc) {
				t.Run("read removes "+name, func(t *testing.T) {
					state := stateWith(t, tc.r, tc.state)
					resp := &resource.ReadResponse{State: state}
					tc.r.Read(t.Context(), resource.ReadRequest{State: state}, resp)
					if resp.Diagnostics.HasError() || !resp.State.Raw.IsNull() {
						t.Fatalf("Read kept the object or failed: %v", resp.Diagnostics)
					}
					if w := resp.Diagnostics.Warnings(); len(w) != 1 || !strings.Contains(w[0].Summary(), "TRTC application 1400999999 no longer exists") {
						t.Errorf("want one warning naming the application, got %v", w)
					}
				})
				t.Run("delete is done for "+name, func(t *testing.T) {
					state := stateWith(t, tc.r, tc.state)
					resp := &resource.DeleteResponse{State: state}
					tc.r.Delete(t.Context(), resource.DeleteRequest{State: state}, resp)
					if resp.Diagnostics.HasError() {
						t.Fatalf("Delete of a vanished object failed: %v", resp.Diagnostics)
					}
				})
			}
			t.Run("deletion wait ends", func(t *testing.T) {
				if err := waiters.WaitAppDeleted(t.Context(), waiters.ForClient(client, clock.Real{}, nil), vanished); err != nil {
					t.Fatalf("WaitAppDeleted: %v", err)
				}
			})
			t.Run("import finds nothing", func(t *testing.T) {
				r := &applicationResource{pc}
				state := stateWith(t, r, nil)
				imp := &resource.ImportStateResponse{State: state}
				r.ImportState(t.Context(), resource.ImportStateRequest{ID: "1400999999"}, imp)
				if imp.Diagnostics.HasError() {
					t.Fatal(imp.Diagnostics)
				}
				resp := &resource.ReadResponse{State: imp.State}
				r.Read(t.Context(), resource.ReadRequest{State: imp.State}, resp)
				if resp.Diagnostics.HasError() || !resp.State.Raw.IsNull() {
					t.Fatalf("import read kept the application or failed: %v", resp.Diagnostics)
				}
			})
			if n := emu.Stats().Errors[code]; n == 0 {
				t.Errorf("the emulator never answered %s: the table did not exercise it", code)
			}
		})
	}
}

// An application of another account is an error that says so: never
// removed from the state, never taken as deleted.
func TestOtherAccountApplicationIsAnError(t *testing.T) {
	const foreign = 1300000001
	_, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1, OtherAccountApps: []uint64{foreign}}, transport.Options{RateLimit: -1})
	r := &applicationResource{providerClient{pd: &ProviderData{API: client, Clock: clock.Real{}}}}
	imp := &resource.ImportStateResponse{State: stateWith(t, r, nil)}
	r.ImportState(t.Context(), resource.ImportStateRequest{ID: "1300000001"}, imp)
	resp := &resource.ReadResponse{State: imp.State}
	r.Read(t.Context(), resource.ReadRequest{State: imp.State}, resp)
	if !resp.Diagnostics.HasError() || resp.State.Raw.IsNull() {
		t.Fatalf("want an error and the state kept, got %v (state null: %v)", resp.Diagnostics, resp.State.Raw.IsNull())
	}
	if d := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(d, "belongs to another Tencent Cloud account") || !strings.Contains(d, api.CodeAppOtherAccount) {
		t.Errorf("detail %q should say the application belongs to another account, with the code", d)
	}
	del := &resource.DeleteResponse{State: imp.State}
	r.Delete(t.Context(), resource.DeleteRequest{State: imp.State}, del)
	if !del.Diagnostics.HasError() {
		t.Error("Delete of another account's application counted as done")
	}
	if err := waiters.WaitAppDeleted(t.Context(), waiters.ForClient(client, clock.Real{}, nil), foreign); err == nil || api.IsNotFound(err) {
		t.Errorf("WaitAppDeleted = %v, want an error that is not not-found", err)
	}
}
