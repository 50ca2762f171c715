package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// expectValidation checks the diagnostics of a Validate*Config call: none
// when want is empty, else exactly one error whose summary, detail or
// attribute path contains want.
func expectValidation(t *testing.T, diags []*tfprotov6.Diagnostic, want string) {
	t.Helper()
	var errs []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d.Summary+": "+d.Detail+" @ "+d.Attribute.String())
		}
	}
	if want == "" {
		if len(errs) > 0 {
			t.Errorf("valid config rejected: %v", errs)
		}
		return
	}
	if len(errs) != 1 || !strings.Contains(errs[0], want) {
		t.Errorf("errors %v, want one naming %s", errs, want)
	}
}
