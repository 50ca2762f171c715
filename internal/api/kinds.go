package api

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// JSON kinds, as error messages, tests and the probe name them.
const (
	KindNumber  = "number"
	KindString  = "string"
	KindBoolean = "boolean"
	KindArray   = "array"
	KindObject  = "object"
	KindNull    = "null"
)

// KindOf is the JSON kind of a value decoded by encoding/json into any.
func KindOf(v any) string {
	switch v.(type) {
	case nil:
		return KindNull
	case string:
		return KindString
	case bool:
		return KindBoolean
	case float64, json.Number:
		return KindNumber
	case []any:
		return KindArray
	case map[string]any:
		return KindObject
	}
	return "unknown"
}

// KindOfRaw is the JSON kind of one encoded value, from its first byte.
func KindOfRaw(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return KindObject
	case '[':
		return KindArray
	case '"':
		return KindString
	case 't', 'f':
		return KindBoolean
	case 'n':
		return KindNull
	}
	return KindNumber
}

// KindOfType is the JSON kind a field of Go type t is modelled as (a
// pointer is its element, which may also be null on the wire).
func KindOfType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return KindString
	case reflect.Bool:
		return KindBoolean
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return KindNumber
	case reflect.Slice, reflect.Array:
		return KindArray
	case reflect.Struct, reflect.Map:
		return KindObject
	}
	return "unknown"
}
