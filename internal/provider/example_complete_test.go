package provider_test

import (
	"fmt"
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
func TestAccExampleComplete(t *testing.T) {
	env := acctest.NewEnv(t)
	t.Setenv("TRTC_ENDPOINT", env.URL)
	t.Setenv("TENCENTCLOUD_SECRET_ID", emulator.DefaultSecretID)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", emulator.DefaultSecretKey)
	config := readExample(t, "complete")
	if strings.Contains(config, "required_providers") {
		t.Fatal("the terraform block was not removed from the example")
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("demo_application_names",
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("demo_call"), knownvalue.StringExact("demo_engine")})),
				statecheck.ExpectKnownOutputValue("engine_status", knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"status":  knownvalue.StringExact("enabled"),
					"pending": knownvalue.Bool(false),
					"edition": knownvalue.StringExact("Trial"),
				})),
				statecheck.ExpectKnownValue("trtc_application_tag.cost_center", tfjsonpath.New("value"), knownvalue.StringExact("cc-1234")),
			},
			Check: func(*terraform.State) error {
				return emulatorHolds(env, map[string]map[string]string{
					"demo_call":   {"cost-center": "cc-1234"},
					"demo_engine": {"team": "media", "env": "demo"},
				})
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			if apps := env.Emulator.Apps(); len(apps) != 0 {
				return fmt.Errorf("after destroy the emulator still holds %d applications", len(apps))
			}
			return nil
		},
	})
}

// emulatorHolds checks the emulator's applications by name and tags.
func emulatorHolds(env *acctest.Env, want map[string]map[string]string) error {
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
