package provider_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

const fleetSize = 8

// fleetConfig is fleetSize applications named prefix0, prefix1...
func fleetConfig(env *acctest.Env, prefix string) string {
	return env.Config(fmt.Sprintf(`
resource "trtc_application" "fleet" {
  count       = %d
  name        = "%s${count.index}"
  product     = "RTCEngine"
  description = "managed"
  tags        = { owner = "terraform", index = "${count.index}" }
}
`, fleetSize, prefix))
}

func fleetAddr(i int) string { return fmt.Sprintf("trtc_application.fleet[%d]", i) }

// refreshCost is a plan check: the calls made since *since, by action,
// must stay within atMost, and reach least.
type refreshCost struct {
	since  *acctest.CallMark
	atMost map[string]int
	least  map[string]int
}

func (c refreshCost) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for action, limit := range c.atMost {
		if n := c.since.Since(action); n > limit {
			resp.Error = fmt.Errorf("the refresh of %d applications made %d %s calls, want at most %d", fleetSize, n, action, limit)
			return
		}
	}
	for action, least := range c.least {
		if n := c.since.Since(action); n < least {
			resp.Error = fmt.Errorf("the refresh made %d %s calls, want at least %d", n, action, least)
			return
		}
	}
}

// Drift made through the API on several applications is seen through the
// batched path: one DescribeAppStatList page serves the refresh, and only the
// applications that the listing cannot answer alone (a disabled one whose
// reason is unknown, a deleted one) are read one by one.
func TestAccApplication_driftSeenThroughBatchedRefresh(t *testing.T) {
	env := acctest.NewEnv(t)
	prefix := acctest.RandomPrefix(1)
	config := fleetConfig(env, prefix)
	var before acctest.CallMark
	ids := map[int]uint64{}
	// How the refresh reads (its call counts) is checked in process only.
	refreshChecks := []plancheck.PlanCheck{}
	if !env.IsExternal() {
		refreshChecks = append(refreshChecks, refreshCost{since: &before,
			// Per application this would be 8 + 8. Batched: the
			// listing, plus direct reads for the disabled fleet2
			// (reason unknown), the deleted fleet4 (confirmed before
			// removal) and at most two reads that came before the
			// batch formed.
			atMost: map[string]int{"DescribeAppStatList": 1, "DescribeSdkAppInfo": 4, "DescribeResourceTagsByResourceIds": 4},
			least:  map[string]int{"DescribeAppStatList": 1},
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					ctx, client := t.Context(), env.Client()
					for i := range fleetSize {
						ids[i] = env.AppID(t, fmt.Sprint(prefix, i))
					}
					must := func(_ any, err error) {
						t.Helper()
						if err != nil {
							t.Fatal(err)
						}
					}
					must(client.ModifyAppInfo(ctx, &api.ModifyAppInfoRequest{SdkAppId: ids[0], AppName: api.Ptr(acctest.RandomName())}))
					must(client.ModifyAppInfo(ctx, &api.ModifyAppInfoRequest{SdkAppId: ids[1], Description: api.Ptr("by_hand")}))
					must(client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: ids[2], Status: api.StatusClose}))
					must(client.TagResources(ctx, &api.TagResourcesRequest{
						ResourceList: []string{catalog.ResourceName(env.AccountID(t), ids[3])},
						Tags:         []api.Tag{{TagKey: "owner", TagValue: "someone_else"}},
					}))
					must(client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: ids[4], Status: api.StatusClose}))
					env.SettleStatus(t, ids[2], api.AppStatusDisabled) // the disables take effect
					env.SettleStatus(t, ids[4], api.AppStatusDisabled)
					must(client.DeleteTrtcApp(ctx, &api.DeleteTrtcAppRequest{SdkAppId: ids[4]}))
					env.SettleStatus(t, ids[4], api.AppStatusDeleted) // and the deletion
					if !env.IsExternal() {
						before = env.MarkCalls()
					}
				},
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: append([]plancheck.PlanCheck{
					plancheck.ExpectResourceAction(fleetAddr(0), plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(fleetAddr(0), attr("name"), knownvalue.StringExact(prefix+"0")),
					plancheck.ExpectResourceAction(fleetAddr(1), plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(fleetAddr(2), plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(fleetAddr(2), attr("status"), knownvalue.StringExact("enabled")),
					plancheck.ExpectResourceAction(fleetAddr(3), plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(fleetAddr(4), plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(fleetAddr(5), plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(fleetAddr(7), plancheck.ResourceActionNoop),
				}, refreshChecks...)},
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(fleetAddr(0), attr("name"), knownvalue.StringExact(prefix+"0")),
					statecheck.ExpectKnownValue(fleetAddr(1), attr("description"), knownvalue.StringExact("managed")),
					statecheck.ExpectKnownValue(fleetAddr(2), attr("status"), knownvalue.StringExact("enabled")),
					statecheck.ExpectKnownValue(fleetAddr(3), attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"owner": knownvalue.StringExact("terraform"), "index": knownvalue.StringExact("3"),
					})),
					statecheck.ExpectKnownValue(fleetAddr(4), attr("name"), knownvalue.StringExact(prefix+"4")),
				},
			},
		},
	})
}
