package credentials

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

func envOf(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

func writeProfile(t *testing.T, dir, profile, content string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, profile+".credential"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestResolvePrecedence(t *testing.T) {
	home := t.TempDir()
	writeProfile(t, filepath.Join(home, ".tccli"), "default", `{"secretId":"AKIDprofiledefault","secretKey":"key-profile-default"}`)
	writeProfile(t, filepath.Join(home, ".tccli"), "ci", `{"secretId":"AKIDprofileci","secretKey":"key-profile-ci","token":"tok-profile-ci"}`)
	otherDir := filepath.Join(t.TempDir(), "creds")
	writeProfile(t, otherDir, "default", `{"secretId":"AKIDotherdir","secretKey":"key-otherdir"}`)

	fullEnv := map[string]string{
		EnvSecretID: "AKIDenv", EnvSecretKey: "key-env", EnvSecurityToken: "tok-env",
		EnvRegion: "ap-guangzhou", EnvEndpoint: "http://127.0.0.1:9",
	}
	tests := []struct {
		name         string
		cfg          Config
		env          map[string]string
		want         transport.Credential
		wantRegion   string
		wantEndpoint string
		wantSource   string
	}{
		{
			name:       "block wins over environment",
			cfg:        Config{SecretID: "AKIDblock", SecretKey: "key-block", Region: "ap-beijing", Endpoint: "https://block.example"},
			env:        fullEnv,
			want:       transport.Credential{SecretID: "AKIDblock", SecretKey: "key-block", Token: "tok-env"},
			wantRegion: "ap-beijing", wantEndpoint: "https://block.example", wantSource: "the provider block",
		},
		{
			name:       "block token wins",
			cfg:        Config{SecretID: "AKIDblock", SecretKey: "key-block", SecurityToken: "tok-block"},
			env:        fullEnv,
			want:       transport.Credential{SecretID: "AKIDblock", SecretKey: "key-block", Token: "tok-block"},
			wantRegion: "ap-guangzhou", wantEndpoint: "http://127.0.0.1:9", wantSource: "the provider block",
		},
		{
			name:       "environment when the block is empty",
			env:        fullEnv,
			want:       transport.Credential{SecretID: "AKIDenv", SecretKey: "key-env", Token: "tok-env"},
			wantRegion: "ap-guangzhou", wantEndpoint: "http://127.0.0.1:9", wantSource: EnvSecretID,
		},
		{
			name:       "block id with environment key",
			cfg:        Config{SecretID: "AKIDblock"},
			env:        map[string]string{EnvSecretKey: "key-env"},
			want:       transport.Credential{SecretID: "AKIDblock", SecretKey: "key-env"},
			wantRegion: DefaultRegion, wantSource: "secret_id and " + EnvSecretKey,
		},
		{
			name:       "default profile file when nothing else is set",
			want:       transport.Credential{SecretID: "AKIDprofiledefault", SecretKey: "key-profile-default"},
			wantRegion: DefaultRegion, wantSource: "profile file",
		},
		{
			name:       "named profile with token from the environment",
			env:        map[string]string{EnvProfile: "ci"},
			want:       transport.Credential{SecretID: "AKIDprofileci", SecretKey: "key-profile-ci", Token: "tok-profile-ci"},
			wantRegion: DefaultRegion, wantSource: "ci.credential",
		},
		{
			name:       "profile from the block beats the environment's",
			cfg:        Config{Profile: "ci"},
			env:        map[string]string{EnvProfile: "default"},
			want:       transport.Credential{SecretID: "AKIDprofileci", SecretKey: "key-profile-ci", Token: "tok-profile-ci"},
			wantRegion: DefaultRegion, wantSource: "ci.credential",
		},
		{
			name:       "shared_credentials_dir",
			cfg:        Config{SharedCredentialsDir: otherDir},
			want:       transport.Credential{SecretID: "AKIDotherdir", SecretKey: "key-otherdir"},
			wantRegion: DefaultRegion, wantSource: otherDir,
		},
		{
			name:       "shared credentials dir from the environment",
			env:        map[string]string{EnvSharedCredentialsDir: otherDir},
			want:       transport.Credential{SecretID: "AKIDotherdir", SecretKey: "key-otherdir"},
			wantRegion: DefaultRegion, wantSource: otherDir,
		},
		{
			name:       "environment keys beat the profile file",
			env:        map[string]string{EnvSecretID: "AKIDenv", EnvSecretKey: "key-env", EnvProfile: "ci"},
			want:       transport.Credential{SecretID: "AKIDenv", SecretKey: "key-env"},
			wantRegion: DefaultRegion, wantSource: EnvSecretID,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Resolver{LookupEnv: envOf(tt.env), HomeDir: func() (string, error) { return home, nil }}
			got, err := r.Resolve(tt.cfg)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if got.Base != tt.want {
				t.Errorf("credential = %+v, want %+v", got.Base, tt.want)
			}
			if got.Region != tt.wantRegion || got.Endpoint != tt.wantEndpoint {
				t.Errorf("region %q endpoint %q, want %q %q", got.Region, got.Endpoint, tt.wantRegion, tt.wantEndpoint)
			}
			if !strings.Contains(got.Source, tt.wantSource) {
				t.Errorf("source %q, want it to mention %q", got.Source, tt.wantSource)
			}
			if strings.Contains(got.Source, got.Base.SecretKey) {
				t.Errorf("source %q spells out the secret key", got.Source)
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	home := t.TempDir()
	writeProfile(t, filepath.Join(home, ".tccli"), "broken", `{"secretId":`)
	writeProfile(t, filepath.Join(home, ".tccli"), "half", `{"secretId":"AKIDhalf"}`)
	tests := []struct {
		name    string
		cfg     Config
		env     map[string]string
		wantAll []string
		noCreds bool
	}{
		{
			name:    "nothing anywhere",
			wantAll: []string{"secret_id", "secret_key", EnvSecretID, EnvSecretKey, filepath.Join(home, ".tccli", "default.credential")},
			noCreds: true,
		},
		{name: "id without key", cfg: Config{SecretID: "AKIDx"}, wantAll: []string{"secret_key", EnvSecretKey}},
		{name: "key without id", env: map[string]string{EnvSecretKey: "k"}, wantAll: []string{"secret_id", EnvSecretID}},
		{name: "named profile missing", cfg: Config{Profile: "nope"}, wantAll: []string{"nope.credential", "does not exist"}, noCreds: true},
		{name: "profile not JSON", cfg: Config{Profile: "broken"}, wantAll: []string{"broken.credential", "not valid JSON"}},
		{name: "profile without key", cfg: Config{Profile: "half"}, wantAll: []string{"half.credential", "secretKey"}},
		{name: "bad session duration env", cfg: Config{SecretID: "a", SecretKey: "b"}, env: map[string]string{EnvAssumeRoleARN: "qcs::cam::uin/1:roleName/r", EnvAssumeRoleSessionDuration: "2h"}, wantAll: []string{EnvAssumeRoleSessionDuration}},
		// Each setting is held to the same rule wherever it comes from, and
		// the error names that source and what is expected.
		{name: "region from environment", cfg: Config{SecretID: "a", SecretKey: "b"}, env: map[string]string{EnvRegion: "Singapore"}, wantAll: []string{EnvRegion, `"Singapore"`, "ap-singapore"}},
		{name: "region from block", cfg: Config{SecretID: "a", SecretKey: "b", Region: "Singapore"}, env: map[string]string{EnvRegion: "ap-guangzhou"}, wantAll: []string{"provider block's region", `"Singapore"`, "ap-singapore"}},
		{name: "endpoint without scheme from environment", cfg: Config{SecretID: "a", SecretKey: "b"}, env: map[string]string{EnvEndpoint: "127.0.0.1:1234"}, wantAll: []string{EnvEndpoint, `"127.0.0.1:1234"`, "https://", "http://127.0.0.1:8080"}},
		{name: "plaintext remote endpoint from environment", cfg: Config{SecretID: "a", SecretKey: "b"}, env: map[string]string{EnvEndpoint: "http://10.1.2.3:8080"}, wantAll: []string{EnvEndpoint, "loopback", "insecure_endpoint = true"}},
		{name: "plaintext remote endpoint from block", cfg: Config{SecretID: "a", SecretKey: "b", Endpoint: "http://emulator.internal"}, wantAll: []string{"provider block's endpoint", "clear text", "insecure_endpoint = true"}},
		{name: "bad session name env", cfg: Config{SecretID: "a", SecretKey: "b"}, env: map[string]string{EnvAssumeRoleARN: "qcs::cam::uin/1:roleName/r", EnvAssumeRoleSessionName: "x"}, wantAll: []string{EnvAssumeRoleSessionName, `"x"`, "2-128"}},
		{name: "session duration out of range env", cfg: Config{SecretID: "a", SecretKey: "b"}, env: map[string]string{EnvAssumeRoleARN: "qcs::cam::uin/1:roleName/r", EnvAssumeRoleSessionDuration: "60"}, wantAll: []string{EnvAssumeRoleSessionDuration, "900", "43200"}},
		{name: "session duration out of range", cfg: Config{SecretID: "a", SecretKey: "b", AssumeRole: &AssumeRole{RoleARN: "r", SessionDuration: 60}}, wantAll: []string{"session_duration", "900", "43200"}},
		{name: "request timeout without unit from environment", cfg: Config{SecretID: "a", SecretKey: "b"}, env: map[string]string{EnvRequestTimeout: "30"}, wantAll: []string{EnvRequestTimeout, `"30"`, RequestTimeoutRule}},
		{name: "request timeout too long from block", cfg: Config{SecretID: "a", SecretKey: "b", RequestTimeout: "1h"}, env: map[string]string{EnvRequestTimeout: "10s"}, wantAll: []string{"provider block's request_timeout", `"1h"`, RequestTimeoutRule}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Resolver{LookupEnv: envOf(tt.env), HomeDir: func() (string, error) { return home, nil }}
			_, err := r.Resolve(tt.cfg)
			if err == nil {
				t.Fatal("Resolve succeeded, want an error")
			}
			for _, want := range tt.wantAll {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			if errors.Is(err, ErrNoCredentials) != tt.noCreds {
				t.Errorf("errors.Is(ErrNoCredentials) = %v, want %v", !tt.noCreds, tt.noCreds)
			}
		})
	}
}

// request_timeout comes from the block, else TRTC_REQUEST_TIMEOUT, else the
// transport's default (0), and reaches the transport's attempts.
func TestResolveRequestTimeout(t *testing.T) {
	keys := Config{SecretID: "a", SecretKey: "b"}
	withBlock := keys
	withBlock.RequestTimeout = "45s"
	for _, tt := range []struct {
		name string
		cfg  Config
		env  map[string]string
		want time.Duration
	}{
		{"unset", keys, nil, 0},
		{"environment", keys, map[string]string{EnvRequestTimeout: "2m"}, 2 * time.Minute},
		{"block wins", withBlock, map[string]string{EnvRequestTimeout: "2m"}, 45 * time.Second},
	} {
		res, err := Resolver{LookupEnv: envOf(tt.env)}.Resolve(tt.cfg)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if res.RequestTimeout != tt.want {
			t.Errorf("%s: RequestTimeout = %s, want %s", tt.name, res.RequestTimeout, tt.want)
		}
	}
}

func TestResolveAssumeRole(t *testing.T) {
	base := Config{SecretID: "AKIDbase", SecretKey: "key-base"}
	t.Run("block", func(t *testing.T) {
		cfg := base
		cfg.AssumeRole = &AssumeRole{RoleARN: "qcs::cam::uin/1:roleName/block", Policy: "{}", ExternalID: "ext"}
		got, err := Resolver{LookupEnv: envOf(map[string]string{EnvAssumeRoleARN: "qcs::cam::uin/1:roleName/env"})}.Resolve(cfg)
		if err != nil {
			t.Fatal(err)
		}
		want := AssumeRole{RoleARN: "qcs::cam::uin/1:roleName/block", SessionName: DefaultSessionName, SessionDuration: DefaultSessionDuration, Policy: "{}", ExternalID: "ext"}
		if got.AssumeRole == nil || *got.AssumeRole != want {
			t.Errorf("assume role = %+v, want %+v", got.AssumeRole, want)
		}
	})
	t.Run("environment", func(t *testing.T) {
		env := map[string]string{EnvAssumeRoleARN: "qcs::cam::uin/1:roleName/env", EnvAssumeRoleSessionName: "ci-run", EnvAssumeRoleSessionDuration: "3600"}
		got, err := Resolver{LookupEnv: envOf(env)}.Resolve(base)
		if err != nil {
			t.Fatal(err)
		}
		want := AssumeRole{RoleARN: "qcs::cam::uin/1:roleName/env", SessionName: "ci-run", SessionDuration: 3600}
		if got.AssumeRole == nil || *got.AssumeRole != want {
			t.Errorf("assume role = %+v, want %+v", got.AssumeRole, want)
		}
	})
	t.Run("insecure endpoint accepted when opted in", func(t *testing.T) {
		cfg := base
		cfg.InsecureEndpoint = true
		got, err := Resolver{LookupEnv: envOf(map[string]string{EnvEndpoint: "http://10.1.2.3:8080"})}.Resolve(cfg)
		if err != nil || got.Endpoint != "http://10.1.2.3:8080" {
			t.Errorf("endpoint %q, err %v", got.Endpoint, err)
		}
	})
	t.Run("none", func(t *testing.T) {
		got, err := Resolver{LookupEnv: envOf(nil)}.Resolve(base)
		if err != nil || got.AssumeRole != nil {
			t.Errorf("assume role = %+v, err %v; want none", got.AssumeRole, err)
		}
	})
}
