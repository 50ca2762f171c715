package emulator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"reflect"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// answerTypes maps each action name to its response struct.
var answerTypes = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, a := range api.Actions {
		m[a.Name] = a.Response
	}
	return m
}()

// checkingNulls serves next and fails t when an answer holds null where the
// reference does not allow it: only pointer fields (rows saying "may be
// null", checked in internal/api) may be null; arrays come as [], as the
// reference's rows say. Every harness test runs its answers through it.
func checkingNulls(t *testing.T, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tee := &teeWriter{ResponseWriter: w}
		next.ServeHTTP(tee, r)
		typ, ok := answerTypes[r.Header.Get("X-TC-Action")]
		if !ok || tee.hijacked {
			return
		}
		var env struct{ Response map[string]any }
		if json.Unmarshal(tee.body.Bytes(), &env) != nil || env.Response["Error"] != nil {
			return
		}
		delete(env.Response, "RequestId")
		for _, path := range misplacedNulls("Response", typ, env.Response) {
			t.Errorf("%s answered null at %s, which the reference does not allow", r.Header.Get("X-TC-Action"), path)
		}
	})
}

// misplacedNulls lists the paths of v (decoded JSON) that are null where
// typ is not a pointer.
func misplacedNulls(path string, typ reflect.Type, v any) []string {
	if v == nil {
		if typ.Kind() == reflect.Pointer {
			return nil
		}
		return []string{path}
	}
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	var out []string
	switch typ.Kind() {
	case reflect.Struct:
		obj, _ := v.(map[string]any)
		for i := range typ.NumField() {
			f := typ.Field(i)
			if child, ok := obj[api.JSONName(f)]; ok {
				out = append(out, misplacedNulls(path+"."+api.JSONName(f), f.Type, child)...)
			}
		}
	case reflect.Slice:
		items, _ := v.([]any)
		for _, item := range items {
			out = append(out, misplacedNulls(path+"[]", typ.Elem(), item)...)
		}
	}
	return out
}

// teeWriter keeps a copy of the body and lets the emulator drop the
// connection (Hijack) as it does without the check.
type teeWriter struct {
	http.ResponseWriter
	body     bytes.Buffer
	hijacked bool
}

func (w *teeWriter) Write(b []byte) (int, error) {
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

func (w *teeWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.hijacked = true
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

// The check itself: null in a scalar, an object or an array is named; null
// in a pointer is not.
func TestMisplacedNullsNamesEachPath(t *testing.T) {
	answer := map[string]any{"TotalNum": nil, "SdkAppInfos": []any{
		map[string]any{"ID": 1.0, "Name": nil, "License": nil, "TagList": nil, "Status": nil},
	}}
	got := misplacedNulls("Response", reflect.TypeFor[api.DescribeAppStatListResponse](), answer)
	want := []string{"Response.TotalNum", "Response.SdkAppInfos[].Status", "Response.SdkAppInfos[].TagList"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("misplaced nulls %v, want %v", got, want)
	}
}
