package provider

import (
	"context"
	"go/ast"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// providerSchemas returns every schema the provider serves, keyed by kind
// and name ("resource trtc_application", "data trtc_applications",
// "ephemeral ...", "list ...", "identity ...", and "provider").
func providerSchemas(t *testing.T) map[string]*tfprotov6.Schema {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	ids, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || len(ids.Diagnostics) > 0 {
		t.Fatalf("GetResourceIdentitySchemas: %v %v", err, ids.Diagnostics)
	}
	if len(resp.ResourceSchemas) < 3 || len(resp.DataSourceSchemas) < 2 || len(resp.EphemeralResourceSchemas) < 1 ||
		len(resp.ListResourceSchemas) < 1 || len(ids.IdentitySchemas) < 3 {
		t.Fatalf("fewer schemas than registered: %d resources, %d data sources, %d ephemeral, %d list, %d identities",
			len(resp.ResourceSchemas), len(resp.DataSourceSchemas), len(resp.EphemeralResourceSchemas),
			len(resp.ListResourceSchemas), len(ids.IdentitySchemas))
	}
	schemas := map[string]*tfprotov6.Schema{"provider": resp.Provider}
	for kind, m := range map[string]map[string]*tfprotov6.Schema{
		"resource": resp.ResourceSchemas, "data": resp.DataSourceSchemas,
		"ephemeral": resp.EphemeralResourceSchemas, "list": resp.ListResourceSchemas,
	} {
		for name, s := range m {
			schemas[kind+" "+name] = s
		}
	}
	for name, is := range ids.IdentitySchemas {
		block := &tfprotov6.SchemaBlock{}
		for _, a := range is.IdentityAttributes {
			block.Attributes = append(block.Attributes, &tfprotov6.SchemaAttribute{Name: a.Name, Type: a.Type})
		}
		schemas["identity "+name] = &tfprotov6.Schema{Block: block}
	}
	return schemas
}

// TestSdkAppIDsAreNumbersEverywhere keeps the one ID rule of the docs
// (sdkAppIDTypeDescription): an SdkAppId is a number in every schema, a list
// of them a list of numbers; only `id` is a string.
func TestSdkAppIDsAreNumbersEverywhere(t *testing.T) {
	want := map[string]tftypes.Type{
		"sdk_app_id":  tftypes.Number,
		"sdk_app_ids": tftypes.List{ElementType: tftypes.Number},
		"ids":         tftypes.List{ElementType: tftypes.Number},
		"id":          tftypes.String,
	}
	seen := map[string]int{}
	var check func(where string, attrs []*tfprotov6.SchemaAttribute)
	check = func(where string, attrs []*tfprotov6.SchemaAttribute) {
		for _, a := range attrs {
			if typ, ok := want[a.Name]; ok {
				seen[a.Name]++
				if a.Type == nil || !a.Type.Equal(typ) {
					t.Errorf("%s.%s is %v, want %v", where, a.Name, a.Type, typ)
				}
			}
			if a.NestedType != nil {
				check(where+"."+a.Name, a.NestedType.Attributes)
			}
		}
	}
	for name, s := range providerSchemas(t) {
		check(name, s.Block.Attributes)
	}
	// Each rule must have met attributes, or the test checks nothing.
	for name := range want {
		if seen[name] == 0 {
			t.Errorf("no schema has an attribute %q: update the rule", name)
		}
	}
}

// Validators have one home, internal/validators: no type of this package
// implements a schema validator (a Validate<Kind> method).
func TestNoValidatorTypesInProvider(t *testing.T) {
	kinds := regexp.MustCompile(`^Validate(String|Bool|Int32|Int64|Float32|Float64|Number|List|Map|Set|Object|Dynamic)$`)
	fset, files := packageSources(t)
	for _, f := range files {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && kinds.MatchString(fn.Name.Name) {
				t.Errorf("%s: %s is a validator; define it in internal/validators", fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
	}
}
