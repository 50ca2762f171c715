package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// actionSpec is one action: its request shape, required fields and handler.
type actionSpec struct {
	service, name, key string
	read               bool // a read that fault read_lag delays
	required           []string
	known              map[string]bool
	decodeInto         func(body []byte) (any, *apiError)
	handle             func(e *Emulator, c *call, req any) (any, *apiError)
}

// def builds an actionSpec from the api request type Req and a typed handler.
func def[Req any](service, name string, read bool, required []string, h func(e *Emulator, c *call, req *Req) (any, *apiError)) *actionSpec {
	s := &actionSpec{service: service, name: name, key: service + "." + name, read: read, required: required, known: jsonFields[Req]()}
	s.decodeInto = func(body []byte) (any, *apiError) {
		req := new(Req)
		if err := json.Unmarshal(body, req); err != nil {
			return nil, decodeError(err)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(new(Req)); err != nil {
			return nil, decodeError(err)
		}
		return req, nil
	}
	s.handle = func(e *Emulator, c *call, req any) (any, *apiError) { return h(e, c, req.(*Req)) }
	return s
}

// jsonFields lists the JSON names of a request struct's fields.
func jsonFields[Req any]() map[string]bool {
	out := map[string]bool{}
	t := reflect.TypeOf((*Req)(nil)).Elem()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" {
			name = t.Field(i).Name
		}
		out[name] = true
	}
	return out
}

// actions is every action of internal/api/README.md, by service and name.
var actions = map[string]map[string]*actionSpec{}

func register(specs ...*actionSpec) {
	for _, s := range specs {
		if actions[s.service] == nil {
			actions[s.service] = map[string]*actionSpec{}
		}
		actions[s.service][s.name] = s
	}
}

// lookupAction resolves the credential scope's service and the action and
// version headers: InvalidAction, then NoSuchVersion.
func lookupAction(service, action, version string) (*actionSpec, *apiError) {
	byName, ok := actions[service]
	if !ok {
		return nil, errf("InvalidAction", "the service %q of the credential scope is not served here (trtc, tag, sts)", service)
	}
	spec, ok := byName[action]
	if !ok {
		return nil, errf("InvalidAction", "the action %q is not an action of %s", action, service)
	}
	if version != api.Versions[service] {
		return nil, errf("NoSuchVersion", "the version %q is not a version of %s (use %s)", version, service, api.Versions[service])
	}
	return spec, nil
}

// decode checks the body in the reference's order (internal/api/README.md,
// Transport): a JSON object with fields
// of the right types (InvalidParameter), only known fields
// (UnknownParameter), every required field (MissingParameter).
func (s *actionSpec) decode(body []byte) (any, *apiError) {
	if !utf8.Valid(body) {
		return nil, errf("InvalidParameter", "the request body is not valid UTF-8")
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		trimmed = []byte("{}")
	}
	if trimmed[0] != '{' {
		return nil, errf("InvalidParameter", "the request body must be a JSON object")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &raw); err != nil {
		return nil, decodeError(err)
	}
	var unknown []string
	for name := range raw {
		if !s.known[name] {
			unknown = append(unknown, name)
		}
	}
	req, aerr := s.decodeTyped(trimmed)
	if aerr != nil && aerr.Code == "InvalidParameter" {
		return nil, aerr
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, errf("UnknownParameter", "%s does not know the field %s", s.name, strings.Join(unknown, ", "))
	}
	if aerr != nil {
		return nil, aerr
	}
	for _, name := range s.required {
		if v, ok := raw[name]; !ok || string(bytes.TrimSpace(v)) == "null" {
			return nil, errf("MissingParameter", "%s needs the field %s", s.name, name)
		}
	}
	return req, nil
}

func (s *actionSpec) decodeTyped(body []byte) (any, *apiError) { return s.decodeInto(body) }

// decodeError turns a JSON decoding error into InvalidParameter or, for a
// field the shape does not have, UnknownParameter.
func decodeError(err error) *apiError {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		field := typeErr.Field
		if field == "" {
			field = "the body"
		}
		return errf("InvalidParameter", "the field %s must be a JSON %s, not %s", field, jsonKind(typeErr.Type), typeErr.Value)
	}
	if msg := err.Error(); strings.HasPrefix(msg, "json: unknown field ") {
		return errf("UnknownParameter", "unknown field %s", strings.TrimPrefix(msg, "json: unknown field "))
	}
	return errf("InvalidParameter", "the request body is not valid JSON: %v", err)
}

func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "non-negative integer"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return t.String()
}
