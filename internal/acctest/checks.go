package acctest

import (
	"regexp"
	"strings"
)

// Wrapped matches an error as Terraform prints it, where long diagnostics
// are wrapped: each part is literal text whose every space may be any run
// of white space, and the parts appear in order with anything between them.
func Wrapped(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}
