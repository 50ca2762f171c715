package pluginlog

import (
	"slices"
	"testing"
)

func TestQuiet(t *testing.T) {
	all := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_TRTC"}
	for _, tc := range []struct {
		name  string
		env   map[string]string
		debug bool
		want  []string // the variables set to off
	}{
		{name: "nobody reads the logs", env: map[string]string{}, want: all},
		{name: "core logs only", env: map[string]string{"TF_LOG_CORE": "TRACE", "TF_LOG_PATH": "tf.log"}, want: all},
		{name: "TF_LOG", env: map[string]string{"TF_LOG": "TRACE"}},
		{name: "TF_LOG json", env: map[string]string{"TF_LOG": "json"}},
		{name: "TF_LOG_PROVIDER", env: map[string]string{"TF_LOG_PROVIDER": "INFO"}},
		{name: "debugger", env: map[string]string{}, debug: true},
		{name: "a level the user set is kept", env: map[string]string{"TF_LOG_SDK_FRAMEWORK": "debug", "TF_LOG_PROVIDER_TRTC": "trace"},
			want: []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = v
			}
			set := Quiet("trtc", tc.debug, func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if !slices.Equal(set, tc.want) {
				t.Fatalf("Quiet set %q, want %q", set, tc.want)
			}
			for _, name := range all {
				want := tc.env[name]
				if slices.Contains(tc.want, name) {
					want = "off"
				}
				if env[name] != want {
					t.Errorf("%s = %q, want %q", name, env[name], want)
				}
			}
		})
	}
}

func TestLevelsNameTheProviderAsTerraformPluginGo(t *testing.T) {
	// terraform-plugin-go names the provider's logger after the address's
	// type, dashes turned to underscores, upper-cased by the level's lookup.
	if got := levels("my-cloud")[3]; got != "TF_LOG_PROVIDER_MY_CLOUD" {
		t.Fatalf("provider level variable %q", got)
	}
}
