// Package registry serves a release of the provider (the dist/ of `make
// release`) with the Provider Registry Protocol, so that Terraform installs
// it from 127.0.0.1 exactly as from a public registry: service discovery,
// the versions list and the download answer whose SHA256SUMS, signature and
// signing key Terraform checks itself. It also checks a release against
// what the Terraform and OpenTofu registries require of its assets (Check).
//
// Protocol: https://developer.hashicorp.com/terraform/internals/provider-registry-protocol
package registry

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/ProtonMail/go-crypto/openpgp"
)

// Provider names the provider a release holds, as in its asset names.
const (
	Namespace = "trtc-oss"
	Type      = "trtc"
	project   = "terraform-provider-" + Type
)

// SigningKeyFile is the armored public key `make release` writes beside the
// assets: what a registry serves as signing_keys (not a release asset).
const SigningKeyFile = "signing-key.asc"

// Platform is one os_arch a release has a zip for.
type Platform struct{ OS, Arch string }

func (p Platform) String() string { return p.OS + "_" + p.Arch }

// Release is one version's assets in a directory.
type Release struct {
	Dir       string
	Version   string
	Platforms []Platform
	// SigningKey is the armored public key and KeyID its 16-hex-digit ID.
	SigningKey, KeyID string
	// SHA256 maps each asset name listed in the SHA256SUMS to its hex sum.
	SHA256 map[string]string
	// Emulator are the platforms with a trtc-emulator archive.
	Emulator []Platform
}

var sumsName = regexp.MustCompile(`^` + project + `_(.+)_SHA256SUMS$`)

// Load reads the release in dir: the version from its SHA256SUMS name, the
// platforms from the zips listed there, and the signing key.
func Load(dir string) (*Release, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	r := &Release{Dir: dir}
	for _, e := range entries {
		if m := sumsName.FindStringSubmatch(e.Name()); m != nil {
			if r.Version != "" {
				return nil, fmt.Errorf("%s holds two releases (%s and %s)", dir, r.Version, m[1])
			}
			r.Version = m[1]
		}
	}
	if r.Version == "" {
		return nil, fmt.Errorf("%s holds no %s_<version>_SHA256SUMS", dir, project)
	}
	sums, err := os.ReadFile(r.path(r.SumsName()))
	if err != nil {
		return nil, err
	}
	r.SHA256 = parseSums(sums)
	zip := regexp.MustCompile(`^` + regexp.QuoteMeta(project+"_"+r.Version) + `_([a-z0-9]+)_([a-z0-9]+)\.zip$`)
	for name := range r.SHA256 {
		if m := zip.FindStringSubmatch(name); m != nil {
			r.Platforms = append(r.Platforms, Platform{m[1], m[2]})
		}
	}
	emu := regexp.MustCompile(`^trtc-emulator_` + regexp.QuoteMeta(r.Version) + `_([a-z0-9]+)_([a-z0-9]+)\.tar\.gz$`)
	for _, e := range entries {
		if m := emu.FindStringSubmatch(e.Name()); m != nil {
			r.Emulator = append(r.Emulator, Platform{m[1], m[2]})
		}
	}
	sort.Slice(r.Platforms, func(i, j int) bool { return r.Platforms[i].String() < r.Platforms[j].String() })
	key, err := os.ReadFile(r.path(SigningKeyFile))
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	ring, err := openpgp.ReadArmoredKeyRing(strings.NewReader(string(key)))
	if err != nil || len(ring) != 1 {
		return nil, fmt.Errorf("%s: want one armored public key (%d read, %v)", SigningKeyFile, len(ring), err)
	}
	r.SigningKey, r.KeyID = string(key), ring[0].PrimaryKey.KeyIdString()
	return r, nil
}

func parseSums(b []byte) map[string]string {
	sums := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 {
			sums[f[1]] = f[0]
		}
	}
	return sums
}

func (r *Release) path(name string) string { return filepath.Join(r.Dir, name) }

// SumsName, SignatureName, ManifestName and ZipName are the asset names
// Terraform and the registries look for.
func (r *Release) SumsName() string      { return project + "_" + r.Version + "_SHA256SUMS" }
func (r *Release) SignatureName() string { return r.SumsName() + ".sig" }
func (r *Release) ManifestName() string  { return project + "_" + r.Version + "_manifest.json" }
func (r *Release) ZipName(p Platform) string {
	return project + "_" + r.Version + "_" + p.String() + ".zip"
}

// EmulatorName is the name of the emulator's archive for p.
func (r *Release) EmulatorName(p Platform) string {
	return "trtc-emulator_" + r.Version + "_" + p.String() + ".tar.gz"
}

// Handler answers the Provider Registry Protocol for this release, and
// serves its assets under /files/. Every URL it hands out is relative, so
// Terraform resolves it against the host it asked.
func (r *Release) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/terraform.json", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]string{"providers.v1": "/v1/providers/"})
	})
	base := "/v1/providers/" + Namespace + "/" + Type
	mux.HandleFunc("GET "+base+"/versions", func(w http.ResponseWriter, _ *http.Request) {
		platforms := make([]map[string]string, 0, len(r.Platforms))
		for _, p := range r.Platforms {
			platforms = append(platforms, map[string]string{"os": p.OS, "arch": p.Arch})
		}
		writeJSON(w, map[string]any{"versions": []any{map[string]any{
			"version": r.Version, "protocols": []string{"6.0"}, "platforms": platforms,
		}}})
	})
	mux.HandleFunc("GET "+base+"/{version}/download/{os}/{arch}", func(w http.ResponseWriter, req *http.Request) {
		p := Platform{req.PathValue("os"), req.PathValue("arch")}
		zip := r.ZipName(p)
		sum, ok := r.SHA256[zip]
		if req.PathValue("version") != r.Version || !ok {
			http.Error(w, `{"errors":["Not Found"]}`, http.StatusNotFound)
			return
		}
		writeJSON(w, map[string]any{
			"protocols": []string{"6.0"}, "os": p.OS, "arch": p.Arch,
			"filename": zip, "download_url": "/files/" + zip, "shasum": sum,
			"shasums_url": "/files/" + r.SumsName(), "shasums_signature_url": "/files/" + r.SignatureName(),
			"signing_keys": map[string]any{"gpg_public_keys": []any{map[string]string{
				"key_id": r.KeyID, "ascii_armor": r.SigningKey,
			}}},
		})
	})
	mux.HandleFunc("GET /files/{name}", func(w http.ResponseWriter, req *http.Request) {
		name := req.PathValue("name")
		if _, listed := r.SHA256[name]; !listed && name != r.SumsName() && name != r.SignatureName() {
			http.NotFound(w, req)
			return
		}
		http.ServeFile(w, req, r.path(name))
	})
	return mux
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
