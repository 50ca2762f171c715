package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPluginLogsOnlyWhenTerraformKeepsThem runs terraform validate with the
// provider binary behind a wrapper that keeps its stderr, where the plugin
// writes its log lines: none unless TF_LOG or TF_LOG_PROVIDER asks Terraform
// to keep them (internal/pluginlog), and a level the user set is kept.
func TestPluginLogsOnlyWhenTerraformKeepsThem(t *testing.T) {
	requireCommands(t)
	t.Parallel()
	tmp := t.TempDir()
	real := filepath.Join(tmp, "real", "terraform-provider-trtc")
	if out, err := run(t, ".", nil, "go", "build", "-o", real, "."); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	wrapped := filepath.Join(tmp, "bin")
	if err := os.MkdirAll(wrapped, 0o755); err != nil {
		t.Fatal(err)
	}
	wrapper := "#!/bin/sh\nexec '" + real + "' \"$@\" 2>>\"$PLUGIN_STDERR\"\n"
	if err := os.WriteFile(filepath.Join(wrapped, "terraform-provider-trtc"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(tmp, "terraformrc")
	if err := os.WriteFile(rc, []byte(`provider_installation {
  dev_overrides {
    "registry.terraform.io/trtc-oss/trtc" = "`+wrapped+`"
  }
  direct {}
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(tmp, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(`terraform {
  required_providers {
    trtc = { source = "trtc-oss/trtc" }
  }
}

resource "trtc_application" "app" {
  name    = "logs"
  product = "RTCEngine"
}
`), 0o600); err != nil {
		t.Fatal(err)
	}

	const (
		framework = "Calling provider defined Resource ValidateConfig" // the framework's trace line
		protocol  = "Received request"                                 // terraform-plugin-go's
		// Every line of the SDK's loggers and of the provider's own has a
		// module; go-plugin's two lines at start (its mTLS, its address) do not.
		sdkOrProvider = `"@module"`
	)
	unset := []string{"TF_LOG=", "TF_LOG_PROVIDER=", "TF_LOG_CORE=", "TF_LOG_SDK=", "TF_LOG_SDK_PROTO=", "TF_LOG_SDK_FRAMEWORK=", "TF_LOG_PROVIDER_TRTC="}
	for _, tc := range []struct {
		name      string
		env       []string
		want, not []string // lines the plugin writes, and does not
	}{
		{name: "no logging asked", not: []string{sdkOrProvider}},
		{name: "core logs only", env: []string{"TF_LOG_CORE=TRACE"}, not: []string{sdkOrProvider}},
		{name: "TF_LOG_PROVIDER", env: []string{"TF_LOG_PROVIDER=TRACE"}, want: []string{framework, protocol}},
		{name: "TF_LOG with the framework's level set", env: []string{"TF_LOG=TRACE", "TF_LOG_SDK_FRAMEWORK=off"}, want: []string{protocol}, not: []string{framework}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stderr := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "_")+".stderr")
			env := append(append([]string{}, unset...), "TF_CLI_CONFIG_FILE="+rc, "PLUGIN_STDERR="+stderr,
				"TF_LOG_PATH="+filepath.Join(tmp, "terraform.log"), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
			if out, err := run(t, work, append(env, tc.env...), "terraform", "validate", "-no-color"); err != nil {
				t.Fatalf("terraform validate: %v\n%s", err, out)
			}
			got, err := os.ReadFile(stderr)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			lines := strings.Count(string(got), "\n")
			for _, w := range tc.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("the plugin wrote %d lines, none with %q", lines, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(string(got), n) {
					t.Errorf("the plugin wrote %d lines, with %q:\n%.600s", lines, n, got)
				}
			}
		})
	}
}
