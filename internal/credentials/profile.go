package credentials

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// profileFile is the JSON of a tccli <profile>.credential file.
type profileFile struct {
	SecretID  string `json:"secretId"`
	SecretKey string `json:"secretKey"`
	Token     string `json:"token"`
}

// profilePath is <dir>/<profile>.credential, dir defaulting to ~/.tccli.
func (r Resolver) profilePath(dir, profile string) (string, error) {
	rest, underHome := strings.CutPrefix(dir, "~/")
	if dir == "" {
		rest, underHome = ".tccli", true
	}
	if underHome {
		home := r.HomeDir
		if home == nil {
			home = os.UserHomeDir
		}
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("finding the home directory for the tccli profile (set shared_credentials_dir): %w", err)
		}
		dir = filepath.Join(h, rest)
	}
	return filepath.Join(dir, profile+".credential"), nil
}

// readProfile reads a profile file; found is false when it does not exist.
func readProfile(path string) (transport.Credential, bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return transport.Credential{}, false, nil
	}
	if err != nil {
		return transport.Credential{}, false, fmt.Errorf("reading the tccli profile file %s: %w", path, err)
	}
	var p profileFile
	if err := json.Unmarshal(data, &p); err != nil {
		return transport.Credential{}, false, fmt.Errorf("the tccli profile file %s is not valid JSON: %w", path, err)
	}
	if p.SecretID == "" || p.SecretKey == "" {
		return transport.Credential{}, false, fmt.Errorf("the tccli profile file %s must hold both secretId and secretKey", path)
	}
	return transport.Credential{SecretID: p.SecretID, SecretKey: p.SecretKey, Token: p.Token}, true, nil
}
