package validators

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCheckAppName(t *testing.T) {
	cases := map[string]bool{
		"a": true, "App_1": true, strings.Repeat("x", 15): true,
		"": false, strings.Repeat("x", 16): false, "a-b": false, "a b": false, "名字": false, "a.b": false,
	}
	for in, ok := range cases {
		if err := CheckAppName(in); (err == nil) != ok {
			t.Errorf("CheckAppName(%q) = %v, want ok=%v", in, err, ok)
		}
	}
	err := CheckAppName("a-b")
	if err == nil || !strings.Contains(err.Error(), "1-15 characters") || !strings.Contains(err.Error(), `"a-b"`) {
		t.Errorf("message should name the rule and the value, got %v", err)
	}
}

func TestCheckDescription(t *testing.T) {
	cases := map[string]bool{
		"": true, "hello_World_9": true, strings.Repeat("d", 300): true,
		strings.Repeat("d", 301): false, "with space": false, "dash-": false, "ü": false,
	}
	for in, ok := range cases {
		if err := CheckDescription(in); (err == nil) != ok {
			t.Errorf("CheckDescription(%q) = %v, want ok=%v", in, err, ok)
		}
	}
}

func TestCheckTagKeyAndValue(t *testing.T) {
	cases := []struct {
		in         string
		key, value bool
	}{
		{"env", true, true},
		{"team name", true, true},
		{"部门", true, true},
		{"Größe", true, true},
		{"a+b-c=d.e_f:g/h@i(j)k[l]m,n;o>p<q", true, true},
		{"【标签】", true, true},
		{"x1", true, true},
		{"", false, false},
		{" lead", false, false},
		{"trail ", false, false},
		{"semi!", false, false},
		{"tab\tx", false, false},
		{"a*b", false, false},
		{"emoji😀", false, false},
		{"\xff\xfe", false, false},
		{"qcs:x", false, true},
		{"project", false, true},
		{"projectX", false, true},
		{"项目组", false, true},
		{"Project", true, true}, // prefixes are case-sensitive
		{strings.Repeat("k", 127), true, true},
		{strings.Repeat("k", 128), false, true},
		{strings.Repeat("值", 127), true, true}, // runes, not bytes
		{strings.Repeat("v", 255), false, true},
		{strings.Repeat("v", 256), false, false},
	}
	for _, c := range cases {
		if err := CheckTagKey(c.in); (err == nil) != c.key {
			t.Errorf("CheckTagKey(%q) = %v, want ok=%v", c.in, err, c.key)
		}
		if err := CheckTagValue(c.in); (err == nil) != c.value {
			t.Errorf("CheckTagValue(%q) = %v, want ok=%v", c.in, err, c.value)
		}
	}
}

func TestStringValidatorsSkipUnknownAndNull(t *testing.T) {
	for _, v := range []validator.String{AppName(), Description(), TagKey(), TagValue(), Regexp(), Setting("x", func(string) error { return errors.New("no") })} {
		for _, val := range []types.String{types.StringNull(), types.StringUnknown()} {
			resp := &validator.StringResponse{}
			v.ValidateString(t.Context(), validator.StringRequest{Path: path.Root("x"), ConfigValue: val}, resp)
			if resp.Diagnostics.HasError() {
				t.Errorf("%T on %v: unexpected error %v", v, val, resp.Diagnostics)
			}
		}
	}
}

func TestAppNameValidatorMessage(t *testing.T) {
	resp := &validator.StringResponse{}
	AppName().ValidateString(t.Context(), validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue("a-b")}, resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("expected an error")
	}
	got := resp.Diagnostics.Errors()[0].Detail()
	want := `Attribute name must be 1-15 characters of letters, digits and underscores ([A-Za-z0-9_]); in "a-b" the character "-" is not allowed`
	if got != want {
		t.Errorf("detail = %q, want %q", got, want)
	}
}

func tagMap(m map[string]string) types.Map {
	els := map[string]attr.Value{}
	for k, v := range m {
		els[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, els)
}

// Tags composes the framework's map validators with the tag rules: each
// error names the attribute (with the key when one element breaks a rule)
// and the rule.
func TestTagsValidators(t *testing.T) {
	many := map[string]string{}
	for i := 0; i < 51; i++ {
		many[fmt.Sprintf("k%d", i)] = "v"
	}
	fifty := map[string]string{}
	for i := 0; i < 50; i++ {
		fifty[fmt.Sprintf("k%d", i)] = "v"
	}
	cases := []struct {
		name     string
		in       types.Map
		wantPath string
		wantErr  string
	}{
		{"null", types.MapNull(types.StringType), "", ""},
		{"unknown", types.MapUnknown(types.StringType), "", ""},
		{"ok", tagMap(map[string]string{"env": "prod", "部门": "研发"}), "", ""},
		{"fifty", tagMap(fifty), "", ""},
		{"too many", tagMap(many), "tags", "Attribute tags map must contain at most 50 elements, got: 51"},
		{"reserved key", tagMap(map[string]string{"qcs:env": "x"}), `tags["qcs:env"]`, `Attribute tags["qcs:env"] tag key "qcs:env" must not start with the reserved prefix`},
		{"bad value", tagMap(map[string]string{"env": " prod"}), `tags["env"]`, `Attribute tags["env"] tag value " prod" must not start or end with a space`},
		{"empty value", tagMap(map[string]string{"env": ""}), `tags["env"]`, `Attribute tags["env"] tag value "" must be 1-255 characters long`},
		{"null value", types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringNull()}), "tags", "null value"},
		{"unknown element skipped", types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringUnknown()}), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var diags []string
			for _, v := range Tags() {
				resp := &validator.MapResponse{}
				v.ValidateMap(t.Context(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: c.in}, resp)
				for _, d := range resp.Diagnostics.Errors() {
					diags = append(diags, d.(diag.DiagnosticWithPath).Path().String()+": "+d.Detail())
				}
			}
			if c.wantErr == "" {
				if len(diags) > 0 {
					t.Fatalf("unexpected errors: %v", diags)
				}
				return
			}
			if len(diags) != 1 || !strings.HasPrefix(diags[0], c.wantPath+": ") || !strings.Contains(diags[0], c.wantErr) {
				t.Errorf("errors %q, want one on %s containing %q", diags, c.wantPath, c.wantErr)
			}
		})
	}
}

// The provider settings' validators report the value as the environment's do.
func TestSettingAndRegexpMessages(t *testing.T) {
	check := func(v validator.String, p, value string) string {
		resp := &validator.StringResponse{}
		v.ValidateString(t.Context(), validator.StringRequest{Path: path.Root(p), ConfigValue: types.StringValue(value)}, resp)
		if len(resp.Diagnostics) != 1 {
			t.Fatalf("%s = %q: %v, want one error", p, value, resp.Diagnostics)
		}
		return resp.Diagnostics[0].Summary() + ": " + resp.Diagnostics[0].Detail()
	}
	rule := Setting("lower case", func(s string) error {
		if strings.ToLower(s) != s {
			return errors.New("must be lower case")
		}
		return nil
	})
	if got, want := check(rule, "region", "Up"), `Invalid region: region = "Up" is not valid: must be lower case.`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := check(Regexp(), "name_regex", "app_("), `Invalid regular expression: Attribute name_regex must be a valid RE2 regular expression: missing closing ): "app_("`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
