package registry_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/registry"
)

// serveRegistry serves r over HTTPS on 127.0.0.1 with a certificate for
// localhost from a CA made for this test. It returns the registry's host
// as a provider source address names it (localhost:PORT) and the CA's PEM
// file, which Terraform trusts through SSL_CERT_FILE for its process only.
func serveRegistry(t *testing.T, r *registry.Release) (host, caFile string) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "trtc registry test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(r.Handler())
	srv.TLS = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	caFile = filepath.Join(t.TempDir(), "ca.pem")
	writeFile(t, caFile, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})))
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return "localhost:" + port, caFile
}

// workdir is a copy of examples/complete whose provider comes from the
// test's registry, and the environment terraform runs it in.
type workdir struct {
	t   *testing.T
	dir string
	env []string
}

func newWorkdir(t *testing.T, caFile, source, version string) *workdir {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "complete", "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("examples/complete: %v", err)
	}
	replaced := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// A prerelease matches only an exact version constraint.
		s := strings.ReplaceAll(string(b), `source = "trtc-oss/trtc"`, `source  = "`+source+`"`+"\n      version = \""+version+`"`)
		if s != string(b) {
			replaced++
		}
		writeFile(t, filepath.Join(dir, filepath.Base(f)), s)
	}
	if replaced != 1 {
		t.Fatalf(`examples/complete: %d files name source = "trtc-oss/trtc", want 1`, replaced)
	}
	rc := filepath.Join(dir, "terraformrc")
	writeFile(t, rc, "# no provider_installation: the default, direct from the source's registry\n")
	return &workdir{t: t, dir: dir, env: []string{
		"TF_CLI_CONFIG_FILE=" + rc, "SSL_CERT_FILE=" + caFile, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"TF_PLUGIN_CACHE_DIR=", "TF_ACC=", "TF_LOG=", "TF_LOG_PATH=", "TF_LOG_PROVIDER=",
		"TENCENTCLOUD_SECRET_ID=" + emulator.DefaultSecretID, "TENCENTCLOUD_SECRET_KEY=" + emulator.DefaultSecretKey,
		"TENCENTCLOUD_SECURITY_TOKEN=", "TENCENTCLOUD_PROFILE=", "TENCENTCLOUD_REGION=",
	}}
}

func (w *workdir) run(args ...string) (string, int) {
	w.t.Helper()
	cmd := exec.Command("terraform", append([]string{"-chdir=" + w.dir}, args...)...)
	cmd.Env = append(os.Environ(), w.env...)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	w.t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	return "", -1
}

func (w *workdir) ok(args ...string) string {
	w.t.Helper()
	out, code := w.run(args...)
	if code != 0 {
		w.t.Fatalf("terraform %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

func (w *workdir) fails(args ...string) string {
	w.t.Helper()
	out, code := w.run(args...)
	if code == 0 {
		w.t.Fatalf("terraform %s succeeded, want a failure:\n%s", strings.Join(args, " "), out)
	}
	return out
}

func (w *workdir) exit(args ...string) int {
	w.t.Helper()
	out, code := w.run(args...)
	if code != 0 {
		w.t.Logf("terraform %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return code
}

// lockHashes reads the provider's block of .terraform.lock.hcl: its
// version must be the release's; it returns the hashes by scheme, sorted.
func (w *workdir) lockHashes(source, version string) map[string][]string {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.dir, ".terraform.lock.hcl"))
	if err != nil {
		w.t.Fatalf("no lock file: %v", err)
	}
	block := regexp.MustCompile(`(?s)provider "` + regexp.QuoteMeta(source) + `" \{(.*?)\n\}`).FindSubmatch(b)
	if block == nil {
		w.t.Fatalf("lock file has no block for %s:\n%s", source, b)
	}
	if !strings.Contains(string(block[1]), `version     = "`+version+`"`) {
		w.t.Errorf("lock file does not record version %s:\n%s", version, block[1])
	}
	hashes := map[string][]string{}
	for _, m := range regexp.MustCompile(`"((h1|zh):[^"]+)"`).FindAllStringSubmatch(string(block[1]), -1) {
		hashes[m[2]] = append(hashes[m[2]], m[1])
	}
	for _, h := range hashes {
		sort.Strings(h)
	}
	return hashes
}
