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
)

// Every diagnostic of the package is made by the helpers of diag.go, so the
// style (and plain text) cannot be bypassed by a new call site.
func TestDiagnosticsAreMadeOnlyInDiagGo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	direct := map[string]bool{"AddError": true, "AddWarning": true, "AddAttributeError": true, "AddAttributeWarning": true,
		"NewErrorDiagnostic": true, "NewWarningDiagnostic": true, "NewAttributeErrorDiagnostic": true, "NewAttributeWarningDiagnostic": true}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "diag.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && direct[sel.Sel.Name] {
				t.Errorf("%s: %s made outside diag.go; use its helpers", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("checked only %d files", checked)
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
		{"Invalid trtc_application ID", `The ID "abc" is not the SdkAppId of an application, a positive decimal number, such as 1400000001. ` +
			"Import the resource with a valid ID: terraform import trtc_application.<name> 1400000001"},
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
