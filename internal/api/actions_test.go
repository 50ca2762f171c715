package api

import (
	"context"
	"go/types"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// Actions is complete: one entry per Client method, with its types.
func TestActionsListEveryClientMethod(t *testing.T) {
	byName := map[string]Action{}
	for _, a := range Actions {
		byName[a.Name] = a
	}
	client := reflect.TypeFor[*Client]()
	for i := range client.NumMethod() {
		m := client.Method(i)
		a, ok := byName[m.Name]
		if !ok {
			t.Errorf("Client.%s is not in Actions", m.Name)
			continue
		}
		delete(byName, m.Name)
		if m.Type.NumIn() != 3 || m.Type.In(2).Elem() != a.Request || m.Type.Out(0).Elem() != a.Response {
			t.Errorf("Actions[%s] types %v -> %v do not match the method %v", m.Name, a.Request, a.Response, m.Type)
		}
	}
	for name := range byName {
		t.Errorf("Actions lists %s, which the Client does not call", name)
	}
}

// responseFields lists every struct field reachable from the responses,
// keyed "Type.Field", with whether it is tagged lenient.
func responseFields() map[string]bool {
	fields := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			fields[t.Name()+"."+f.Name] = IsLenient(f)
			walk(f.Type)
		}
	}
	for _, a := range Actions {
		walk(a.Response)
	}
	return fields
}

// A response field is tagged lenient exactly when the provider never reads
// it: no code outside this package and the emulator (which writes the
// answers) selects it.
func TestLenientFieldsAreNotRead(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the module")
	}
	cfg := &packages.Config{Context: context.Background(), Dir: "../..", Mode: packages.NeedName | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedSyntax}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	read := map[string][]string{} // "Type.Field" -> packages that select it
	for _, p := range pkgs {
		if strings.HasSuffix(p.PkgPath, "/internal/api") || strings.HasSuffix(p.PkgPath, "/internal/emulator") {
			continue
		}
		for _, e := range p.Errors {
			t.Fatalf("loading %s: %v", p.PkgPath, e)
		}
		for _, sel := range p.TypesInfo.Selections {
			field, ok := sel.Obj().(*types.Var)
			if !ok || !field.IsField() || field.Pkg() == nil || !strings.HasSuffix(field.Pkg().Path(), "/internal/api") {
				continue
			}
			recv := sel.Recv()
			for {
				if ptr, ok := recv.(*types.Pointer); ok {
					recv = ptr.Elem()
					continue
				}
				break
			}
			if named, ok := recv.(*types.Named); ok {
				key := named.Obj().Name() + "." + field.Name()
				read[key] = append(read[key], p.PkgPath)
			}
		}
	}
	for key, lenient := range responseFields() {
		switch {
		case lenient && len(read[key]) > 0:
			t.Errorf("%s is tagged decode:%q but %v read it: remove the tag so a wrong type fails loudly", key, LenientTag, read[key])
		case !lenient && len(read[key]) == 0:
			t.Errorf("%s is read by no code: tag it decode:%q so a wrong type cannot break a read", key, LenientTag)
		}
	}
}
