package api

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// wireType spells a field's JSON type as the reference does.
func wireType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice:
		return "array of " + wireType(t.Elem())
	case reflect.Struct:
		return "object " + t.Name()
	case reflect.String, reflect.Bool:
		return KindOfType(t)
	}
	return KindNumber + " (" + t.Kind().String() + ")"
}

// section is the text under heading up to the next heading of the same or
// a higher level.
func section(doc, heading string) (string, bool) {
	start := strings.Index(doc, "\n"+heading+"\n")
	if start < 0 {
		return "", false
	}
	rest := doc[start+len(heading)+2:]
	level := strings.Count(strings.Fields(heading)[0], "#")
	for i := 0; i < len(rest); i++ {
		if i == 0 || rest[i-1] == '\n' {
			if n := len(rest[i:]) - len(strings.TrimLeft(rest[i:], "#")); n > 0 && n <= level && strings.HasPrefix(rest[i+n:], " ") {
				return rest[:i], true
			}
		}
	}
	return rest, true
}

// checkFields finds each field of t as a row "| `Name` | <JSON type> |" in
// text, "unread (lenient)" exactly on lenient fields, and returns the
// nested object types.
func checkFields(t *testing.T, where, text string, typ reflect.Type, nested map[reflect.Type]bool) {
	t.Helper()
	if typ.NumField() == 0 && !strings.Contains(text, "(no fields)") {
		t.Errorf("%s: %s has no fields: say (no fields)", where, typ.Name())
	}
	for i := range typ.NumField() {
		f := typ.Field(i)
		row := fieldRow(text, f)
		if row == "" {
			t.Errorf("%s: no row %q for %s.%s", where, rowPrefix(f), typ.Name(), f.Name)
			continue
		}
		if strings.Contains(row, "unread (lenient)") != IsLenient(f) {
			t.Errorf("%s: row of %s.%s says lenient %v, the struct %v", where, typ.Name(), f.Name, !IsLenient(f), IsLenient(f))
		}
		inner := f.Type
		for inner.Kind() == reflect.Pointer || inner.Kind() == reflect.Slice {
			inner = inner.Elem()
		}
		if inner.Kind() == reflect.Struct {
			nested[inner] = true
		}
	}
}

// readReference is the text of README.md.
func readReference(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func rowPrefix(f reflect.StructField) string {
	return "| `" + JSONName(f) + "` | " + wireType(f.Type) + " |"
}

// fieldRow is the row of field f in text, "" when there is none.
func fieldRow(text string, f reflect.StructField) string {
	row := ""
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, rowPrefix(f)) {
			row = line
		}
	}
	return row
}

// An answered field whose row says "may be null" has a Go type that holds
// null (MayBeNull), or the decoder would refuse the null the reference
// allows; a pointer or map answered field says so in its row. Arrays hold
// null whatever their row says.
func TestNullableRowsArePointers(t *testing.T) {
	doc := readReference(t)
	texts := map[reflect.Type]string{}
	var visit func(typ reflect.Type, text string)
	visit = func(typ reflect.Type, text string) {
		texts[typ] = text
		for i := range typ.NumField() {
			inner := typ.Field(i).Type
			for inner.Kind() == reflect.Pointer || inner.Kind() == reflect.Slice {
				inner = inner.Elem()
			}
			if _, seen := texts[inner]; inner.Kind() == reflect.Struct && !seen {
				nested, _ := section(doc, "#### "+inner.Name())
				visit(inner, nested)
			}
		}
	}
	for _, a := range Actions {
		text, _ := section(doc, "### "+a.Name)
		_, response, _ := strings.Cut(text, "\nResponse:\n")
		visit(a.Response, response)
	}
	checked := 0
	for typ, text := range texts {
		for i := range typ.NumField() {
			f := typ.Field(i)
			row := fieldRow(text, f)
			says := strings.Contains(row, "may be null")
			if says && !MayBeNull(f.Type) {
				t.Errorf("%s.%s: the reference says it may be null, its Go type %s cannot hold null", typ.Name(), f.Name, f.Type)
			}
			if k := f.Type.Kind(); (k == reflect.Pointer || k == reflect.Map) && !says {
				t.Errorf("%s.%s is a %s: its row should say \"may be null\" (or the type should not be one): %q", typ.Name(), f.Name, f.Type, row)
			}
			if says {
				checked++
			}
		}
	}
	if checked < 4 {
		t.Errorf("only %d answered fields say \"may be null\": SdkAppInfo alone has 4; the rows are no longer found", checked)
	}
}

// The reference documents every action (with its origin) and every field
// of its request and answer with its JSON type, as the structs define them.
func TestReferenceDocumentsEveryField(t *testing.T) {
	doc := readReference(t)
	nested := map[reflect.Type]bool{}
	for _, a := range Actions {
		text, ok := section(doc, "### "+a.Name)
		if !ok {
			t.Errorf("no section ### %s", a.Name)
			continue
		}
		if !strings.Contains(text, "["+string(a.Origin)+"]") {
			t.Errorf("### %s does not say its origin [%s]", a.Name, a.Origin)
		}
		request, response, ok := strings.Cut(text, "\nResponse:\n")
		if !ok || !strings.Contains(request, "\nRequest") {
			t.Errorf("### %s needs a Request: and a Response: part", a.Name)
			continue
		}
		checkFields(t, a.Name+" request", request, a.Request, nested)
		checkFields(t, a.Name+" response", response, a.Response, nested)
	}
	for typ := range nested {
		text, ok := section(doc, "#### "+typ.Name())
		if !ok {
			t.Errorf("no section #### %s for a nested object", typ.Name())
			continue
		}
		checkFields(t, typ.Name(), text, typ, map[reflect.Type]bool{})
	}
}

// Every error code constant of errors.go is in the reference's tables.
func TestReferenceNamesEveryErrorCodeConstant(t *testing.T) {
	doc, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("errors.go")
	if err != nil {
		t.Fatal(err)
	}
	constants := regexp.MustCompile(`(?m)^\s*Code\w+\s*=\s*"([^"]+)"`).FindAllSubmatch(src, -1)
	if len(constants) < 10 {
		t.Fatalf("found %d code constants in errors.go: the pattern no longer matches", len(constants))
	}
	for _, m := range constants {
		if !strings.Contains(string(doc), "`"+string(m[1])+"`") {
			t.Errorf("errors.go defines %s, which README.md does not name", m[1])
		}
	}
}
