package api

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

type decodeInner struct {
	N uint64 `json:"N"`
}

type decodeShape struct {
	S       string            `json:"S"`
	P       *string           `json:"P"`
	L       []decodeInner     `json:"L"`
	M       map[string]string `json:"M"`
	Raw     json.RawMessage   `json:"Raw"`
	Unread  decodeInner       `json:"Unread" decode:"lenient"`
	UnreadN uint64            `json:"UnreadN" decode:"lenient"`
}

func TestDecodeResponseCases(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       decodeShape
		field      string // "" = no error
		tolerated  int
	}{
		// null is a value only where the Go type may be nil.
		{"null in a read scalar", `{"S":null}`, decodeShape{}, "S", 0},
		{"null in a pointer, slice or map is nil", `{"S":"x","P":null,"L":null,"M":null,"Raw":null}`, decodeShape{S: "x", Raw: json.RawMessage("null")}, "", 0},
		{"null in a nested read field", `{"L":[{"N":1},{"N":null}]}`, decodeShape{}, "L[1].N", 0},
		{"null for a read object", `{"L":[null]}`, decodeShape{}, "L[0]", 0},
		{"null in lenient fields is tolerated", `{"S":"x","UnreadN":null,"Unread":null}`, decodeShape{S: "x"}, "", 2},
		{"null inside a lenient field is tolerated", `{"S":"x","Unread":{"N":null}}`, decodeShape{S: "x"}, "", 1},
		{"map values", `{"M":{"a":"b"}}`, decodeShape{M: map[string]string{"a": "b"}}, "", 0},
		{"names match case-insensitively, as encoding/json", `{"s":"x","l":[{"n":2}]}`, decodeShape{S: "x", L: []decodeInner{{N: 2}}}, "", 0},
		{"pointer and raw", `{"P":"p","Raw":{"a":[1]}}`, decodeShape{P: Ptr("p"), Raw: json.RawMessage(`{"a":[1]}`)}, "", 0},
		{"a lenient field's children are lenient too", `{"S":"x","Unread":{"N":"many"}}`, decodeShape{S: "x"}, "", 1},
		{"negative into unsigned", `{"L":[{"N":1},{"N":-1}]}`, decodeShape{}, "L[1].N", 0},
		{"fraction into integer", `{"L":[{"N":1.5}]}`, decodeShape{}, "L[0].N", 0},
		{"array where an object is modelled", `{"L":[[1]]}`, decodeShape{}, "L[0]", 0},
		{"Response not an object", `[1]`, decodeShape{}, "Response", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got decodeShape
			tolerated, err := DecodeResponse("trtc", "X", "r", []byte(tc.body), &got)
			if len(tolerated) != tc.tolerated {
				t.Errorf("tolerated %v, want %d", tolerated, tc.tolerated)
			}
			var de *DecodeError
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tc.field != "" && (!errors.As(err, &de) || de.Field != tc.field):
				t.Fatalf("err = %v, want a DecodeError on %s", err, tc.field)
			case tc.field != "" && strings.Contains(tc.body, `"`+lastField(tc.field)+`":null`) && de.Received != KindNull:
				t.Errorf("received %q, want null", de.Received)
			case tc.field == "" && !reflect.DeepEqual(got, tc.want):
				t.Errorf("decoded %+v, want %+v", got, tc.want)
			}
		})
	}
}

func lastField(path string) string {
	return path[strings.LastIndexAny(path, ".]")+1:]
}

// Null in a field the provider reads is reported like any other JSON type,
// with the path through arrays, the modelled kind and "null"; the fields
// the reference publishes as possibly null (pointers, slices) are nil.
func TestDecodeNullInTheListing(t *testing.T) {
	var out DescribeAppStatListResponse
	_, err := DecodeResponse("trtc", "DescribeAppStatList", "r",
		[]byte(`{"TotalNum":2,"SdkAppInfos":[{"ID":1,"Status":1},{"ID":null,"Status":1}]}`), &out)
	var de *DecodeError
	if !errors.As(err, &de) || de.Field != "SdkAppInfos[1].ID" || de.Expected != KindNumber || de.Received != KindNull || de.RequestID != "r" {
		t.Fatalf("err = %#v, want a DecodeError on SdkAppInfos[1].ID, number, null", err)
	}
	if !strings.Contains(err.Error(), "field SdkAppInfos[1].ID: expected a JSON number, received a JSON null") {
		t.Errorf("message %q", err)
	}
	out = DescribeAppStatListResponse{}
	if _, err := DecodeResponse("trtc", "DescribeAppStatList", "r", []byte(`{"TotalNum":1,"SdkAppInfos":[
		{"ID":1,"Status":0,"CreateTime":"2026-01-02 03:04:05","Name":null,"Description":null,"TagList":null,"License":null}]}`), &out); err != nil {
		t.Fatalf("fields published as possibly null: %v", err)
	}
	if info := out.SdkAppInfos[0]; info.Name != nil || info.Description != nil || info.TagList != nil || info.License != nil {
		t.Errorf("nulls not read as nil: %+v", info)
	}
}
