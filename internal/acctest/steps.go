package acctest

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// InternalCheck is check in process. In external mode it passes, logging
// that the check needs emulator internals (what), so that the rest of the
// test still runs against the endpoint instead of the whole test skipping.
func (e *Env) InternalCheck(what string, check resource.TestCheckFunc) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if e.IsExternal() {
			e.t.Logf("not checked in external mode: needs emulator internals: %s", what)
			return nil
		}
		return check(s)
	}
}

// SettleStatus lets a status change of application id, requested out of
// band, take effect (want is api.AppStatusEnabled, Disabled or Deleted):
// in process the emulator's clock moves past any propagation, in external
// mode it waits through the public API as the provider would.
func (e *Env) SettleStatus(t testing.TB, id uint64, want string) {
	t.Helper()
	if !e.IsExternal() {
		e.Emulator.Advance(time.Hour)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*e.Propagation()+time.Minute)
	defer cancel()
	deps := waiters.ForClient(e.Client(), clock.Real{}, nil)
	var err error
	if want == api.AppStatusDeleted {
		err = waiters.WaitAppDeleted(ctx, deps, id)
	} else {
		_, err = waiters.WaitAppStatus(ctx, deps, id, want)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// DeleteApp disables and deletes application id through the API, as
// destroy does, and waits until it is gone.
func (e *Env) DeleteApp(t testing.TB, id uint64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*e.Propagation()+time.Minute)
	defer cancel()
	if err := deleteApps(ctx, e.Client(), clock.Real{}, nil, []uint64{id})[0]; err != nil {
		t.Fatalf("deleting application %d outside Terraform: %v", id, err)
	}
}

// AccountID is the account's uin, which the Tag API's resource names hold.
func (e *Env) AccountID(t testing.TB) string {
	t.Helper()
	if !e.IsExternal() {
		return e.cfg.UIN
	}
	out, err := e.Client().GetCallerIdentity(context.Background(), &api.GetCallerIdentityRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return out.AccountId
}

// CheckAppsDestroyed is a CheckDestroy: in process nothing is left in the
// emulator, not even an application whose deletion is still propagating;
// in external mode no trtc_application of the state still reads.
func (e *Env) CheckAppsDestroyed() resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if !e.IsExternal() {
			if apps := e.Emulator.Apps(); len(apps) != 0 {
				return fmt.Errorf("%d application(s) left after destroy: %+v", len(apps), apps)
			}
			return nil
		}
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "trtc_application" {
				continue
			}
			id, err := strconv.ParseUint(rs.Primary.ID, 10, 64)
			if err != nil {
				return err
			}
			_, err = finder.AppByID(context.Background(), e.Client(), id)
			if err == nil {
				return fmt.Errorf("application %d still reads after destroy", id)
			}
			if !api.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}
