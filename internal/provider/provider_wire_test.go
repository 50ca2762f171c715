package provider_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
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

// toldVersion records the version the CLI tells the provider when it
// configures it (OpenTofu tells its Terraform-compatible version, 1.13.0
// for OpenTofu 1.12.6, not its own).
type toldVersion struct {
	mu       sync.Mutex
	versions map[string]bool
}

func (v *toldVersion) factories(env *acctest.Env) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){"trtc": func() (tfprotov6.ProviderServer, error) {
		server, err := env.Factories()["trtc"]()
		return toldVersionServer{server, v}, err
	}}
}

// told is the one version the provider was told, or an error.
func (v *toldVersion) told() (string, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.versions) != 1 {
		return "", fmt.Errorf("the provider was told %d Terraform versions (%v), want 1", len(v.versions), v.versions)
	}
	for version := range v.versions {
		return version, nil
	}
	return "", nil
}

type toldVersionServer struct {
	tfprotov6.ProviderServer
	v *toldVersion
}

func (s toldVersionServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	s.v.mu.Lock()
	s.v.versions[req.TerraformVersion] = true
	s.v.mu.Unlock()
	return s.ProviderServer.ConfigureProvider(ctx, req)
}

// Every request names the provider build and the Terraform version the CLI
// told the provider, as the emulator logs them: Terraform's own version,
// OpenTofu's Terraform-compatible one.
func TestAccProviderUserAgent(t *testing.T) {
	log := &lockedBuffer{}
	env := acctest.NewEnv(t, acctest.WithConfig(func(c *emulator.Config) { c.Log = log }))
	cli := acctest.CLIFor(t)
	told := &toldVersion{versions: map[string]bool{}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: told.factories(env),
		Steps: []resource.TestStep{{
			Config: env.Config(`data "trtc_applications" "all" {}`),
			Check: func(*terraform.State) error {
				version, err := told.told()
				if err != nil {
					return err
				}
				if !cli.OpenTofu && version != cli.Version.String() {
					return fmt.Errorf("%s told the provider it is Terraform %q", cli, version)
				}
				lines := log.lines()
				if len(lines) == 0 || lines[0] == "" {
					return fmt.Errorf("the emulator logged no request")
				}
				want := fmt.Sprintf("ua=%q", "terraform-provider-trtc/test terraform/"+version)
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

// providerBlock is a provider block for env with the given key and extra
// settings.
func providerBlock(env *acctest.Env, endpoint, secretKey, extra string) string {
	return fmt.Sprintf(`
provider "trtc" {
  endpoint   = %q
  secret_id  = %q
  secret_key = %q
%s
}
`, endpoint, emulator.DefaultSecretID, secretKey, extra)
}

// A wrong SecretKey fails the plan, not the apply (issue 14, finding 6),
// even when nothing is to refresh; skip_credentials_validation turns the
// check off and the plan goes through.
func TestAccProviderWrongCredentialsFailThePlan(t *testing.T) {
	env := acctest.NewEnv(t)
	name := acctest.RandomName()
	app := `
resource "trtc_application" "test" {
  name    = "` + name + `"
  product = "RTCEngine"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      providerBlock(env, env.URL, "wrong-key", "") + app,
				PlanOnly:    true,
				ExpectError: acctest.Wrapped("Could not verify the Tencent Cloud credentials", "GetCallerIdentity", "AuthFailure", "skip_credentials_validation = true"),
			},
			{
				Config:             providerBlock(env, env.URL, "wrong-key", "skip_credentials_validation = true") + app,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if env.IsExternal() {
		if ids := env.AppIDsNamed(t, name); len(ids) != 0 {
			t.Errorf("applications %v created", ids)
		}
	} else if n := len(env.Emulator.Apps()); n != 0 {
		t.Errorf("%d applications created", n)
	}
}

// A network error says it was retried and how often, and names the action
// once (issue 14, finding 6).
func TestAccProviderNetworkErrorSaysRetries(t *testing.T) {
	env := acctest.NewEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      providerBlock(env, closed, emulator.DefaultSecretKey, "skip_credentials_validation = true\n  max_retries = 1") + `data "trtc_applications" "all" {}`,
			ExpectError: acctest.Wrapped("listing TRTC applications: trtc.DescribeAppStatList: Post", "connection refused (tried 2 times: the first attempt and 1 retry)"),
		}},
	})
}
