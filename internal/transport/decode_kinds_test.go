package transport

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// answerBody replies with a success envelope spelled verbatim.
func answerBody(response string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		_, _ = w.Write([]byte(`{"Response":` + response + `}`))
	}
}

// Fields the provider does not read (unknown ones, and modelled ones
// tagged lenient) cannot break a read whatever their JSON type.
func TestUnreadFieldsOfAnyTypeDoNotBreakReads(t *testing.T) {
	ctx := context.Background()
	t.Run("listing", func(t *testing.T) {
		c, _ := testClient(newFakeAPI(t, answerBody(`{"TotalNum":1,"RequestId":"r","NewField":{"x":[1]},"SdkAppInfos":[
			{"ID":1400000001,"Name":"a","Status":1,"CreateTime":"2026-01-02 03:04:05","License":null,"TagList":[{"TagKey":"k","TagValue":"v"}],
			 "InWhiteList":"yes","BizScheme":"RTC","UsageMode":7,"LastDay":[1],"UiMode":{"a":1},"SubProductCode":false,"Unknown":true}]}`)))
		out, err := api.New(c).DescribeAppStatList(ctx, &api.DescribeAppStatListRequest{})
		if err != nil {
			t.Fatalf("unread fields broke the listing: %v", err)
		}
		info := out.SdkAppInfos[0]
		if out.TotalNum != 1 || info.ID != 1400000001 || info.Name == nil || *info.Name != "a" || info.Status != 1 || len(info.TagList) != 1 || info.TagList[0].TagValue != "v" {
			t.Errorf("read fields = %+v", info)
		}
		if info.InWhiteList || info.BizScheme != 0 || info.UsageMode != nil || info.LastDay != 0 {
			t.Errorf("mistyped unread fields not left at zero: %+v", info)
		}
	})
	t.Run("DescribeSdkAppInfo", func(t *testing.T) {
		c, _ := testClient(newFakeAPI(t, answerBody(`{"SdkAppId":1400000001,"AppName":"a","Status":"Enabled","TargetStatus":"Enabled",
			"Quota":{"Max":[300]},"Region":7,"RequestId":"r"}`)))
		out, err := api.New(c).DescribeSdkAppInfo(ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: 1400000001})
		if err != nil {
			t.Fatalf("unknown fields broke DescribeSdkAppInfo: %v", err)
		}
		if out.SdkAppId != 1400000001 || out.AppName != "a" || out.Status != api.AppStatusEnabled {
			t.Errorf("read fields = %+v", out)
		}
	})
	t.Run("tags", func(t *testing.T) {
		c, _ := testClient(newFakeAPI(t, answerBody(`{"TotalCount":1,"Offset":"0","Limit":null,"RequestId":"r",
			"Tags":[{"TagKey":"k","TagValue":"v","ResourceId":"1400000001","Category":5,"Extra":[]}]}`)))
		out, err := api.New(c).DescribeResourceTagsByResourceIds(ctx, &api.DescribeResourceTagsByResourceIdsRequest{})
		if err != nil {
			t.Fatalf("unread fields broke the tag read: %v", err)
		}
		if out.TotalCount != 1 || len(out.Tags) != 1 || out.Tags[0] != (api.ResourceTag{TagKey: "k", TagValue: "v", ResourceId: "1400000001"}) {
			t.Errorf("read = %+v", out)
		}
	})
}

// A field the provider reads, with an unexpected JSON type, fails with a
// *api.DecodeError naming service, action, field and both kinds.
func TestReadFieldOfWrongTypeFailsNamingIt(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, answer                           string
		call                                   func(*api.Client) error
		service, action, field, expected, kind string
	}{
		{"listing", `{"TotalNum":1,"RequestId":"r","SdkAppInfos":[{"ID":"1400000001","Name":"a"}]}`,
			func(c *api.Client) error {
				_, err := c.DescribeAppStatList(ctx, &api.DescribeAppStatListRequest{})
				return err
			},
			"trtc", "DescribeAppStatList", "SdkAppInfos[0].ID", "number", "string"},
		{"listing status", `{"TotalNum":1,"RequestId":"r","SdkAppInfos":[{"ID":1,"Status":true}]}`,
			func(c *api.Client) error {
				_, err := c.DescribeAppStatList(ctx, &api.DescribeAppStatListRequest{})
				return err
			},
			"trtc", "DescribeAppStatList", "SdkAppInfos[0].Status", "number", "boolean"},
		{"DescribeSdkAppInfo", `{"SdkAppId":1400000001,"Status":1,"RequestId":"r"}`,
			func(c *api.Client) error {
				_, err := c.DescribeSdkAppInfo(ctx, &api.DescribeSdkAppInfoRequest{})
				return err
			},
			"trtc", "DescribeSdkAppInfo", "Status", "string", "number"},
		{"DescribeSdkAppInfo null status", `{"SdkAppId":1400000001,"Status":null,"RequestId":"r"}`,
			func(c *api.Client) error {
				_, err := c.DescribeSdkAppInfo(ctx, &api.DescribeSdkAppInfoRequest{})
				return err
			},
			"trtc", "DescribeSdkAppInfo", "Status", "string", "null"},
		{"CreateTrtcApp null SdkAppId", `{"SdkAppId":null,"RequestId":"r"}`,
			func(c *api.Client) error {
				_, err := c.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{})
				return err
			},
			"trtc", "CreateTrtcApp", "SdkAppId", "number", "null"},
		{"listing null ID", `{"TotalNum":1,"RequestId":"r","SdkAppInfos":[{"ID":null,"Name":"a"}]}`,
			func(c *api.Client) error {
				_, err := c.DescribeAppStatList(ctx, &api.DescribeAppStatListRequest{})
				return err
			},
			"trtc", "DescribeAppStatList", "SdkAppInfos[0].ID", "number", "null"},
		{"tags", `{"TotalCount":1,"RequestId":"r","Tags":[{"TagKey":"k","TagValue":{"v":1}}]}`,
			func(c *api.Client) error {
				_, err := c.DescribeResourceTagsByResourceIds(ctx, &api.DescribeResourceTagsByResourceIdsRequest{})
				return err
			},
			"tag", "DescribeResourceTagsByResourceIds", "Tags[0].TagValue", "string", "object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := testClient(newFakeAPI(t, answerBody(tc.answer)))
			err := tc.call(api.New(c))
			var de *api.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a *api.DecodeError", err)
			}
			if de.Service != tc.service || de.Action != tc.action || de.Field != tc.field || de.Expected != tc.expected || de.Received != tc.kind || de.RequestID != "r" {
				t.Errorf("DecodeError = %+v, want %s.%s field %s expected %s received %s", de, tc.service, tc.action, tc.field, tc.expected, tc.kind)
			}
			for _, want := range []string{tc.service + "." + tc.action, "field " + tc.field, "expected a JSON " + tc.expected, "received a JSON " + tc.kind} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q does not say %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "json: cannot unmarshal") {
				t.Errorf("message %q is a bare decoding error", err)
			}
		})
	}
}
