package provider_test

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"testing"
)

// terraformAtLeast reports whether the terraform CLI on PATH, the one the
// acceptance tests run, is at least major.minor (e.g. 1.10 for ephemeral
// blocks, which older versions refuse to parse).
func terraformAtLeast(t *testing.T, major, minor int) bool {
	t.Helper()
	out, err := exec.Command("terraform", "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	var gotMajor, gotMinor int
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &gotMajor, &gotMinor); err != nil {
		t.Fatalf("terraform version %q: %v", v.Version, err)
	}
	return gotMajor > major || (gotMajor == major && gotMinor >= minor)
}
