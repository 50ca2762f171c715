package provider_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// terraformBlock matches the example's top-level terraform {...} block: the
// test framework supplies the provider itself, so the registry source goes.
var terraformBlock = regexp.MustCompile(`(?s)\nterraform \{.*?\n\}\n`)

// demoName matches the start of the example's fixed names: name = "demo_...", name_regex = "^demo_".
var demoName = regexp.MustCompile(`(=\s*"\^?)demo_`)

// readExample concatenates the .tf files of an example directory.
func readExample(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in examples/%s: %v", dir, err)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n" + string(raw))
	}
	return terraformBlock.ReplaceAllString(b.String(), "\n")
}

// The complete example (the one `make demo` applies) is applied, planned
// again with no changes, and destroyed against the emulator, exactly as
// written: its provider block takes credentials and endpoint from the
// environment, as a user's would. Not parallel: it sets the environment.
// In external mode the environment is the endpoint's already, and a random
// prefix replaces demo_ in its names, which make sweep could not find.
func TestAccExampleComplete(t *testing.T) {
	env := acctest.NewEnv(t)
	config := readExample(t, "complete")
	if strings.Contains(config, "required_providers") {
		t.Fatal("the terraform block was not removed from the example")
	}
	prefix := "demo_"
	if env.IsExternal() {
		prefix = acctest.RandomPrefix(len("engine"))
		if n := len(demoName.FindAllString(config, -1)); n != 3 {
			t.Fatalf("the example names demo_call, demo_engine and ^demo_; found %d demo_ values", n)
		}
		config = demoName.ReplaceAllString(config, "${1}"+prefix)
	} else {
		t.Setenv("TRTC_ENDPOINT", env.URL)
		t.Setenv("TENCENTCLOUD_SECRET_ID", emulator.DefaultSecretID)
		t.Setenv("TENCENTCLOUD_SECRET_KEY", emulator.DefaultSecretKey)
	}
	config = env.ConfigOwnProvider(config)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("demo_application_names",
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(prefix + "call"), knownvalue.StringExact(prefix + "engine")})),
				statecheck.ExpectKnownOutputValue("engine_status", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"status":  knownvalue.StringExact("enabled"),
					"pending": knownvalue.Bool(false),
					"edition": knownvalue.StringExact("Trial"),
				})),
				statecheck.ExpectKnownValue("trtc_application_tag.cost_center", tfjsonpath.New("value"), knownvalue.StringExact("cc-1234")),
			},
			Check: func(*terraform.State) error {
				return emulatorHolds(t, env, map[string]map[string]string{
					prefix + "call":   {"cost-center": "cc-1234"},
					prefix + "engine": {"team": "media", "env": "demo"},
				})
			},
		}},
		CheckDestroy: env.CheckAppsDestroyed(), // in process: the emulator holds none
	})
}

// emulatorHolds checks the emulator's applications by name and tags (in
// external mode, the applications of those names, through the public API).
func emulatorHolds(t *testing.T, env *acctest.Env, want map[string]map[string]string) error {
	if env.IsExternal() {
		for name, tags := range want {
			app, _, err := env.App(env.AppID(t, name))
			if err != nil {
				return err
			}
			if !maps.Equal(app.Tags, tags) {
				return fmt.Errorf("application %q has tags %v, want %v", name, app.Tags, tags)
			}
		}
		return nil
	}
	apps := env.Emulator.Apps()
	if len(apps) != len(want) {
		return fmt.Errorf("emulator holds %d applications, want %d", len(apps), len(want))
	}
	for _, app := range apps {
		tags, ok := want[app.AppName]
		if !ok {
			return fmt.Errorf("unexpected application %q", app.AppName)
		}
		if fmt.Sprint(app.Tags) != fmt.Sprint(tags) {
			return fmt.Errorf("application %q has tags %v, want %v", app.AppName, app.Tags, tags)
		}
	}
	return nil
}
