package probe

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// DriftKind tells how a field differs from the model.
type DriftKind string

const (
	Missing     DriftKind = "missing"      // the model has it, the answer does not
	NotModelled DriftKind = "not modelled" // the answer has it, the model does not
	TypeDiffers DriftKind = "type differs" // both have it, in different JSON kinds
)

// Drift is one field that differs. Path spells array elements "[]".
type Drift struct {
	Kind     DriftKind
	Path     string
	Model    string // JSON kind the model expects ("" for NotModelled)
	Received string // JSON kind received ("" for Missing)
}

func (d Drift) String() string {
	switch d.Kind {
	case Missing:
		return fmt.Sprintf("%s (%s)", d.Path, d.Model)
	case NotModelled:
		return fmt.Sprintf("%s (%s)", d.Path, d.Received)
	}
	return fmt.Sprintf("%s: model %s, received %s", d.Path, d.Model, d.Received)
}

// envelopeFields are part of every Response, not of an action's model.
var envelopeFields = map[string]bool{"RequestId": true}

// Compare lists how answer (one Response object) differs from model, the
// Go type the client decodes it into: field names from json tags, JSON
// kinds from Go kinds. Each path is reported once, however many array
// elements show it; the result is sorted by kind, then path.
func Compare(model reflect.Type, answer json.RawMessage) []Drift {
	dec := json.NewDecoder(bytes.NewReader(answer))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []Drift{{Kind: TypeDiffers, Path: "Response", Model: "object", Received: "not JSON"}}
	}
	c := comparer{seen: map[string]bool{}}
	c.value("", model, v, true)
	sort.Slice(c.drifts, func(i, j int) bool {
		if c.drifts[i].Kind != c.drifts[j].Kind {
			return c.drifts[i].Kind < c.drifts[j].Kind
		}
		return c.drifts[i].Path < c.drifts[j].Path
	})
	return c.drifts
}

type comparer struct {
	drifts []Drift
	seen   map[string]bool
}

func (c *comparer) add(d Drift) {
	key := string(d.Kind) + " " + d.Path
	if !c.seen[key] {
		c.seen[key] = true
		c.drifts = append(c.drifts, d)
	}
}

var (
	rawMessageType  = reflect.TypeFor[json.RawMessage]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textType        = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func (c *comparer) value(path string, t reflect.Type, v any, top bool) {
	if v == nil {
		// Only a pointer, slice or map may be null; anywhere else null is
		// another JSON type than modelled (api.DecodeResponse refuses it
		// in a read field).
		if !api.MayBeNull(t) {
			c.add(Drift{Kind: TypeDiffers, Path: path, Model: modelKind(t), Received: "null"})
		}
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessageType || t.Kind() == reflect.Interface {
		return // the model takes anything here
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textType) {
		// A type that decodes itself: ask it.
		raw, _ := json.Marshal(v)
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			c.add(Drift{Kind: TypeDiffers, Path: path, Model: t.Name(), Received: kindOf(v)})
		}
		return
	}
	want := modelKind(t)
	if got := kindOf(v); got != want {
		c.add(Drift{Kind: TypeDiffers, Path: path, Model: want, Received: got})
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		c.object(path, t, v.(map[string]any), top)
	case reflect.Map:
		for k, child := range v.(map[string]any) {
			c.value(join(path, k), t.Elem(), child, false)
		}
	case reflect.Slice, reflect.Array:
		for _, child := range v.([]any) {
			c.value(path+"[]", t.Elem(), child, false)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		// A number the model's type cannot hold (1.5 in an integer, -1 in
		// an unsigned) fails to decode just as a wrong kind does.
		if err := json.Unmarshal([]byte(v.(json.Number)), reflect.New(t).Interface()); err != nil {
			c.add(Drift{Kind: TypeDiffers, Path: path, Model: want + " (" + t.Kind().String() + ")", Received: "number " + string(v.(json.Number))})
		}
	}
}

func (c *comparer) object(path string, t reflect.Type, obj map[string]any, top bool) {
	fields := jsonFields(t)
	for name, f := range fields {
		child, ok := obj[name]
		if !ok {
			c.add(Drift{Kind: Missing, Path: join(path, name), Model: modelKind(f.Type)})
			continue
		}
		c.value(join(path, name), f.Type, child, false)
	}
	for name, child := range obj {
		if _, ok := fields[name]; !ok && !(top && envelopeFields[name]) {
			c.add(Drift{Kind: NotModelled, Path: join(path, name), Received: kindOf(child)})
		}
	}
}

// jsonFields maps the JSON names of a struct's fields (embedded structs
// flattened, "-" skipped) to the fields, as encoding/json sees them.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		out[name] = f
	}
	return out
}

// modelKind is the JSON kind a Go type decodes from.
func modelKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawMessageType || t.Kind() == reflect.Interface {
		return "any"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	}
	return t.Kind().String()
}

// kindOf is the JSON kind of a decoded value.
func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
