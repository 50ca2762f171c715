package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// publishedListing is the published DescribeAppStatList example answer
// (origin in internal/api/testdata/README.md).
func publishedListing(t *testing.T) []byte {
	t.Helper()
	body, err := os.ReadFile("../api/testdata/DescribeAppStatList.response.json")
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// The published answer, served verbatim, decodes through the signed client
// into every field of the model.
func TestPublishedListingDecodes(t *testing.T) {
	body := publishedListing(t)
	f := newFakeAPI(t, func(w http.ResponseWriter) { _, _ = w.Write(body) })
	c, _ := testClient(f)
	out, err := api.New(c).DescribeAppStatList(context.Background(), &api.DescribeAppStatListRequest{NeedTags: api.Ptr[int64](1)})
	if err != nil {
		t.Fatalf("DescribeAppStatList on the published answer: %v", err)
	}
	if seen := f.requests(); len(seen) != 1 || !seen[0].SignatureOK {
		t.Fatalf("the call was not one correctly signed request: %+v", seen)
	}
	published := "string"
	want := &api.DescribeAppStatListResponse{TotalNum: 1, SdkAppInfos: []api.SdkAppInfo{{
		ID: 1, Name: &published, BizScheme: 1, BizSubScheme: 1, Description: &published,
		LastDay: 1, LastDayCC: 1, CurMonthCC: 1, CreateTime: "string",
		HasAccount: 1, AccountMode: 1, Status: 1, RegisterFrom: 1, InWhiteList: false, PrewhiteFlag: 1,
		TagList: []api.Tag{{TagKey: "string", TagValue: "string"}}, UiMode: 0, License: &published,
		SubProductCode: "string", UsageMode: []uint64{0, 1, 2},
	}}}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("decoded\n%+v\nwant\n%+v", out, want)
	}
}

// listingNullable are the SdkAppInfo fields published as "X or null".
var listingNullable = map[string]bool{"Name": true, "Description": true, "TagList": true, "License": true}

// The emulator answers DescribeAppStatList with the published field names
// and JSON kinds, recursively.
func TestEmulatorListingHasPublishedKinds(t *testing.T) {
	c, _ := emulatorClient(t, clock.NewFake(time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)), func(*Options) {})
	ctx := context.Background()
	client := api.New(c)
	created, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "kinds", Description: api.Ptr("d"), Product: "RTCEngine", Tags: []api.Tag{{TagKey: "env", TagValue: "prod"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateTrtcFreeLicense(ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: created.SdkAppId}); err != nil {
		t.Fatal(err) // so License is a string, as in the published answer
	}
	var answer json.RawMessage
	if err := c.Call(ctx, api.ServiceTRTC, api.VersionTRTC, "DescribeAppStatList", &api.DescribeAppStatListRequest{NeedTags: api.Ptr[int64](1)}, &answer); err != nil {
		t.Fatal(err)
	}
	var published struct{ Response json.RawMessage }
	if err := json.Unmarshal(publishedListing(t), &published); err != nil {
		t.Fatal(err)
	}
	for _, d := range kindDiffs("Response", decodeAny(t, published.Response), decodeAny(t, answer), listingNullable) {
		t.Error(d)
	}
}

// The comparison itself sees each kind of drift.
func TestKindDiffsNamesEachDrift(t *testing.T) {
	want := map[string]any{"A": json.Number("1"), "B": []any{true}, "C": "s", "License": "s"}
	got := map[string]any{"A": "1", "B": []any{json.Number("0")}, "D": "extra", "License": nil}
	diffs := kindDiffs("R", want, got, listingNullable)
	wantDiffs := []string{
		"R.A: published number, emulator string",
		"R.B[0]: published boolean, emulator number",
		"R.C: published, missing from the emulator",
		"R.D: not published, answered by the emulator",
	}
	if fmt.Sprint(diffs) != fmt.Sprint(wantDiffs) {
		t.Errorf("diffs\n%q\nwant\n%q", diffs, wantDiffs)
	}
}

func decodeAny(t *testing.T, raw []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// kindDiffs lists where got's field names or JSON kinds differ from want's.
// An array's elements are each compared with want's first one; a field named
// in nullable may be null in got.
func kindDiffs(path string, want, got any, nullable map[string]bool) []string {
	wk, gk := api.KindOf(want), api.KindOf(got)
	if gk == "null" && nullable[lastName(path)] {
		return nil
	}
	if wk != gk {
		return []string{fmt.Sprintf("%s: published %s, emulator %s", path, wk, gk)}
	}
	var diffs []string
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		for _, k := range sortedKeys(w, g) {
			wv, inW := w[k]
			gv, inG := g[k]
			switch {
			case !inG:
				diffs = append(diffs, fmt.Sprintf("%s.%s: published, missing from the emulator", path, k))
			case !inW:
				diffs = append(diffs, fmt.Sprintf("%s.%s: not published, answered by the emulator", path, k))
			default:
				diffs = append(diffs, kindDiffs(path+"."+k, wv, gv, nullable)...)
			}
		}
	case []any:
		g := got.([]any)
		if len(w) > 0 && len(g) == 0 {
			return []string{fmt.Sprintf("%s: the emulator's array is empty: its element kinds cannot be compared", path)}
		}
		for i, gv := range g {
			diffs = append(diffs, kindDiffs(fmt.Sprintf("%s[%d]", path, i), w[0], gv, nullable)...)
		}
	}
	return diffs
}

func lastName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			return path[i+1:]
		}
	}
	return path
}

func sortedKeys(maps ...map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}
