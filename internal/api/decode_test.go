package api

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

type decodeInner struct {
	N uint64 `json:"N"`
}

type decodeShape struct {
	S      string          `json:"S"`
	P      *string         `json:"P"`
	L      []decodeInner   `json:"L"`
	Raw    json.RawMessage `json:"Raw"`
	Unread decodeInner     `json:"Unread" decode:"lenient"`
}

func TestDecodeResponseCases(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       decodeShape
		field      string // "" = no error
		tolerated  int
	}{
		{"nulls keep zero values", `{"S":null,"P":null,"L":null}`, decodeShape{}, "", 0},
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
			case tc.field == "" && !reflect.DeepEqual(got, tc.want):
				t.Errorf("decoded %+v, want %+v", got, tc.want)
			}
		})
	}
}
