package provider_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// lockedBuffer collects the emulator's log lines from concurrent requests.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Split(strings.TrimSpace(b.buf.String()), "\n")
}

// Every request names the provider build and the Terraform that runs it,
// as the emulator logs them.
func TestAccProviderUserAgent(t *testing.T) {
	log := &lockedBuffer{}
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.Log = log }))
	want := fmt.Sprintf("ua=%q", "terraform-provider-trtc/test terraform/"+terraformVersion(t))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.Config(`data "trtc_applications" "all" {}`),
			Check: func(*terraform.State) error {
				lines := log.lines()
				if len(lines) == 0 || lines[0] == "" {
					return fmt.Errorf("the emulator logged no request")
				}
				for _, line := range lines {
					if !strings.HasSuffix(line, want) {
						return fmt.Errorf("request logged as %q, want it to end with %s", line, want)
					}
				}
				return nil
			},
		}},
	})
}
