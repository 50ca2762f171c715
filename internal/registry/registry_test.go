package registry_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"

	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/registry"
)

// EnvReleaseDir names the release the tests serve; unset, the dist/ of the
// checkout (make test builds one there before the tests).
const EnvReleaseDir = "TRTC_RELEASE_DIR"

// lockPlatforms are the platforms `terraform providers lock` records: the
// quick release of make test has their zips, beside the host's.
var lockPlatforms = []registry.Platform{{OS: "linux", Arch: "amd64"}, {OS: "darwin", Arch: "arm64"}}

// loadRelease returns the release under test. It skips only without TF_ACC
// (like every test that runs terraform); with TF_ACC a missing release is a
// failure, so that make test can never pass without testing one.
func loadRelease(t *testing.T) *registry.Release {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC not set: this test runs terraform against a release (make test builds one into dist/)")
	}
	dir := os.Getenv(EnvReleaseDir)
	if dir == "" {
		dir = filepath.Join("..", "..", "dist")
	}
	r, err := registry.Load(dir)
	if err != nil {
		t.Fatalf("no release to test in %s (%v): run `make release`, or `TRTC_RELEASE_QUICK=1 make release` for the platforms this test needs", dir, err)
	}
	return r
}

// TestReleaseLayout checks the release against what the Terraform and
// OpenTofu registries require of its assets. TRTC_RELEASE_FULL=1 (make
// release) requires every platform of a published release.
func TestReleaseLayout(t *testing.T) {
	r := loadRelease(t)
	required := append([]registry.Platform{hostPlatform()}, lockPlatforms...)
	if os.Getenv("TRTC_RELEASE_FULL") == "1" {
		required = registry.FullPlatforms
		if !slices.Equal(r.Emulator, registry.FullPlatforms) {
			t.Errorf("trtc-emulator archives for %v, want %v", r.Emulator, registry.FullPlatforms)
		}
	}
	for _, err := range r.Check(required) {
		t.Error(err)
	}
	if slices.Contains(r.Emulator, hostPlatform()) {
		checkEmulatorVersion(t, r)
	}
	t.Logf("release %s in %s: provider %v, emulator %v, signed by key %s", r.Version, r.Dir, r.Platforms, r.Emulator, r.KeyID)
}

// checkEmulatorVersion runs the host's released emulator: --version says
// the release's version.
func checkEmulatorVersion(t *testing.T, r *registry.Release) {
	f, err := os.Open(filepath.Join(r.Dir, r.EmulatorName(hostPlatform())))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	hdr, err := tr.Next()
	if err != nil || hdr.Name != "trtc-emulator" {
		t.Fatalf("%s: want trtc-emulator first, got %v (%v)", r.EmulatorName(hostPlatform()), hdr, err)
	}
	bin := filepath.Join(t.TempDir(), "trtc-emulator")
	b, err := io.ReadAll(tr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Next(); err != io.EOF {
		t.Errorf("%s holds more than trtc-emulator (%v)", r.EmulatorName(hostPlatform()), err)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), r.Version) {
		t.Errorf("released trtc-emulator --version: %q (%v), want %s", out, err, r.Version)
	}
}

// TestReleaseCheckRefuses breaks a copy of the release in each way Check
// must notice.
func TestReleaseCheckRefuses(t *testing.T) {
	r := loadRelease(t)
	other := otherKey(t)
	cases := map[string]struct {
		breakIt func(t *testing.T, c *registry.Release)
		want    string
	}{
		"zip changed after the sums": {func(t *testing.T, c *registry.Release) {
			tamper(t, filepath.Join(c.Dir, c.ZipName(hostPlatform())))
		}, "the SHA256SUMS says"},
		"signed by another key": {func(t *testing.T, c *registry.Release) {
			signWith(t, other, c)
		}, "is not a binary detached signature"},
		"emulator archive in the SHA256SUMS": {func(t *testing.T, c *registry.Release) {
			name := "trtc-emulator_" + c.Version + "_linux_amd64.tar.gz"
			writeFile(t, filepath.Join(c.Dir, name), "x")
			f, err := os.OpenFile(filepath.Join(c.Dir, c.SumsName()), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fmt.Fprintf(f, "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  %s\n", name)
			c.SHA256[name] = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
		}, "is listed in the SHA256SUMS: Terraform would write its sum"},
		"emulator zip named like a platform zip": {func(t *testing.T, c *registry.Release) {
			writeFile(t, filepath.Join(c.Dir, "trtc-emulator_"+c.Version+"_windows_amd64.zip"), "x")
		}, "would pass for a provider package on the OpenTofu registry"},
		"second SHA256SUMS": {func(t *testing.T, c *registry.Release) {
			writeFile(t, filepath.Join(c.Dir, "trtc-emulator_"+c.Version+"_SHA256SUMS"), "")
		}, "want one asset ending in SHA256SUMS"},
		"manifest of protocol 5": {func(t *testing.T, c *registry.Release) {
			writeFile(t, filepath.Join(c.Dir, c.ManifestName()), `{"version":1,"metadata":{"protocol_versions":["5.0"]}}`)
		}, "want version 1 and protocol_versions"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := copyRelease(t, r)
			tc.breakIt(t, c)
			var msgs []string
			for _, err := range c.Check([]registry.Platform{hostPlatform()}) {
				msgs = append(msgs, err.Error())
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("Check did not say %q; it said %q", tc.want, msgs)
			}
		})
	}
}

