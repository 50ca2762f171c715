package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestHostileBodies: nothing panics and each body gets its documented code.
func TestHostileBodies(t *testing.T) {
	h := newHarness(t)
	h.createApp("exists")
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	cases := []struct {
		name, action string
		body         []byte
		want         string
	}{
		{"over 10 MB", "DescribeAppStatList", []byte(`{"AppNames":["` + strings.Repeat("x", maxBody+1) + `"]}`), "RequestSizeLimitExceeded"},
		{"over the hard cap", "DescribeAppStatList", bytes.Repeat([]byte(" "), hardBodyCap+1), "RequestSizeLimitExceeded"},
		{"invalid UTF-8", "CreateTrtcApp", []byte("{\"AppName\":\"a\xff\",\"Product\":\"Call\"}"), "InvalidParameter"},
		{"invalid UTF-8 in a tag", "CreateTrtcApp", []byte("{\"AppName\":\"a\",\"Product\":\"Call\",\"Tags\":[{\"TagKey\":\"k\xc3\",\"TagValue\":\"v\"}]}"), "InvalidParameter"},
		{"escaped lone surrogate tag key", "CreateTrtcApp", []byte(`{"AppName":"a","Product":"Call","Tags":[{"TagKey":"\ud800","TagValue":"v"}]}`), "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"deeply nested", "DescribeAppStatList", []byte(`{"AppNames":` + deep + `}`), "InvalidParameter"},
		{"deeply nested unknown field", "DescribeAppStatList", []byte(`{"Junk":` + deep + `}`), "InvalidParameter"},
		{"huge number", "DescribeSdkAppInfo", []byte(`{"SdkAppId":1e400}`), "InvalidParameter"},
		{"uint64 overflow", "DescribeSdkAppInfo", []byte(`{"SdkAppId":18446744073709551616}`), "InvalidParameter"},
		{"fractional id", "DescribeSdkAppInfo", []byte(`{"SdkAppId":1400000001.5}`), "InvalidParameter"},
		{"negative SdkAppId", "DescribeSdkAppInfo", []byte(`{"SdkAppId":-1400000001}`), "InvalidParameter"},
		{"negative Limit", "DescribeAppStatList", []byte(`{"Limit":-1}`), "InvalidParameter"},
		{"max uint64 id", "DescribeSdkAppInfo", []byte(`{"SdkAppId":18446744073709551615}`), "FailedOperation.SdkAppIdNotExist"},
		{"max uint64 offset", "DescribeAppStatList", []byte(`{"Offset":18446744073709551615}`), ""},
		{"array body", "DescribeAppStatList", []byte(`[]`), "InvalidParameter"},
		{"null body", "DescribeAppStatList", []byte(`null`), "InvalidParameter"},
		{"string body", "DescribeAppStatList", []byte(`"x"`), "InvalidParameter"},
		{"truncated JSON", "DescribeAppStatList", []byte(`{"Limit":`), "InvalidParameter"},
		{"trailing garbage", "DescribeAppStatList", []byte(`{} {}`), "InvalidParameter"},
		{"null required field", "DescribeSdkAppInfo", []byte(`{"SdkAppId":null}`), "MissingParameter"},
		{"wrong case field", "DescribeSdkAppInfo", []byte(`{"sdkappid":1400000001}`), "UnknownParameter"},
		{"unknown nested field", "CreateTrtcApp", []byte(`{"AppName":"a","Product":"Call","Tags":[{"TagKey":"k","TagValue":"v","X":1}]}`), "UnknownParameter"},
		{"object for string", "CreateTrtcApp", []byte(`{"AppName":{},"Product":"Call"}`), "InvalidParameter"},
		{"NUL in name", "CreateTrtcApp", []byte(`{"AppName":"a\u0000b","Product":"Call"}`), "InvalidParameterValue.AppName"},
		{"empty body", "DescribeAppStatList", []byte(``), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, resp := h.raw(rawRequest{action: tc.action, body: tc.body})
			if resp.StatusCode != http.StatusOK || env.code() != tc.want {
				t.Fatalf("HTTP %d code %q, want %q", resp.StatusCode, env.code(), tc.want)
			}
		})
	}
	// The server still answers after all of that.
	h.info(firstSdkAppID)
}

func TestGetOnAPIPath(t *testing.T) {
	h := newHarness(t)
	resp, err := h.srv.Client().Get(h.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env envelope
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || resp.StatusCode != 200 || env.code() != "UnsupportedProtocol" {
		t.Fatalf("GET / answered HTTP %d code %q (%v), want the 200 envelope with UnsupportedProtocol", resp.StatusCode, env.code(), err)
	}
}
