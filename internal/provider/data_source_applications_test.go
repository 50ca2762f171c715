package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// listFixture is the seeded account: more than one DescribeAppStatList page.
type listFixture struct {
	ids      []uint64          // in creation order
	names    []string          // names[i] is the name of ids[i]
	team     map[uint64]string // "team" tag value, absent when untagged
	prod     map[uint64]bool   // carries env = prod
	disabled map[uint64]bool
	prefix   string // every name is prefix and three digits
	// external: the account may hold applications besides the fixture,
	// which the filters match too; the checks look at the fixture's only.
	external bool
}

const listFixtureSize = 105

// seedApplications creates listFixtureSize applications through the API:
// <prefix>000..<prefix>104 (a random prefix, see acctest.RandomPrefix); team = red / blue / untagged by i%3; env = prod for i < 10;
// every fifth one disabled (waited until in effect).
func seedApplications(t *testing.T, env *acctest.Env) listFixture {
	t.Helper()
	ctx := context.Background()
	client := env.Client()
	f := listFixture{team: map[uint64]string{}, prod: map[uint64]bool{}, disabled: map[uint64]bool{},
		prefix: acctest.RandomPrefix(3), external: env.IsExternal()}
	for i := 0; i < listFixtureSize; i++ {
		name := fmt.Sprintf("%s%03d", f.prefix, i)
		var tags []api.Tag
		switch i % 3 {
		case 0:
			tags = append(tags, api.Tag{TagKey: "team", TagValue: "red"})
		case 1:
			tags = append(tags, api.Tag{TagKey: "team", TagValue: "blue"})
		}
		if i < 10 {
			tags = append(tags, api.Tag{TagKey: "env", TagValue: "prod"})
		}
		out, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: name, Product: "RTCEngine", Tags: tags})
		if err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		id := out.SdkAppId
		f.ids, f.names = append(f.ids, id), append(f.names, name)
		for _, tag := range tags {
			if tag.TagKey == "team" {
				f.team[id] = tag.TagValue
			} else {
				f.prod[id] = true
			}
		}
		if i%5 == 0 {
			if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
				t.Fatalf("disabling %s: %v", name, err)
			}
			f.disabled[id] = true
		}
	}
	deps := waiters.ForClient(client, clock.Real{}, nil)
	for id := range f.disabled {
		if _, err := waiters.WaitAppStatus(ctx, deps, id, api.AppStatusDisabled); err != nil {
			t.Fatalf("waiting for %d to be disabled: %v", id, err)
		}
	}
	return f
}

// idsWhere is the expected `ids` of a filter, computed from the fixture:
// SdkAppIds as numbers, as in every other schema.
func (f listFixture) idsWhere(keep func(i int, id uint64) bool) knownvalue.Check {
	var want []knownvalue.Check
	for i, id := range f.ids {
		if keep(i, id) {
			want = append(want, knownvalue.Int64Exact(int64(id)))
		}
	}
	var check knownvalue.Check = knownvalue.SetExact(want)
	if len(want) == 0 {
		check = knownvalue.ListSizeExact(0)
	}
	if f.external {
		return fixtureOnly{f: f, want: check}
	}
	return check
}

// fixtureOnly applies want to the fixture's SdkAppIds among a list of ids,
// leaving out the account's other applications (external mode).
type fixtureOnly struct {
	f    listFixture
	want knownvalue.Check
}

func (c fixtureOnly) CheckValue(v any) error {
	ids, ok := v.([]any)
	if !ok {
		return fmt.Errorf("want a list of ids, got %T", v)
	}
	mine := []any{}
	for _, id := range ids {
		n, _ := id.(json.Number)
		if u, err := strconv.ParseUint(n.String(), 10, 64); err == nil && slices.Contains(c.f.ids, u) {
			mine = append(mine, id)
		}
	}
	return c.want.CheckValue(mine)
}

func (c fixtureOnly) String() string { return c.want.String() + " among the fixture's ids" }

