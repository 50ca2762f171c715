package provider

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every diagnostic of the package is made by the helpers of diag.go, so the
// style (and plain text) cannot be bypassed by a new call site.
func TestDiagnosticsAreMadeOnlyInDiagGo(t *testing.T) {
	direct := map[string]bool{"AddError": true, "AddWarning": true, "AddAttributeError": true, "AddAttributeWarning": true,
		"NewErrorDiagnostic": true, "NewWarningDiagnostic": true, "NewAttributeErrorDiagnostic": true, "NewAttributeWarningDiagnostic": true}
	fset, files := packageSources(t)
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && direct[sel.Sel.Name] {
				t.Errorf("%s: %s made outside diag.go; use its helpers", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}

// packageSources parses the package's non-test files but diag.go, with comments.
func packageSources(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") || name == "diag.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d files", len(files))
	}
	return fset, files
}

// Diagnostics are plain text: no string of the package holds a Markdown code
// mark, except schema descriptions (Markdown for the docs), which are skipped.
// plain() turns any that gets through into a quote, but the source should
// say what the user reads.
func TestDiagnosticTextHasNoBackticks(t *testing.T) {
	fset, files := packageSources(t)
	checked := 0
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field: // struct tags
				return n.Tag == nil
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && strings.HasSuffix(k.Name, "Description") {
					return false
				}
			case *ast.ValueSpec:
				for _, id := range n.Names {
					if strings.HasSuffix(id.Name, "Description") {
						return false
					}
				}
			case *ast.FuncDecl:
				return !strings.Contains(strings.ToLower(n.Name.Name), "description")
			case *ast.BasicLit:
				if n.Kind != token.STRING && n.Kind != token.CHAR {
					return true
				}
				checked++
				text := n.Value[1 : len(n.Value)-1] // a raw string's backticks are its quotes
				if strings.Contains(text, "`") {
					t.Errorf("%s: Markdown code mark in %s; diagnostics are plain text (quote with %%q)", fset.Position(n.Pos()), n.Value)
				}
			}
			return true
		})
	}
	if checked < 100 {
		t.Fatalf("checked only %d strings", checked)
	}
}

func TestDiagnosticStyle(t *testing.T) {
	var diags diag.Diagnostics
	addFailure(&diags, "read", appObject(1400000001), errors.New("[InternalError] boom"), "Run `terraform apply` again")
	addVanished(&diags, tagObject(1400000001, "team"), "")
	addInvalidID(&diags, "trtc_application", "abc", sdkAppIDForm, sdkAppIDExample)

	want := []struct{ summary, detail string }{
		{"Could not read TRTC application 1400000001", `[InternalError] boom. Run "terraform apply" again.`},
		{`Tag "team" of TRTC application 1400000001 no longer exists`, "It was removed from the Terraform state; if the configuration still declares it, the next apply creates it again."},
		{"Invalid trtc_application ID", `The ID "abc" is not the SdkAppId of an application, a positive decimal number, such as "1400000001". ` +
			`Import it with the ID in quotes: id = "1400000001" in an import block, or terraform import trtc_application.example "1400000001" on the command line ` +
			"(with the resource's own address in place of trtc_application.example)"},
	}
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics, want %d: %v", len(diags), len(want), diags)
	}
	for i, w := range want {
		if diags[i].Summary() != w.summary || diags[i].Detail() != w.detail {
			t.Errorf("diagnostic %d:\n got %q / %q\nwant %q / %q", i, diags[i].Summary(), diags[i].Detail(), w.summary, w.detail)
		}
	}
	if p := diags[2].(diag.DiagnosticWithPath).Path(); !p.Equal(path.Root("id")) {
		t.Errorf("invalid ID on %s, want the id attribute", p)
	}
}

// An id that is not an SdkAppId gets the same attribute error in Read,
// Update and Delete (and import: provider_client_internal_test.go).
func TestInvalidApplicationIDIsOneAttributeError(t *testing.T) {
	r := &applicationResource{providerClient{pd: &ProviderData{}}}
	state := stateWith(t, r, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "abc")})
	plan := tfsdk.Plan{Schema: state.Schema, Raw: state.Raw}
	ctx := t.Context()
	got := map[string]diag.Diagnostics{}
	readResp := &resource.ReadResponse{State: state}
	r.Read(ctx, resource.ReadRequest{State: state}, readResp)
	got["Read"] = readResp.Diagnostics
	updateResp := &resource.UpdateResponse{State: state}
	r.Update(ctx, resource.UpdateRequest{State: state, Plan: plan}, updateResp)
	got["Update"] = updateResp.Diagnostics
	deleteResp := &resource.DeleteResponse{State: state}
	r.Delete(ctx, resource.DeleteRequest{State: state}, deleteResp)
	got["Delete"] = deleteResp.Diagnostics
	for op, diags := range got {
		errs := diags.Errors()
		if len(errs) != 1 || errs[0].Summary() != "Invalid trtc_application ID" || !strings.Contains(errs[0].Detail(), `The ID "abc" is not the SdkAppId`) {
			t.Errorf("%s: %v", op, diags)
			continue
		}
		if p := errs[0].(diag.DiagnosticWithPath).Path(); !p.Equal(path.Root("id")) {
			t.Errorf("%s: error on %s, want id", op, p)
		}
	}
}
