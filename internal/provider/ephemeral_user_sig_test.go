package provider_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/usersig"
)

// Ephemeral values never reach the state, so these tests hand the result to
// the echo provider of terraform-plugin-testing (in process, no download),
// whose only job is to copy its provider configuration into a test resource.

const echoAddr = "echo.test"

func userSigFactories(env *acctest.Env) map[string]func() (tfprotov6.ProviderServer, error) {
	f := env.Factories()
	f["echo"] = echoprovider.NewProviderServer()
	return f
}

// echoUserSig passes ephemeral.trtc_user_sig.test to echo.test.
const echoUserSig = `
provider "echo" {
  data = ephemeral.trtc_user_sig.test
}

resource "echo" "test" {}
`

// verifiesWith checks a UserSig against the key captured earlier.
func verifiesWith(key *string, user string, sdkAppID func() uint64, expire int64, sig *string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		doc, err := usersig.Verify(v, *key)
		if err != nil {
			return err
		}
		if doc.Identifier != user || doc.SdkAppID != sdkAppID() || doc.Expire != expire || doc.Version != "2.0" {
			return fmt.Errorf("decoded %+v; want user %s, app %d, expire %d", doc, user, sdkAppID(), expire)
		}
		*sig = v
		return nil
	})
}

// notInTrtcState checks that no trtc_* object of the state holds the value:
// the UserSig only reached the state through the echo test resource.
type notInTrtcState struct{ value *string }

func (c notInTrtcState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if *c.value == "" {
		resp.Error = fmt.Errorf("no value captured")
		return
	}
	trtc := 0
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Type == "trtc_user_sig" || r.Mode == "ephemeral" {
			resp.Error = fmt.Errorf("ephemeral resource %s is in the state", r.Address)
			return
		}
		if !strings.HasPrefix(r.Type, "trtc_") {
			continue
		}
		trtc++
		raw, err := json.Marshal(r.AttributeValues)
		if err != nil {
			resp.Error = err
			return
		}
		if strings.Contains(string(raw), *c.value) {
			resp.Error = fmt.Errorf("%s holds the UserSig", r.Address)
			return
		}
	}
	if trtc == 0 {
		resp.Error = fmt.Errorf("no trtc_* resource in the state to check")
	}
}

func TestAccUserSig_fetchedKey(t *testing.T) {
	env := acctest.NewEnv(t)
	var key, sig string
	name := acctest.RandomName()
	config := env.Config(`
resource "trtc_application" "test" {
  name    = "` + name + `"
  product = "RTCEngine"
}

ephemeral "trtc_user_sig" "test" {
  sdk_app_id     = trtc_application.test.sdk_app_id
  user_id        = "alice_01"
  expire_seconds = 3600
}
` + echoUserSig)
	sdkAppID := func() uint64 { return onlyAppID(t, env, name) }
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.SkipWithout(acctest.Ephemeral),
		ProtoV6ProviderFactories: userSigFactories(env),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				// The key is the application's SDKSecretKey, read by the
				// ephemeral resource through DescribeSdkAppInfo.
				statecheck.ExpectKnownValue(appAddr, attr("sdk_secret_key"), acctest.CaptureString(&key)),
				statecheck.ExpectKnownValue(echoAddr, attr("data").AtMapKey("user_sig"), verifiesWith(&key, "alice_01", sdkAppID, 3600, &sig)),
				statecheck.ExpectKnownValue(echoAddr, attr("data").AtMapKey("secret_key"), knownvalue.Null()),
				statecheck.ExpectKnownValue(echoAddr, attr("data").AtMapKey("expire_seconds"), knownvalue.Int64Exact(3600)),
				statecheck.ExpectKnownValue(echoAddr, attr("data").AtMapKey("expire_time"), knownvalue.StringFunc(func(v string) error {
					doc, err := usersig.Decode(sig)
					if err != nil {
						return err
					}
					if want := time.Unix(doc.Time+doc.Expire, 0).UTC().Format(time.RFC3339); v != want {
						return fmt.Errorf("expire_time %s, want %s", v, want)
					}
					return nil
				})),
				notInTrtcState{value: &sig},
			},
		}},
	})
}

func TestAccUserSig_givenKeyCallsNoAPI(t *testing.T) {
	env := acctest.NewEnv(t)
	key, sig := "0123456789abcdef0123456789abcdef", ""
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.SkipWithout(acctest.Ephemeral),
		ProtoV6ProviderFactories: userSigFactories(env),
		Steps: []resource.TestStep{{
			Config: env.Config(`
ephemeral "trtc_user_sig" "test" {
  sdk_app_id = 1400000001
  user_id    = "bob"
  secret_key = "` + key + `"
}
` + echoUserSig),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(echoAddr, attr("data").AtMapKey("user_sig"), verifiesWith(&key, "bob", func() uint64 { return 1400000001 }, 86400, &sig)),
				statecheck.ExpectKnownValue(echoAddr, attr("data").AtMapKey("expire_seconds"), knownvalue.Int64Exact(86400)),
			},
			Check: func(*terraform.State) error {
				if n := env.CallsBeyondCredentialsCheck(); n != 0 {
					return fmt.Errorf("%d API calls with secret_key given: %v", n, env.Emulator.Stats().Calls)
				}
				return nil
			},
		}},
	})
}

// TestAccUserSig_validation: the rules fail `terraform validate`, before any API call.
func TestAccUserSig_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	sig := func(attrs string) string {
		return env.Config(`
ephemeral "trtc_user_sig" "test" {
  sdk_app_id = 1400000001
` + attrs + `
}
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.SkipWithout(acctest.Ephemeral),
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: sig(`user_id = "has space"`), PlanOnly: true, ExpectError: acctest.Wrapped(`Attribute user_id must be 1 to 32 characters of letters, digits, _ and -`)},
			{Config: sig(`user_id = "` + strings.Repeat("u", 33) + `"`), PlanOnly: true, ExpectError: regexp.MustCompile(`user_id`)},
			{Config: sig("user_id = \"a\"\nexpire_seconds = 0"), PlanOnly: true, ExpectError: acctest.Wrapped(`Attribute expire_seconds value must be between 1 and 15552000, got: 0`)},
			{Config: sig("user_id = \"a\"\nexpire_seconds = 15552001"), PlanOnly: true, ExpectError: acctest.Wrapped(`Attribute expire_seconds value must be between 1 and 15552000, got: 15552001`)},
			{Config: sig("user_id = \"a\"\nsecret_key = \"\""), PlanOnly: true, ExpectError: acctest.Wrapped(`Attribute secret_key string length must be at least 1`)},
		},
	})
	if n := env.TotalCalls(); n != 0 {
		t.Errorf("validation made %d API calls: %v", n, env.Emulator.Stats().Calls)
	}
}