func TestAccApplicationsDataSource_pagingAndFilters(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	env := acctest.NewEnv(t, acctest.WithPropagation(200*time.Millisecond, 300*time.Millisecond))
	f := seedApplications(t, env)
	pick := []uint64{f.ids[3], f.ids[50], f.ids[104]}
	nameRe := regexp.MustCompile(`^` + f.prefix + `10[0-4]$`)
	var before acctest.CallMark
	if !env.IsExternal() {
		before = env.MarkCalls()
	}

	config := env.Config(fmt.Sprintf(`
data "trtc_applications" "all" {}

data "trtc_applications" "by_ids" {
  sdk_app_ids = [%d, %d, %d]
}

data "trtc_applications" "by_names" {
  names = ["%[5]s007", "%[5]s100"]
}

data "trtc_applications" "by_regex" {
  name_regex = %[4]q
}

data "trtc_applications" "disabled" {
  status_in_effect = "disabled"
}

data "trtc_applications" "enabled" {
  status_in_effect = "enabled"
}

data "trtc_applications" "team_any" {
  tags = { team = "" }
}

data "trtc_applications" "team_red_prod" {
  tags = { team = "red", env = "prod" }
}

data "trtc_applications" "nothing" {
  names = ["no_such_app"]
}
`, pick[0], pick[1], pick[2], nameRe.String(), f.prefix))

	first := f.ids[0] // <prefix>000: red, prod, disabled
	// The account's own applications (external mode) are listed too.
	var allSize knownvalue.Check = knownvalue.ListSizeExact(listFixtureSize)
	if env.IsExternal() {
		allSize = knownvalue.NotNull() // its ids hold the fixture's: checked below
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.trtc_applications.all", tfjsonpath.New("ids"), allSize),
				statecheck.ExpectKnownValue("data.trtc_applications.all", tfjsonpath.New("applications"), allSize),
				statecheck.ExpectKnownValue("data.trtc_applications.all", tfjsonpath.New("id"), knownvalue.StringExact("trtc_applications")),
				statecheck.ExpectKnownValue("data.trtc_applications.all", tfjsonpath.New("ids"), f.idsWhere(func(int, uint64) bool { return true })),
				statecheck.ExpectKnownValue("data.trtc_applications.by_ids", tfjsonpath.New("ids"), f.idsWhere(func(_ int, id uint64) bool {
					return id == pick[0] || id == pick[1] || id == pick[2]
				})),
				statecheck.ExpectKnownValue("data.trtc_applications.by_ids", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^trtc_applications-[0-9a-f]{16}$`))),
				statecheck.ExpectKnownValue("data.trtc_applications.by_names", tfjsonpath.New("applications"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(f.names[7]), "sdk_app_id": knownvalue.Int64Exact(int64(f.ids[7]))}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(f.names[100]), "sdk_app_id": knownvalue.Int64Exact(int64(f.ids[100]))}),
				})),
				statecheck.ExpectKnownValue("data.trtc_applications.by_regex", tfjsonpath.New("ids"), f.idsWhere(func(i int, _ uint64) bool { return nameRe.MatchString(f.names[i]) })),
				statecheck.ExpectKnownValue("data.trtc_applications.disabled", tfjsonpath.New("ids"), f.idsWhere(func(_ int, id uint64) bool { return f.disabled[id] })),
				statecheck.ExpectKnownValue("data.trtc_applications.enabled", tfjsonpath.New("ids"), f.idsWhere(func(_ int, id uint64) bool { return !f.disabled[id] })),
				statecheck.ExpectKnownValue("data.trtc_applications.team_any", tfjsonpath.New("ids"), f.idsWhere(func(_ int, id uint64) bool { return f.team[id] != "" })),
				statecheck.ExpectKnownValue("data.trtc_applications.team_red_prod", tfjsonpath.New("ids"), f.idsWhere(func(_ int, id uint64) bool { return f.team[id] == "red" && f.prod[id] })),
				statecheck.ExpectKnownValue("data.trtc_applications.nothing", tfjsonpath.New("applications"), knownvalue.ListSizeExact(0)),
				// One application in full: status in effect, tags, RFC 3339 create_time, no license, no details.
				statecheck.ExpectKnownValue("data.trtc_applications.team_red_prod", tfjsonpath.New("applications"), knownvalue.SetPartial([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"sdk_app_id":       knownvalue.Int64Exact(int64(first)),
						"name":             knownvalue.StringExact(f.names[0]),
						"description":      knownvalue.StringExact(""),
						"status_in_effect": knownvalue.StringExact("disabled"),
						"create_time":      acctest.UTCTime(),
						"tags":             knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("red"), "env": knownvalue.StringExact("prod")}),
						"tags_all":         knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("red"), "env": knownvalue.StringExact("prod")}),
						"license":          knownvalue.Null(),
						"status":           knownvalue.Null(), // without with_details
						"product":          knownvalue.Null(),
						"data_region":      knownvalue.Null(),
					}),
				})),
			},
			Check: env.InternalCheck("its call counts (Stats)", func(*terraform.State) error {
				// 105 applications at 100 per page: every full read takes two pages.
				if n := before.Since("DescribeAppStatList"); n < 2 {
					return fmt.Errorf("DescribeAppStatList called %d times, want at least 2 (paging)", n)
				}
				return nil
			}),
		}},
	})
}

// Filters that break a documented rule fail at validate time, before any call.
func TestAccApplicationsDataSource_invalidFilters(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := map[string]struct {
		body string
		want []string
	}{
		"name_regex": {`name_regex = "app_("`, []string{"Invalid regular expression"}},
		"status":     {`status_in_effect = "paused"`, []string{"status_in_effect", "value must be one of"}},
		"tag key":    {`tags = { "qcs:owner" = "" }`, []string{"tags", "qcs:"}},
		"ids":        {`sdk_app_ids = [0]`, []string{"sdk_app_ids", "at least 1"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:      env.Config(fmt.Sprintf("data \"trtc_applications\" \"bad\" {\n  %s\n}\n", tc.body)),
					ExpectError: acctest.Wrapped(tc.want...),
				}},
			})
		})
	}
	if n := env.Calls("DescribeAppStatList"); n != 0 {
		t.Errorf("DescribeAppStatList called %d times for invalid configurations, want 0", n)
	}
}

// The listing knows only the status in effect: a disable still propagating
// leaves status_in_effect "enabled" (and the application in a
// status_in_effect = "enabled" filter); with_details reads the target TRTC
// records into status, null without it.
func TestAccApplicationsDataSource_withDetailsTargetStatus(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	env := acctest.NewEnv(t, acctest.WithPropagation(10*time.Minute, 10*time.Minute))
	pending := createAndDisable(t, env)
	steady, err := env.Client().CreateTrtcApp(context.Background(), &api.CreateTrtcAppRequest{AppName: acctest.RandomName(), Product: "Live"})
	if err != nil {
		t.Fatal(err)
	}
	config := env.Config(fmt.Sprintf(`
data "trtc_applications" "details" {
  sdk_app_ids  = [%[1]d, %[2]d]
  with_details = true
}

data "trtc_applications" "listing" {
  sdk_app_ids = [%[1]d, %[2]d]
}

data "trtc_applications" "in_effect_enabled" {
  sdk_app_ids      = [%[1]d, %[2]d]
  status_in_effect = "enabled"
}
`, pending, steady.SdkAppId))
	app := func(id uint64, status, inEffect, product knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"sdk_app_id": knownvalue.Int64Exact(int64(id)), "status": status, "status_in_effect": inEffect, "product": product,
		})
	}
	enabled, disabled, null := knownvalue.StringExact("enabled"), knownvalue.StringExact("disabled"), knownvalue.Null()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.trtc_applications.details", tfjsonpath.New("applications"), knownvalue.SetExact([]knownvalue.Check{
					app(pending, disabled, enabled, knownvalue.StringExact("RTCEngine")),
					app(steady.SdkAppId, enabled, enabled, knownvalue.StringExact("Live")),
				})),
				statecheck.ExpectKnownValue("data.trtc_applications.listing", tfjsonpath.New("applications"), knownvalue.SetExact([]knownvalue.Check{
					app(pending, null, enabled, null),
					app(steady.SdkAppId, null, enabled, null),
				})),
				statecheck.ExpectKnownValue("data.trtc_applications.in_effect_enabled", tfjsonpath.New("ids"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.Int64Exact(int64(pending)), knownvalue.Int64Exact(int64(steady.SdkAppId)),
				})),
			},
		}},
	})
}