// TestRegistryInstall installs the released provider the way a user does,
// from a registry over HTTPS, with no dev_overrides: init verifies the
// signature and the checksums and writes the lock file; examples/complete
// applies against an emulator, plans clean and destroys; a tampered zip and
// a signature by another key make init fail; providers lock records both
// platforms.
func TestRegistryInstall(t *testing.T) {
	r := loadRelease(t)
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatalf("terraform not on PATH: %v", err)
	}
	t.Parallel()
	tfVersion := terraformVersion(t)
	host, caFile := serveRegistry(t, r)
	source := host + "/" + registry.Namespace + "/" + registry.Type

	t.Run("install, apply, plan, destroy", func(t *testing.T) {
		t.Parallel()
		// A file takes the emulator's one-line writes from concurrent requests.
		emuLog, err := os.Create(filepath.Join(t.TempDir(), "emulator.log"))
		if err != nil {
			t.Fatal(err)
		}
		emu := httptest.NewServer(emulator.New(emulator.Config{PropagationMin: time.Second, PropagationMax: time.Second, Log: emuLog}))
		t.Cleanup(emu.Close)
		w := newWorkdir(t, caFile, source, r.Version)
		w.env = append(w.env, "TRTC_ENDPOINT="+emu.URL)

		out := w.ok("init", "-no-color", "-input=false")
		installed := fmt.Sprintf("Installed %s v%s (self-signed, key ID %s)", source, r.Version, r.KeyID)
		if !strings.Contains(out, installed) {
			t.Errorf("terraform init output lacks %q:\n%s", installed, out)
		}
		hashes := w.lockHashes(source, r.Version)
		wantZh := zhHashes(r)
		if got := hashes["zh"]; !slices.Equal(got, wantZh) {
			t.Errorf("lock file zh: hashes %q, want one per line of the SHA256SUMS %q", got, wantZh)
		}
		if got, want := hashes["h1"], []string{h1Zip(t, r, hostPlatform())}; !slices.Equal(got, want) {
			t.Errorf("lock file h1: hashes %q, want the host's zip %q", got, want)
		}

		logFile := filepath.Join(w.dir, "provider.log")
		w.env = append(w.env, "TF_LOG_PROVIDER=INFO", "TF_LOG_PATH="+logFile)
		w.ok("apply", "-no-color", "-auto-approve", "-input=false")
		if code := w.exit("plan", "-no-color", "-detailed-exitcode", "-input=false"); code != 0 {
			t.Errorf("plan after apply: exit %d, want 0 (no changes)", code)
		}
		w.ok("destroy", "-no-color", "-auto-approve", "-input=false")

		ua := fmt.Sprintf(`ua="terraform-provider-trtc/%s terraform/%s"`, r.Version, tfVersion)
		requests, err := os.ReadFile(emuLog.Name())
		if err != nil {
			t.Fatal(err)
		}
		if seen := regexp.MustCompile(`ua="[^"]*"`).FindAllString(string(requests), -1); !slices.Contains(seen, ua) {
			slices.Sort(seen)
			t.Errorf("the emulator saw no request with %s, only %q", ua, slices.Compact(seen))
		}
		logged, _ := os.ReadFile(logFile)
		configured := regexp.MustCompile(`Configured the TRTC provider:.*provider_version=` + regexp.QuoteMeta(r.Version) + `\b`)
		if !configured.Match(logged) {
			t.Errorf("no configure log line with provider_version=%s in %s:\n%s", r.Version, logFile, grepLines(string(logged), "Configured the TRTC provider"))
		}
	})

	t.Run("tampered zip fails the checksum", func(t *testing.T) {
		t.Parallel()
		bad := copyRelease(t, r)
		tamper(t, filepath.Join(bad.Dir, bad.ZipName(hostPlatform())))
		badHost, badCA := serveRegistry(t, bad)
		w := newWorkdir(t, badCA, badHost+"/"+registry.Namespace+"/"+registry.Type, r.Version)
		out := w.fails("init", "-no-color", "-input=false")
		want := regexp.MustCompile(`Error: Failed to install provider[\s\S]*archive has incorrect checksum\s+zh:` +
			fileSHA256(t, filepath.Join(bad.Dir, bad.ZipName(hostPlatform()))) + `\s+\(expected\s+zh:` + r.SHA256[r.ZipName(hostPlatform())] + `\)`)
		if !want.MatchString(out) {
			t.Errorf("init of a tampered zip: output does not match %s:\n%s", want, out)
		}
	})

	t.Run("signature by another key fails", func(t *testing.T) {
		t.Parallel()
		bad := copyRelease(t, r)
		signWith(t, otherKey(t), bad)
		badHost, badCA := serveRegistry(t, bad)
		w := newWorkdir(t, badCA, badHost+"/"+registry.Namespace+"/"+registry.Type, r.Version)
		out := w.fails("init", "-no-color", "-input=false")
		want := regexp.MustCompile(`Error: Failed to install provider[\s\S]*v` + regexp.QuoteMeta(r.Version) + `: authentication signature from unknown issuer`)
		if !want.MatchString(out) {
			t.Errorf("init with a signature by another key: output does not match %s:\n%s", want, out)
		}
	})

	t.Run("providers lock records both platforms", func(t *testing.T) {
		t.Parallel()
		w := newWorkdir(t, caFile, source, r.Version)
		args := []string{"providers", "lock"}
		var want []string
		for _, p := range lockPlatforms {
			args = append(args, "-platform="+p.String())
			want = append(want, h1Zip(t, r, p))
		}
		sort.Strings(want)
		w.ok(args...)
		hashes := w.lockHashes(source, r.Version)
		if !slices.Equal(hashes["h1"], want) {
			t.Errorf("lock file h1: hashes %q, want those of %v %q", hashes["h1"], lockPlatforms, want)
		}
		if !slices.Equal(hashes["zh"], zhHashes(r)) {
			t.Errorf("lock file zh: hashes %q, want %q", hashes["zh"], zhHashes(r))
		}
	})
}

