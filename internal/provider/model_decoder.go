package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// modelDecoder reads a whole plan or state into a model, as tfsdk.Plan.Get
// and tfsdk.State.Get do, for the calls made once per application in every
// plan. Why: the framework reflects over the struct anew on each Get and
// compiles a regular expression per field (internal/reflect's
// isValidFieldName, v1.19). With ModifyPlan's two Gets and a Set, that was
// most of this provider's own cost in a 300-application plan (issue 25).
// Here the fields are matched to the schema's attribute types once.
type modelDecoder[T any] struct {
	fields []modelField
}

type modelField struct {
	index int // in the struct
	name  string
	typ   attr.Type
	kind  fieldKind
}

// fieldKind says how a field is decoded: a framework String or Bool
// directly (ValueFromTerraform would box each value in an interface), any
// other type through its ValueFromTerraform.
type fieldKind int

const (
	viaType fieldKind = iota
	plainString
	plainBool
)

// kindOf is the field kind of a field of type ft holding attribute type typ.
func kindOf(ft reflect.Type, typ attr.Type) fieldKind {
	switch {
	case ft == reflect.TypeFor[types.String]() && typ.Equal(types.StringType):
		return plainString
	case ft == reflect.TypeFor[types.Bool]() && typ.Equal(types.BoolType):
		return plainBool
	}
	return viaType
}

// newModelDecoder matches T's fields (each an attr.Value tagged
// `tfsdk:"name"`) to the attributes of schemaType one to one, as the
// framework's Get requires.
func newModelDecoder[T any](schemaType attr.Type) (*modelDecoder[T], error) {
	withAttrs, ok := schemaType.(attr.TypeWithAttributeTypes)
	if !ok {
		return nil, fmt.Errorf("schema type %T has no attribute types", schemaType)
	}
	attrTypes := withAttrs.AttributeTypes() // a copy
	st := reflect.TypeFor[T]()
	d := &modelDecoder[T]{}
	for i := range st.NumField() {
		name := st.Field(i).Tag.Get("tfsdk")
		typ, ok := attrTypes[name]
		if !ok {
			return nil, fmt.Errorf("%s.%s: no attribute %q in the schema", st.Name(), st.Field(i).Name, name)
		}
		d.fields = append(d.fields, modelField{index: i, name: name, typ: typ, kind: kindOf(st.Field(i).Type, typ)})
		delete(attrTypes, name)
	}
	for name := range attrTypes {
		return nil, fmt.Errorf("%s: no field for attribute %q", st.Name(), name)
	}
	return d, nil
}

// get sets target from raw, a known object of the schema's type.
func (d *modelDecoder[T]) get(ctx context.Context, raw tftypes.Value, target *T) diag.Diagnostics {
	var diags diag.Diagnostics
	var values map[string]tftypes.Value
	err := raw.As(&values)
	out := reflect.ValueOf(target).Elem()
	scratch := new(plainValues) // one allocation for every field's As
	for i := 0; err == nil && i < len(d.fields); i++ {
		f := d.fields[i]
		if err = f.decode(ctx, values[f.name], out.Field(f.index), scratch); err != nil {
			err = fmt.Errorf("%s: %w", f.name, err)
		}
	}
	if err != nil {
		addFailure(&diags, "decode", "the Terraform data of the resource", err, "Please report this issue to the provider developers.")
	}
	return diags
}

// plainValues are where tftypes.Value.As writes a String or a Bool: what
// As writes to escapes to the heap.
type plainValues struct {
	s string
	b bool
}

// decode sets field from v as the framework's ValueFromTerraform would.
func (f modelField) decode(ctx context.Context, v tftypes.Value, field reflect.Value, scratch *plainValues) error {
	if f.kind == viaType {
		value, err := f.typ.ValueFromTerraform(ctx, v)
		if err == nil {
			field.Set(reflect.ValueOf(value))
		}
		return err
	}
	known := v.IsKnown() && !v.IsNull()
	var err error
	switch p := field.Addr().Interface().(type) { // a pointer: no copy, no allocation
	case *types.String:
		scratch.s = ""
		if known {
			err = v.As(&scratch.s)
		}
		*p = nullOrUnknownAs(v, types.StringValue(scratch.s), types.StringNull, types.StringUnknown)
	case *types.Bool:
		scratch.b = false
		if known {
			err = v.As(&scratch.b)
		}
		*p = nullOrUnknownAs(v, types.BoolValue(scratch.b), types.BoolNull, types.BoolUnknown)
	}
	return err
}

// nullOrUnknownAs is value, or null or unknown as v is.
func nullOrUnknownAs[V any](v tftypes.Value, value V, null, unknown func() V) V {
	switch {
	case !v.IsKnown():
		return unknown()
	case v.IsNull():
		return null()
	}
	return value
}

// applicationDecoder decodes trtc_application's plans and states.
var applicationDecoder = sync.OnceValue(func() *modelDecoder[applicationModel] {
	var resp resource.SchemaResponse
	NewApplicationResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	d, err := newModelDecoder[applicationModel](resp.Schema.Type())
	if err != nil {
		panic(err) // the model and the schema disagree: TestApplicationDecoder says where
	}
	return d
})
