package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// LenientTag marks a response field the provider never reads
// (`decode:"lenient"`): when the service answers it with another JSON type
// than modelled, DecodeResponse leaves the zero value there instead of
// failing the read. Every other field fails loudly. A test checks that no
// lenient field is read outside this package and the emulator.
const LenientTag = "lenient"

// DecodeError says that a field the provider reads came with an unexpected
// JSON type (or a number out of its range): the real service and the
// modelled shape disagree (see internal/api/README.md to correct it).
type DecodeError struct {
	Service, Action string
	Field           string // path in the Response object, such as SdkAppInfos[0].InWhiteList
	Expected        string // a JSON kind
	Received        string // a JSON kind
	Detail          string // why a value of the expected kind does not fit, if it does not
	RequestID       string
}

func (e *DecodeError) Error() string {
	what := fmt.Sprintf("expected a JSON %s, received a JSON %s", e.Expected, e.Received)
	if e.Detail != "" {
		what += " (" + e.Detail + ")"
	}
	return fmt.Sprintf("%s.%s: decoding the response (RequestId %s): field %s: %s; the modelled shapes are described in internal/api/README.md",
		e.Service, e.Action, e.RequestID, e.Field, what)
}

// DecodeResponse fills out (a pointer) from the Response object of an
// answer. Unknown fields are ignored. null is another JSON type too, except
// in a field whose Go type may be null (MayBeNull: a pointer, slice or map,
// left nil), so a null Status is never read as "". A type mismatch in a
// field tagged lenient is tolerated (zero value) and its path returned; any
// other is a *DecodeError.
func DecodeResponse(service, action, requestID string, response []byte, out any) (tolerated []string, err error) {
	d := &decoder{}
	target := reflect.ValueOf(out)
	if target.Kind() != reflect.Pointer || target.IsNil() {
		return nil, fmt.Errorf("%s.%s: DecodeResponse needs a non-nil pointer, got %T", service, action, out)
	}
	if m := d.value(response, target.Elem(), "Response", false); m != nil {
		m.Service, m.Action, m.RequestID = service, action, requestID
		return d.tolerated, m
	}
	return d.tolerated, nil
}

type decoder struct {
	tolerated []string
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// value decodes raw into v; lenient is inherited from the enclosing field.
func (d *decoder) value(raw []byte, v reflect.Value, path string, lenient bool) *DecodeError {
	received := KindOfRaw(raw)
	if reflect.PointerTo(v.Type()).Implements(unmarshalerType) || v.Kind() == reflect.Interface {
		if err := json.Unmarshal(raw, v.Addr().Interface()); err != nil {
			return d.mismatch(v, path, lenient, &DecodeError{Field: path, Expected: KindOfType(v.Type()), Received: received, Detail: err.Error()})
		}
		return nil
	}
	expected := KindOfType(v.Type())
	if received == KindNull {
		if !MayBeNull(v.Type()) { // a false "" or 0 would be read as the service's word
			return d.mismatch(v, path, lenient, &DecodeError{Field: path, Expected: expected, Received: received})
		}
		v.SetZero()
		return nil
	}
	if received != expected {
		return d.mismatch(v, path, lenient, &DecodeError{Field: path, Expected: expected, Received: received})
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.value(raw, v.Elem(), path, lenient)
	case reflect.Struct:
		return d.object(raw, v, path, lenient)
	case reflect.Slice:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return d.mismatch(v, path, lenient, &DecodeError{Field: path, Expected: expected, Received: received, Detail: err.Error()})
		}
		out := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, item := range items {
			if m := d.value(item, out.Index(i), fmt.Sprintf("%s[%d]", path, i), lenient); m != nil {
				return m
			}
		}
		v.Set(out)
		return nil
	}
	// Scalars and maps: the kind matches, so only a value out of range
	// (a fraction or a negative number for an unsigned field) fails here.
	if err := json.Unmarshal(raw, v.Addr().Interface()); err != nil {
		return d.mismatch(v, path, lenient, &DecodeError{Field: path, Expected: expected, Received: received,
			Detail: fmt.Sprintf("%s does not fit %s", strings.TrimSpace(string(raw)), v.Type())})
	}
	return nil
}

// object decodes a JSON object into the struct v, field by field.
func (d *decoder) object(raw []byte, v reflect.Value, path string, lenient bool) *DecodeError {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return d.mismatch(v, path, lenient, &DecodeError{Field: path, Expected: KindObject, Received: KindOfRaw(raw), Detail: err.Error()})
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := JSONName(f)
		if name == "" {
			continue
		}
		fieldRaw, ok := lookupField(fields, name)
		if !ok {
			continue
		}
		fieldPath := name
		if path != "Response" {
			fieldPath = path + "." + name
		}
		if m := d.value(fieldRaw, v.Field(i), fieldPath, lenient || IsLenient(f)); m != nil {
			return m
		}
	}
	return nil
}

// mismatch tolerates m in a lenient field (zeroing it) and returns it otherwise.
func (d *decoder) mismatch(v reflect.Value, path string, lenient bool, m *DecodeError) *DecodeError {
	if !lenient {
		return m
	}
	v.SetZero()
	d.tolerated = append(d.tolerated, fmt.Sprintf("%s (a JSON %s, modelled as %s)", path, m.Received, m.Expected))
	return nil
}

// JSONName is the wire name of a struct field, "" when it is not on the wire.
func JSONName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

// MayBeNull reports whether a field of Go type t is modelled as possibly
// null on the wire: a pointer, slice or map (nil when null). A scalar or
// struct is not, so null there is a shape the model does not know.
func MayBeNull(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

// IsLenient reports whether a response field is tagged decode:"lenient".
func IsLenient(f reflect.StructField) bool { return f.Tag.Get("decode") == LenientTag }

// lookupField finds a field as encoding/json does: exact name first, then
// case-insensitively.
func lookupField(fields map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	if raw, ok := fields[name]; ok {
		return raw, true
	}
	for k, raw := range fields {
		if strings.EqualFold(k, name) {
			return raw, true
		}
	}
	return nil, false
}
