// Package pluginlog turns off the logs of a plugin whose logs nobody reads.
//
// Terraform and OpenTofu keep a plugin's log lines only when TF_LOG or
// TF_LOG_PROVIDER is set. Otherwise they still read and parse every line
// the plugin writes to stderr, and drop it. terraform-plugin-go and the
// framework write trace lines for every request and every provider hook
// whatever Terraform does with them: about 41,000 lines for a plan of 300
// applications, 40% of its wall time. Quiet sets those loggers' levels to
// off before the plugin serves, when nothing will read them.
package pluginlog

import "strings"

// readers are the variables with which Terraform and OpenTofu keep a
// plugin's logs: TF_LOG_PROVIDER, else TF_LOG (any value but "" keeps them).
var readers = []string{"TF_LOG", "TF_LOG_PROVIDER"}

// levels are the variables that set the levels of a plugin's loggers, for
// the provider of the given type name: the SDK's root logger, its protocol
// and framework subsystems, and the provider's own (tflog). Each one
// unset leaves its logger at trace.
func levels(providerType string) []string {
	return []string{
		"TF_LOG_SDK",
		"TF_LOG_SDK_PROTO",
		"TF_LOG_SDK_FRAMEWORK",
		"TF_LOG_PROVIDER_" + strings.ToUpper(strings.ReplaceAll(providerType, "-", "_")),
	}
}

// Quiet sets each of levels(providerType) that is unset to "off", unless
// the logs can be read: TF_LOG or TF_LOG_PROVIDER is set, or debug (a
// plugin started by hand for a debugger writes its logs to the terminal).
// A level the user set is kept. It returns the variables it set.
func Quiet(providerType string, debug bool, getenv func(string) string, setenv func(key, value string) error) []string {
	if debug {
		return nil
	}
	for _, name := range readers {
		if getenv(name) != "" {
			return nil
		}
	}
	var set []string
	for _, name := range levels(providerType) {
		if getenv(name) != "" {
			continue
		}
		if setenv(name, "off") == nil {
			set = append(set, name)
		}
	}
	return set
}