func hostPlatform() registry.Platform {
	return registry.Platform{OS: runtime.GOOS, Arch: runtime.GOARCH}
}

func terraformVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("terraform", "version", "-json").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("terraform version -json: %v\n%s", err, out)
	}
	return v.Version
}

func grepLines(s, substr string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, substr) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// copyRelease copies the release's assets and key into a new directory, to
// be broken there.
func copyRelease(t *testing.T, r *registry.Release) *registry.Release {
	t.Helper()
	dir := t.TempDir()
	names := []string{r.SumsName(), r.SignatureName(), registry.SigningKeyFile}
	for name := range r.SHA256 {
		names = append(names, name)
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(r.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), string(b))
	}
	c, err := registry.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// tamper flips a byte in the middle of the file: still a file of the same
// size, no longer the one the SHA256SUMS lists.
func tamper(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	writeFile(t, path, string(b))
}

// otherKey is a key that never signed a release, made once per run.
func otherKey(t *testing.T) *openpgp.Entity {
	t.Helper()
	e, err := newOtherKey()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

var newOtherKey = sync.OnceValues(func() (*openpgp.Entity, error) {
	return openpgp.NewEntity("someone else", "not the release key", "else@trtc.invalid", nil)
})

// signWith replaces the release's SHA256SUMS signature by one of key.
func signWith(t *testing.T, key *openpgp.Entity, r *registry.Release) {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(r.Dir, r.SumsName()))
	if err != nil {
		t.Fatal(err)
	}
	var sig bytes.Buffer
	if err := openpgp.DetachSign(&sig, key, bytes.NewReader(sums), nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(r.Dir, r.SignatureName()), sig.String())
}

// h1Zip is Terraform's h1: hash of a zip (the Go module dirhash of its
// files), computed here to compare with what Terraform records.
func h1Zip(t *testing.T, r *registry.Release, p registry.Platform) string {
	t.Helper()
	z, err := zip.OpenReader(filepath.Join(r.Dir, r.ZipName(p)))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var lines []string
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		_, err = io.Copy(h, rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%x  %s\n", h.Sum(nil), f.Name))
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "")))
	return "h1:" + base64.StdEncoding.EncodeToString(sum[:])
}

func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// zhHashes are the zh: hashes Terraform takes from a signed SHA256SUMS:
// one per line, whatever the file (the manifest's too), sorted.
func zhHashes(r *registry.Release) []string {
	var zh []string
	for _, sum := range r.SHA256 {
		zh = append(zh, "zh:"+sum)
	}
	sort.Strings(zh)
	return zh
}
