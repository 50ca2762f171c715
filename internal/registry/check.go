package registry

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// FullPlatforms are the platforms a published release has a zip for.
var FullPlatforms = []Platform{
	{"darwin", "amd64"}, {"darwin", "arm64"}, {"freebsd", "amd64"}, {"freebsd", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"}, {"windows", "amd64"}, {"windows", "arm64"},
}

// semver is semver 2.0.0 as Terraform and OpenTofu parse provider versions.
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$`)

// openTofuTarget is how the OpenTofu registry picks a release's platform
// zips out of all its assets (opentofu/registry, ExtractPlatformFromFilename):
// any other asset named so would pass for a provider package.
var openTofuTarget = regexp.MustCompile(`.*_(?P<Os>[a-zA-Z0-9]+)_(?P<Arch>[a-zA-Z0-9]+).zip`)

// Check lists every way the release misses what Terraform, the Terraform
// Registry and the OpenTofu registry require of its assets: a semver
// version; a zip for each required platform holding only the binary
// terraform-provider-trtc_v<version>; a SHA256SUMS listing each zip and the
// manifest with their true sums; its detached signature by the RSA or DSA
// signing key; a manifest naming protocol 6.0; one asset of each suffix the
// OpenTofu registry looks for, and no other asset it would take for a zip.
func (r *Release) Check(required []Platform) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !semver.MatchString(r.Version) {
		fail("version %q is not semver", r.Version)
	}
	for _, p := range required {
		if !slices.Contains(r.Platforms, p) {
			fail("no %s in the SHA256SUMS", r.ZipName(p))
		}
	}
	for name, want := range r.SHA256 {
		if name != r.ManifestName() && !strings.HasSuffix(name, ".zip") {
			fail("%s is listed in the SHA256SUMS: Terraform would write its sum into every user's lock file as a zh: hash of the provider", name)
		}
		b, err := os.ReadFile(r.path(name))
		if err != nil {
			fail("listed in the SHA256SUMS: %v", err)
			continue
		}
		if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != want {
			fail("%s: sha256 %x, the SHA256SUMS says %s", name, got, want)
		}
	}
	for _, p := range r.Platforms {
		errs = append(errs, r.checkZip(p)...)
	}
	ring, err := openpgp.ReadArmoredKeyRing(strings.NewReader(r.SigningKey))
	if err != nil {
		return append(errs, err)
	}
	errs = append(errs, r.checkKey(ring[0])...)
	errs = append(errs, r.checkSignature(ring, r.SumsName())...)
	for _, p := range r.Emulator {
		errs = append(errs, r.checkSignature(ring, r.EmulatorName(p))...)
	}
	errs = append(errs, r.checkManifest()...)
	errs = append(errs, r.checkOpenTofuAssets()...)
	return errs
}

func (r *Release) checkZip(p Platform) []error {
	want := project + "_v" + r.Version
	if p.OS == "windows" {
		want += ".exe"
	}
	z, err := zip.OpenReader(r.path(r.ZipName(p)))
	if err != nil {
		return []error{err}
	}
	defer z.Close()
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if len(names) != 1 || names[0] != want {
		return []error{fmt.Errorf("%s holds %q, want only %s", r.ZipName(p), names, want)}
	}
	return nil
}

func (r *Release) checkKey(key *openpgp.Entity) []error {
	switch algo := key.PrimaryKey.PubKeyAlgo; algo {
	case packet.PubKeyAlgoRSA, packet.PubKeyAlgoRSASignOnly, packet.PubKeyAlgoDSA:
		return nil
	default:
		return []error{fmt.Errorf("signing key %s: algorithm %d; the Terraform Registry takes RSA or DSA keys only", r.KeyID, algo)}
	}
}

// checkSignature checks name's detached binary signature, name.sig.
func (r *Release) checkSignature(ring openpgp.EntityList, name string) []error {
	signed, err1 := os.ReadFile(r.path(name))
	sig, err2 := os.ReadFile(r.path(name + ".sig"))
	if err1 != nil || err2 != nil {
		return []error{fmt.Errorf("signature of %s: %v %v", name, err1, err2)}
	}
	if _, err := openpgp.CheckDetachedSignature(ring, bytes.NewReader(signed), bytes.NewReader(sig), nil); err != nil {
		return []error{fmt.Errorf("%s.sig is not a binary detached signature of %s by key %s: %v", name, name, r.KeyID, err)}
	}
	return nil
}

func (r *Release) checkManifest() []error {
	if _, listed := r.SHA256[r.ManifestName()]; !listed {
		return []error{fmt.Errorf("%s is not listed in the SHA256SUMS", r.ManifestName())}
	}
	b, err := os.ReadFile(r.path(r.ManifestName()))
	if err != nil {
		return []error{err}
	}
	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Version != 1 || !slices.Equal(m.Metadata.ProtocolVersions, []string{"6.0"}) {
		return []error{fmt.Errorf("%s: want version 1 and protocol_versions [\"6.0\"], got %s (%v)", r.ManifestName(), b, err)}
	}
	return nil
}

// checkOpenTofuAssets reads the directory as the OpenTofu registry reads a
// GitHub release's assets (opentofu/registry, getArtifacts): by suffix.
func (r *Release) checkOpenTofuAssets() []error {
	entries, err := os.ReadDir(r.Dir)
	if err != nil {
		return []error{err}
	}
	var errs []error
	count := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			continue
		}
		if openTofuTarget.MatchString(name) {
			if _, isZip := r.SHA256[name]; !isZip || !strings.HasPrefix(name, project+"_"+r.Version+"_") {
				errs = append(errs, fmt.Errorf("%s would pass for a provider package on the OpenTofu registry (any *_<os>_<arch>.zip does)", name))
			}
			continue
		}
		for _, suffix := range []string{"SHA256SUMS", "SHA256SUMS.sig", "_manifest.json"} {
			if strings.HasSuffix(name, suffix) {
				count[suffix] = append(count[suffix], name)
			}
		}
	}
	for _, suffix := range []string{"SHA256SUMS", "SHA256SUMS.sig", "_manifest.json"} {
		if len(count[suffix]) != 1 {
			errs = append(errs, fmt.Errorf("want one asset ending in %s (the OpenTofu registry takes any), got %q", suffix, count[suffix]))
		}
	}
	return errs
}
