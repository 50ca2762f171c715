// Package validators holds the plan-time checks of the documented TRTC rules
// (application name and description, tag keys and values), so that
// `terraform validate` refuses them before any API call. The emulator has
// its own, independent implementation of the same rules on purpose: a
// differential test compares the two.
package validators

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

var (
	appNameRe     = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)
	descriptionRe = regexp.MustCompile(`^[A-Za-z0-9_]{0,300}$`)
	// Letters of any script, decimal digits, the space and the documented specials.
	tagCharsRe = regexp.MustCompile(`^[\p{L}\p{Nd} +\-=._:/@()\[\],;><【】]*$`)
)

// Rule texts, shared by the errors below and the schema descriptions.
const (
	AppNameRule     = "1-15 characters of letters, digits and underscores ([A-Za-z0-9_])"
	DescriptionRule = "at most 300 characters of letters, digits and underscores ([A-Za-z0-9_]), or empty"
	tagCharsRule    = "letters, digits, inner spaces and only the specials + - = . _ : / @ ( ) [ ] , ; > < 【 】"
	TagKeyRule      = "1-127 characters of " + tagCharsRule + ", not starting with qcs:, project or 项目"
	TagValueRule    = "1-255 characters of " + tagCharsRule
)

// CheckAppName checks an application name (internal/api/README.md, TRTC
// applications).
// The message says which part of the rule failed: empty, too long, or the
// first character not allowed.
func CheckAppName(s string) error {
	if appNameRe.MatchString(s) {
		return nil
	}
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return fmt.Errorf("must be %s; it is empty", AppNameRule)
	case n > 15:
		return fmt.Errorf("must be %s; %q is %d characters long, more than 15", AppNameRule, s, n)
	}
	for _, c := range s {
		if !appNameRe.MatchString(string(c)) {
			return fmt.Errorf("must be %s; in %q the character \"%c\" is not allowed", AppNameRule, s, c)
		}
	}
	return fmt.Errorf("must be %s, got: %q", AppNameRule, s)
}

// CheckDescription checks an application description (internal/api/README.md,
// TRTC applications).
func CheckDescription(s string) error {
	if !descriptionRe.MatchString(s) {
		return fmt.Errorf("must be %s, got: %q", DescriptionRule, s)
	}
	return nil
}

// CheckTagKey checks a tag key (internal/api/README.md, Tags).
func CheckTagKey(s string) error {
	if err := checkTagText(s, catalog.TagKeyMaxLength); err != nil {
		return fmt.Errorf("tag key %q %w", s, err)
	}
	for _, prefix := range catalog.ReservedTagKeyPrefixes {
		if strings.HasPrefix(s, prefix) {
			return fmt.Errorf("tag key %q must not start with the reserved prefix %q (qcs:, project and 项目 are reserved)", s, prefix)
		}
	}
	return nil
}

// CheckTagValue checks a tag value (internal/api/README.md, Tags).
func CheckTagValue(s string) error {
	if err := checkTagText(s, catalog.TagValueMaxLength); err != nil {
		return fmt.Errorf("tag value %q %w", s, err)
	}
	return nil
}

// checkTagText applies the rules keys and values share; maxRunes counts characters, not bytes.
func checkTagText(s string, maxRunes int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("is not valid UTF-8")
	}
	n := utf8.RuneCountInString(s)
	if n < 1 || n > maxRunes {
		return fmt.Errorf("must be 1-%d characters long, got %d", maxRunes, n)
	}
	if strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fmt.Errorf("must not start or end with a space")
	}
	if !tagCharsRe.MatchString(s) {
		return fmt.Errorf("may contain only %s", tagCharsRule)
	}
	return nil
}
