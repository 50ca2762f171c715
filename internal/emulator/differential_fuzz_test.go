package emulator

// Differential fuzzing: the provider's plan-time validators and the
// emulator's server-side checks are two independent implementations of the
// same documented rules (internal/api/README.md). For any input they must
// agree on accept or refuse, and a refusal must carry the documented code.
//
// Short runs are part of the test command; a long run by hand:
//   go test -run '^$' -fuzz '^FuzzTagKeyRules$' -fuzztime 5m ./internal/emulator/

import (
	"testing"
	"unicode/utf8"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

// differ fails when the two sides disagree on s.
func differ(t *testing.T, what, s string, client error, server *apiError, code string) {
	t.Helper()
	switch {
	case (client == nil) != (server == nil):
		t.Fatalf("%s %q: provider says %v, emulator says %v", what, s, client, server)
	case server != nil && server.Code != code && server.Code != "InvalidParameterValue.ReservedTagKey": // a valid text with a reserved prefix
		t.Fatalf("%s %q: emulator refuses with %s, want %s", what, s, server.Code, code)
	}
}

// wantTagCode is the Tag service's code for a refused key or value (kind
// "Key" or "Value"), tag/v20180813/errors.go: empty, then too long in
// characters, else an illegal character. A refused key may also be reserved.
func wantTagCode(kind, s string, max int) string {
	switch {
	case s == "":
		return "InvalidParameterValue.Tag" + kind + "Empty"
	case utf8.ValidString(s) && utf8.RuneCountInString(s) > max:
		return "InvalidParameterValue.Tag" + kind + "LengthExceeded"
	}
	return "InvalidParameterValue.Tag" + kind + "CharacterIllegal"
}

// Seeds shared by every target: edges of each rule.
var differentialSeeds = []string{
	"", "a", "A_1", "abcdefghijklmno", "abcdefghijklmnop", "has space", " lead", "trail ", "in ner",
	"dash-ed", "dot.ted", "é", "名字", "键值", "【x】", "a\n", "a\t", "a\x00b", "\xff", "a\xc3", "\u00a0",
	"qcs:env", "QCS:env", "project", "projects", "Project", "项目", "项目x", "x项目", "+-=._:/@()[],;><",
	"٣", "Ⅻ", "²", "ǅ", "\u0301", "a\u0301", "ﬁ", "\U0001F600", "\ufffd", "\u200b", "\u3000", "x\u3000y",
	"0123456789", "_", "__", "a b c", "a  b",
}

func addSeeds(f *testing.F) {
	for _, s := range differentialSeeds {
		f.Add(s)
	}
}

func FuzzAppNameRules(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		differ(t, "AppName", s, validators.CheckAppName(s), checkAppName(s), "InvalidParameterValue.AppName")
	})
}

func FuzzDescriptionRules(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		differ(t, "Description", s, validators.CheckDescription(s), checkDescription(s), "InvalidParameterValue.Description")
	})
}

func FuzzTagKeyRules(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		differ(t, "tag key", s, validators.CheckTagKey(s), checkTagKey(s), wantTagCode("Key", s, catalog.TagKeyMaxLength))
	})
}

func FuzzTagValueRules(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		differ(t, "tag value", s, validators.CheckTagValue(s), checkTagValue("k", s), wantTagCode("Value", s, catalog.TagValueMaxLength))
	})
}
