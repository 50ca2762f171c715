package provider_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/usersig"
)

// userSigShape matches a TLS-Sig UserSig: zlib output ("x\x9c" = "eJ") in
// base64 with *, - and _ for +, / and =.
var userSigShape = regexp.MustCompile(`eJ[A-Za-z0-9*_-]{60,}`)

// stsRecorder sits in front of the emulator and keeps the temporary
// credentials AssumeRole hands out, so the test knows which secrets to look for.
type stsRecorder struct {
	next http.Handler

	mu          sync.Mutex
	credentials []api.Credentials
}

type teeWriter struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (w *teeWriter) Write(p []byte) (int, error) {
	w.body.Write(p)
	return w.ResponseWriter.Write(p)
}

func (s *stsRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-TC-Action") != "AssumeRole" {
		s.next.ServeHTTP(w, r)
		return
	}
	tee := &teeWriter{ResponseWriter: w}
	s.next.ServeHTTP(tee, r)
	var env struct{ Response api.AssumeRoleResponse }
	if json.Unmarshal(tee.body.Bytes(), &env) == nil && env.Response.Credentials.TmpSecretKey != "" {
		s.mu.Lock()
		s.credentials = append(s.credentials, env.Response.Credentials)
		s.mu.Unlock()
	}
}

func (s *stsRecorder) issued() []api.Credentials {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]api.Credentials(nil), s.credentials...)
}

// readLogs concatenates every file under dir.
func readLogs(t *testing.T, dir string) (string, []string) {
	t.Helper()
	var all strings.Builder
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		n, err := io.Copy(&all, f)
		names = append(names, fmt.Sprintf("%s (%d bytes)", filepath.Base(p), n))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return all.String(), names
}

// A whole acceptance run at TF_LOG=TRACE (Terraform and the provider) with
// credentials from the environment, an assumed role and a UserSig: the logs
// name the actions but contain no secret: not the account SecretKey, not
// the temporary TmpSecretKey or Token, not the application's SDKSecretKey,
// nothing shaped like a UserSig.
// Not parallel: it sets environment variables.
func TestAccReliability_traceLogsHoldNoSecret(t *testing.T) {
	env := acctest.NewEnv(t)
	acctest.NeedsEmulator(t, "a recorder in front of its STS service")
	sts := &stsRecorder{next: env.Emulator}
	front := httptest.NewServer(sts)
	t.Cleanup(front.Close)

	logDir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	t.Setenv("TENCENTCLOUD_SECRET_ID", emulator.DefaultSecretID)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", emulator.DefaultSecretKey)

	config := fmt.Sprintf(`
provider "trtc" {
  endpoint = %q
  assume_role {
    role_arn     = "qcs::cam::uin/%s:roleName/terraform-trace"
    session_name = "trace-test"
  }
}

resource "trtc_application" "test" {
  name    = "traced"
  product = "RTCEngine"
  lifecycle {
    ignore_changes = [tags] # trtc_application_tag owns them
  }
}

resource "trtc_application_tag" "owner" {
  sdk_app_id = trtc_application.test.sdk_app_id
  key        = "owner"
  value      = "trace"
}

resource "trtc_subscription" "trial" {
  sdk_app_id = trtc_application.test.sdk_app_id
  edition    = "Trial"
}
`, front.URL, emulator.DefaultUIN)
	if acctest.CLIFor(t).Has(acctest.Ephemeral) {
		config += `
ephemeral "trtc_user_sig" "alice" {
  sdk_app_id     = trtc_application.test.sdk_app_id
  user_id        = "alice_01"
  expire_seconds = 3600
}
`
	} else {
		t.Log("this CLI has no ephemeral resources: this run covers no trtc_user_sig")
	}

	var sdkSecretKey string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckAppsDestroyed(),
		Steps: []resource.TestStep{{
			Config: config,
			Check: func(s *terraform.State) error {
				id, err := appIDFromState(s)
				if err != nil {
					return err
				}
				info, err := env.Client().DescribeSdkAppInfo(t.Context(), &api.DescribeSdkAppInfoRequest{SdkAppId: id})
				if err != nil {
					return err
				}
				sdkSecretKey = info.SecretKey
				if got := s.RootModule().Resources[appAddr].Primary.Attributes["sdk_secret_key"]; got != sdkSecretKey {
					return fmt.Errorf("state sdk_secret_key is not the application's (len %d vs %d)", len(got), len(sdkSecretKey))
				}
				return nil
			},
		}},
	})

	logs, files := readLogs(t, logDir)
	t.Logf("TRACE logs: %d bytes in %v", len(logs), files)
	issued := sts.issued()
	if len(issued) == 0 {
		t.Fatal("the provider never assumed the role: the temporary credentials were not exercised")
	}
	if sdkSecretKey == "" {
		t.Fatal("the application's SDKSecretKey was never read")
	}
	for _, want := range []string{"CreateTrtcApp", "AssumeRole", "TagResources", "CreateTrtcFreeLicense", "DeleteTrtcApp"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the TRACE logs never mention %s: the logs do not cover the run", want)
		}
	}
	// Log fields read as the user wrote them: an SdkAppId in decimal (a
	// number field came out as 1.400000001e+09), the rate limit in effect
	// (20 by default, logged as 0 before).
	if regexp.MustCompile(`sdk_app_id="?\d\.\d+e\+`).MatchString(logs) || !regexp.MustCompile(`sdk_app_id="?1\d{9}\b`).MatchString(logs) {
		t.Error("the logs do not spell sdk_app_id in decimal")
	}
	if !regexp.MustCompile(`rate_limit=20\b`).MatchString(logs) {
		t.Error("the logs do not show the default rate_limit of 20 in effect")
	}
	// The answers carrying secrets were logged, masked: without the masking
	// the secrets would be there.
	for _, masked := range []string{`\"SecretKey\":\"***\"`, `\"TmpSecretKey\":\"***\"`, `\"Token\":\"***\"`} {
		if !strings.Contains(logs, masked) {
			t.Errorf("the TRACE logs lack %s: the answers carrying secrets were not logged", masked)
		}
	}
	secrets := map[string]string{"account SecretKey": emulator.DefaultSecretKey, "SDKSecretKey": sdkSecretKey}
	for i, c := range issued {
		secrets["TmpSecretKey #"+strconv.Itoa(i)] = c.TmpSecretKey
		secrets["Token #"+strconv.Itoa(i)] = c.Token
	}
	// The UserSig of the ephemeral resource is not known to the test: look
	// for anything shaped like one (zlib in TLS base64: "eJ" and more),
	// after checking that the pattern does find a real UserSig.
	sample, err := usersig.Generate(1400000001, sdkSecretKey, "alice_01", time.Now(), time.Hour)
	if err != nil || !userSigShape.MatchString("x="+sample+" y") {
		t.Fatalf("the UserSig pattern misses a real UserSig (%v)", err)
	}
	if m := userSigShape.FindString(logs); m != "" {
		t.Errorf("the TRACE logs contain something shaped like a UserSig: %.12s...", m)
	}
	for what, secret := range secrets {
		if i := strings.Index(logs, secret); i >= 0 {
			t.Errorf("the TRACE logs contain the %s: ...%s...", what, strings.ReplaceAll(logs[max(0, i-200):i], secret, "***"))
		}
	}
}
