package provider

import (
	"go/ast"
	"regexp"
	"testing"
)

// The package's resources, data sources, ephemeral and list resources are
// written one way, so that the next one copies it:
//   - their types are unexported (the constructors are what registry.go needs);
//   - each constructor's comment says "NewX returns the trtc_x <kind>";
//   - each operation that needs the API checks configured() first, before
//     reading its request (only declarations may come before). trtc_user_sig
//     checks it where it fetches the key: with secret_key set, Open calls
//     nothing.
func TestResourcesAndDataSourcesAreWrittenOneWay(t *testing.T) {
	constructorDoc := regexp.MustCompile(`^(New\w+) returns the trtc_[a-z_]+ (resource|data source|ephemeral resource|list resource)\b`)
	operations := map[string]bool{"Create": true, "Read": true, "Update": true, "Delete": true, "List": true}
	fset, files := packageSources(t)
	embedsClient := map[string]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			if st, ok := spec.Type.(*ast.StructType); ok {
				for _, field := range st.Fields.List {
					if id, ok := field.Type.(*ast.Ident); ok && len(field.Names) == 0 && id.Name == "providerClient" {
						embedsClient[spec.Name.Name] = true
						if spec.Name.IsExported() {
							t.Errorf("%s: %s is exported; resource and data source types are unexported", fset.Position(spec.Pos()), spec.Name.Name)
						}
					}
				}
			}
			return false
		})
	}
	if len(embedsClient) < 7 {
		t.Fatalf("found only %d resource and data source types", len(embedsClient))
	}
	constructors, checked := 0, 0
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fn.Recv == nil && len(fn.Name.Name) > 3 && fn.Name.Name[:3] == "New" {
				constructors++
				if m := constructorDoc.FindStringSubmatch(fn.Doc.Text()); m == nil || m[1] != fn.Name.Name {
					t.Errorf("%s: the comment of %s should start %q", fset.Position(fn.Pos()), fn.Name.Name, fn.Name.Name+" returns the trtc_<name> <kind>")
				}
			}
			if fn.Recv == nil || !operations[fn.Name.Name] || !embedsClient[receiverType(fn)] {
				continue
			}
			checked++
			if !checksConfiguredFirst(fn.Body) {
				t.Errorf("%s: %s.%s does not start with if !%s.configured(...)", fset.Position(fn.Pos()), receiverType(fn), fn.Name.Name, fn.Recv.List[0].Names[0].Name)
			}
		}
	}
	if constructors < 7 || checked < 15 {
		t.Fatalf("checked only %d constructors and %d operations", constructors, checked)
	}
}

func receiverType(fn *ast.FuncDecl) string {
	t := fn.Recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// checksConfiguredFirst: the first statement but declarations is
// if !x.configured(...).
func checksConfiguredFirst(body *ast.BlockStmt) bool {
	for _, stmt := range body.List {
		if _, ok := stmt.(*ast.DeclStmt); ok {
			continue
		}
		ifStmt, ok := stmt.(*ast.IfStmt)
		if !ok {
			return false
		}
		not, ok := ifStmt.Cond.(*ast.UnaryExpr)
		if !ok {
			return false
		}
		call, ok := not.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "configured"
	}
	return false
}
