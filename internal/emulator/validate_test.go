package emulator

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNameAndDescriptionRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"a", true}, {"A_1", true}, {strings.Repeat("x", 15), true}, {strings.Repeat("x", 16), false},
		{"", false}, {"has space", false}, {"dash-ed", false}, {"é", false}, {"名字", false}, {"a\n", false},
	} {
		if got := checkAppName(tc.name) == nil; got != tc.ok {
			t.Errorf("AppName %q valid = %v, want %v", tc.name, got, tc.ok)
		}
	}
	for _, tc := range []struct {
		desc string
		ok   bool
	}{
		{"", true}, {"abc_123", true}, {strings.Repeat("d", 300), true}, {strings.Repeat("d", 301), false},
		{"a.b", false}, {"ü", false},
	} {
		if got := checkDescription(tc.desc) == nil; got != tc.ok {
			t.Errorf("Description %q valid = %v, want %v", tc.desc, got, tc.ok)
		}
	}
}

func TestTagKeyAndValueRules(t *testing.T) {
	cjk127 := strings.Repeat("键", 127) // 381 bytes: lengths count characters
	for _, tc := range []struct {
		key  string
		code string // "" = valid
	}{
		{"env", ""},
		{"a b", ""},
		{"a  b", ""},
		{cjk127, ""},
		{cjk127 + "键", "InvalidParameterValue.TagKeyLengthExceeded"},
		{"Ключ", ""},
		{"مفتاح", ""},
		{"٣digits", ""},
		{"+-=._:/@()[],;><", ""},
		{"【标签】", ""},
		{"", "InvalidParameterValue.TagKeyEmpty"},
		{" lead", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"trail ", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"tab\tkey", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"hash#", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"star*", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"「x」", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"emoji😀", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"nbsp\u00a0x", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"bad\xffutf8", "InvalidParameterValue.TagKeyCharacterIllegal"},
		{"qcs:env", "InvalidParameterValue.ReservedTagKey"},
		{"project", "InvalidParameterValue.ReservedTagKey"},
		{"projectX", "InvalidParameterValue.ReservedTagKey"},
		{"项目组", "InvalidParameterValue.ReservedTagKey"},
		{"Project", ""},
		{"qcs", ""},
		{"my project", ""},
	} {
		got := ""
		if aerr := checkTagKey(tc.key); aerr != nil {
			got = aerr.Code
		}
		if got != tc.code {
			t.Errorf("tag key %q: code %q, want %q", tc.key, got, tc.code)
		}
	}
	for _, tc := range []struct {
		value string
		ok    bool
	}{
		{"v", true}, {strings.Repeat("值", 255), true}, {strings.Repeat("值", 256), false},
		{"", false}, {" v", false}, {"v ", false}, {"qcs:ok", true}, {"project", true}, {"a!b", false},
	} {
		if got := checkTagValue("k", tc.value) == nil; got != tc.ok {
			t.Errorf("tag value %q valid = %v, want %v", tc.value, got, tc.ok)
		}
	}
}

// FuzzTagKey checks the invariants of the hand-written tag rules on any
// input: no panic, and a valid key is valid UTF-8 of 1-127 characters with
// no outer spaces.
func FuzzTagKey(f *testing.F) {
	for _, seed := range []string{"env", " x", "项目", "【】", "\xff", strings.Repeat("a", 128)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if checkTagKey(key) != nil {
			return
		}
		n := utf8.RuneCountInString(key)
		if !utf8.ValidString(key) || n < 1 || n > 127 || strings.Trim(key, " ") != key {
			t.Fatalf("accepted %q", key)
		}
	})
}
