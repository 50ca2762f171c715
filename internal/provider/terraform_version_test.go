package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// acceptanceTerraform is the terraform CLI the acceptance tests run:
// TF_ACC_TERRAFORM_PATH when set (terraform-plugin-testing reads it too),
// else the one on PATH.
func acceptanceTerraform() string {
	if bin := os.Getenv("TF_ACC_TERRAFORM_PATH"); bin != "" {
		return bin
	}
	return "terraform"
}

// terraformAtLeast reports whether the terraform CLI the acceptance tests
// run is at least major.minor (e.g. 1.10 for ephemeral blocks, which older
// versions refuse to parse).
func terraformAtLeast(t *testing.T, major, minor int) bool {
	t.Helper()
	var gotMajor, gotMinor int
	version := terraformVersion(t)
	if _, err := fmt.Sscanf(version, "%d.%d", &gotMajor, &gotMinor); err != nil {
		t.Fatalf("terraform version %q: %v", version, err)
	}
	return gotMajor > major || (gotMajor == major && gotMinor >= minor)
}

// terraformVersion is the version of the terraform CLI the acceptance tests
// run, such as 1.11.4.
func terraformVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command(acceptanceTerraform(), "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v", err)
	}
	return v.Version
}
