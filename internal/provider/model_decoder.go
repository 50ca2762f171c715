package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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
		d.fields = append(d.fields, modelField{index: i, name: name, typ: typ})
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
	for i := 0; err == nil && i < len(d.fields); i++ {
		f := d.fields[i]
		var v attr.Value
		if v, err = f.typ.ValueFromTerraform(ctx, values[f.name]); err == nil {
			out.Field(f.index).Set(reflect.ValueOf(v))
		} else {
			err = fmt.Errorf("%s: %w", f.name, err)
		}
	}
	if err != nil {
		addFailure(&diags, "decode", "the Terraform data of the resource", err, "Please report this issue to the provider developers.")
	}
	return diags
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
