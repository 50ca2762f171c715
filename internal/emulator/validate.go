package emulator

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// The checks below are written by hand on purpose, independently of the
// provider's validators, so a differential test can compare the two.

// isWordByte reports whether c is an ASCII letter, digit or underscore.
func isWordByte(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
}

func wordString(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

func checkAppName(name string) *apiError {
	if !wordString(name, 1, catalog.NameMaxLength) {
		return errf("InvalidParameterValue.AppName", "AppName %s must be 1 to %d characters, each a letter, a digit or an underscore", given(name), catalog.NameMaxLength)
	}
	return nil
}

func checkDescription(desc string) *apiError {
	if !wordString(desc, 0, catalog.DescriptionMaxLength) {
		return errf("InvalidParameterValue.Description", "Description %s must be at most %d characters, each a letter, a digit or an underscore", given(desc), catalog.DescriptionMaxLength)
	}
	return nil
}

// given quotes a refused value and counts its characters, so the answer
// says what broke the rule; a long value is cut.
func given(s string) string {
	n := utf8.RuneCountInString(s)
	shown := s
	if n > 40 {
		shown = string([]rune(s)[:40]) + "..."
	}
	return fmt.Sprintf("%q (%d characters)", shown, n)
}

// tagRune reports whether r may appear in a tag key or value (inner spaces
// are checked by the caller).
func tagRune(r rune) bool {
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
		return true
	}
	switch r {
	case '+', '-', '=', '.', '_', ':', '/', '@', '(', ')', '[', ']', ',', ';', '>', '<', '【', '】':
		return true
	}
	return false
}

// tagText reports whether s is 1..max characters of tag characters with no
// leading or trailing space.
func tagText(s string, max int) bool {
	if !utf8.ValidString(s) {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n < 1 || n > max || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for _, r := range s {
		if !tagRune(r) {
			return false
		}
	}
	return true
}

const tagCharsRule = "letters, digits, inner spaces and + - = . _ : / @ ( ) [ ] , ; > < 【 】"

// tagTextCode names what is wrong with a tag key or value (kind "Key" or
// "Value"), with the Tag service's codes [public, tag/v20180813/errors.go]:
// InvalidParameterValue.Tag<kind>Empty, ...LengthExceeded or
// ...CharacterIllegal (also for invalid UTF-8 and outer spaces); "" when valid.
func tagTextCode(kind, s string, max int) string {
	switch {
	case s == "":
		return "InvalidParameterValue.Tag" + kind + "Empty"
	case utf8.ValidString(s) && utf8.RuneCountInString(s) > max:
		return "InvalidParameterValue.Tag" + kind + "LengthExceeded"
	case !tagText(s, max):
		return "InvalidParameterValue.Tag" + kind + "CharacterIllegal"
	}
	return ""
}

func checkTagKey(key string) *apiError {
	if code := tagTextCode("Key", key, catalog.TagKeyMaxLength); code != "" {
		return errf(code, "tag key %q must be 1 to %d characters of %s, without leading or trailing space", key, catalog.TagKeyMaxLength, tagCharsRule)
	}
	for _, prefix := range []string{"qcs:", "project", "项目"} {
		if strings.HasPrefix(key, prefix) {
			return errf("InvalidParameterValue.ReservedTagKey", "tag key %q starts with the reserved prefix %q", key, prefix)
		}
	}
	return nil
}

func checkTagValue(key, value string) *apiError {
	if code := tagTextCode("Value", value, catalog.TagValueMaxLength); code != "" {
		return errf(code, "the value of tag %q must be 1 to %d characters of %s, without leading or trailing space", key, catalog.TagValueMaxLength, tagCharsRule)
	}
	return nil
}

// checkTags validates a tag list to be bound to one resource: each key and
// value, one value per key, and the per-resource count.
func checkTags(tags []api.Tag) (map[string]string, *apiError) {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		if aerr := checkTagKey(t.TagKey); aerr != nil {
			return nil, aerr
		}
		if aerr := checkTagValue(t.TagKey, t.TagValue); aerr != nil {
			return nil, aerr
		}
		if _, dup := out[t.TagKey]; dup {
			return nil, errf("InvalidParameterValue.TagKeyDuplicate", "tag key %q is given more than once; a resource has one value per key", t.TagKey)
		}
		out[t.TagKey] = t.TagValue
	}
	if len(out) > catalog.MaxTagsPerResource {
		return nil, tagCountError(len(out))
	}
	return out, nil
}

func tagCountError(n int) *apiError {
	return errf(api.CodeTagLimitPerResource, "a resource may have at most %d tags, this would make %d", catalog.MaxTagsPerResource, n)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
