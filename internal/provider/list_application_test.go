package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// List resources and `terraform query` need Terraform >= 1.14 (no OpenTofu
// release has them yet).
var queryTerraform = acctest.SkipWithout(acctest.Query)

func byID(id uint64) queryfilter.QueryFilter {
	return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"sdk_app_id": knownvalue.Int64Exact(int64(id))})
}

// 107 applications: two listing pages. Four list blocks share one listing;
// only include_resource reads applications one by one.
func TestAccApplicationList_query(t *testing.T) {
	env := acctest.NewEnv(t)
	bulkName, redName := acctest.RandomPrefix(4), acctest.RandomPrefix(4)
	// The two red ones first: in external mode the platform-side disable
	// skips the test before the hundred others are made.
	red := seedApps(t, env, redName, 2, catalog.ProductCall, map[string]string{"team": "red"})
	if err := env.Emulator.DisableApp(red[1], "Overdue"); err != nil {
		t.Fatal(err)
	}
	bulk := seedApps(t, env, bulkName, 105, catalog.ProductRTCEngine, nil)
	last := bulk[len(bulk)-1] // on the second page
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   queryTerraform,
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.Config("")},
			{
				Query: true,
				Config: fmt.Sprintf(`
list "trtc_application" "all" {
  provider = trtc
  limit    = 1000
}

list "trtc_application" "bulk" {
  provider = trtc
  limit    = 1000
  config {
    name_regex = "^%[1]s_"
  }
}

list "trtc_application" "red" {
  provider         = trtc
  include_resource = true
  config {
    tags = { team = "red" }
  }
}

list "trtc_application" "disabled" {
  provider = trtc
  config {
    status_in_effect = "disabled"
    names            = ["%[2]s_000", "%[2]s_001", "%[1]s_000"]
  }
}
`, bulkName, redName),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("trtc_application.all", 107),
					querycheck.ExpectLength("trtc_application.bulk", 105),
					querycheck.ExpectLength("trtc_application.red", 2),
					querycheck.ExpectLength("trtc_application.disabled", 1),
					querycheck.ExpectIdentity("trtc_application.all", map[string]knownvalue.Check{"sdk_app_id": knownvalue.Int64Exact(int64(last))}),
					querycheck.ExpectIdentity("trtc_application.disabled", map[string]knownvalue.Check{"sdk_app_id": knownvalue.Int64Exact(int64(red[1]))}),
					querycheck.ExpectResourceDisplayName("trtc_application.bulk", byID(last), knownvalue.StringExact(bulkName+"_104")),
					querycheck.ExpectResourceKnownValues("trtc_application.red", byID(red[1]), []querycheck.KnownValueCheck{
						{Path: attr("id"), KnownValue: knownvalue.StringExact(fmt.Sprint(red[1]))},
						{Path: attr("name"), KnownValue: knownvalue.StringExact(redName + "_001")},
						{Path: attr("product"), KnownValue: knownvalue.StringExact(catalog.ProductCall)},
						{Path: attr("data_region"), KnownValue: knownvalue.StringExact(catalog.DefaultDataRegion)},
						{Path: attr("status"), KnownValue: knownvalue.StringExact("disabled")},
						{Path: attr("disabled_reason"), KnownValue: knownvalue.StringExact("Overdue")},
						{Path: attr("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("red")})},
						{Path: attr("deletion_protection"), KnownValue: knownvalue.Bool(false)},
					}),
				},
			},
		},
	})
	// One listing of two pages answered the four blocks; only the two
	// include_resource results were read one by one.
	if n := env.Calls("DescribeAppStatList"); n != 2 {
		t.Errorf("DescribeAppStatList called %d times, want 2 (one listing of 107 applications, 100 per page)", n)
	}
	if n := env.Calls("DescribeSdkAppInfo"); n != 2 {
		t.Errorf("DescribeSdkAppInfo called %d times, want 2 (the include_resource results)", n)
	}
}
