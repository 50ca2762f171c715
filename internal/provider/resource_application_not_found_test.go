package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// An import runs once with each code the service may send for a missing
// application, and says the application does not exist; an application of
// another account is imported with an error saying so.
func TestAccApplication_importMissingOrForeign(t *testing.T) {
	const foreign = 1300000001
	for _, code := range emulator.NotFoundCodes {
		t.Run(code, func(t *testing.T) {
			env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) {
				c.NotFoundCode, c.OtherAccountApps = code, []uint64{foreign}
			}))
			config := appConfig(env, acctest.RandomName(), "RTCEngine", "")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{
					{
						Config: config, ResourceName: appAddr, ImportState: true, ImportStateId: "1400999999",
						ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`),
					},
					{
						Config: config, ResourceName: appAddr, ImportState: true, ImportStateId: "1300000001",
						ExpectError: acctest.Wrapped("Application 1300000001 belongs to another Tencent Cloud account"),
					},
				},
			})
			if n := env.Emulator.Stats().Errors[code]; n == 0 {
				t.Errorf("the emulator never answered %s", code)
			}
		})
	}
}
