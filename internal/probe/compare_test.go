package probe

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// A null where the model has a value (a scalar or an object, read or not)
// is a type that differs, as the client refuses it; null where the model
// may be null (a pointer or an array) is as modelled.
func TestCompareReportsNullWhereAValueIsModelled(t *testing.T) {
	listing := `{"TotalNum":null,"SdkAppInfos":[
		{"ID":1,"Name":null,"Description":null,"Status":null,"CreateTime":"2026-01-02 03:04:05","TagList":null,"License":null,"UsageMode":null,
		 "BizScheme":null,"BizSubScheme":1,"LastDay":1,"LastDayCC":1,"CurMonthCC":1,"HasAccount":1,"AccountMode":1,"RegisterFrom":1,
		 "InWhiteList":false,"PrewhiteFlag":1,"UiMode":0,"SubProductCode":"s"}]}`
	got := Compare(reflect.TypeFor[api.DescribeAppStatListResponse](), []byte(listing))
	want := []Drift{
		{Kind: TypeDiffers, Path: "SdkAppInfos[].BizScheme", Model: "number", Received: "null"},
		{Kind: TypeDiffers, Path: "SdkAppInfos[].Status", Model: "number", Received: "null"},
		{Kind: TypeDiffers, Path: "TotalNum", Model: "number", Received: "null"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("drifts\n%v\nwant\n%v", got, want)
	}
	if s := got[1].String(); s != "SdkAppInfos[].Status: model number, received null" {
		t.Errorf("reported as %q", s)
	}
	if got := Compare(reflect.TypeFor[api.AssumeRoleResponse](), []byte(`{"Credentials":null,"ExpiredTime":1,"Expiration":"e"}`)); len(got) != 1 ||
		got[0] != (Drift{Kind: TypeDiffers, Path: "Credentials", Model: "object", Received: "null"}) {
		t.Errorf("null object: drifts %v", got)
	}
}
