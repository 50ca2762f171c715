// Package credentials decides which Tencent Cloud credentials, region and
// endpoint the provider uses: the provider block first, then the
// environment, then the tccli profile file, with an optional STS role
// assumed on top.
package credentials

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// Environment variables read when the provider block leaves a value unset.
const (
	EnvSecretID                  = "TENCENTCLOUD_SECRET_ID"
	EnvSecretKey                 = "TENCENTCLOUD_SECRET_KEY"
	EnvSecurityToken             = "TENCENTCLOUD_SECURITY_TOKEN"
	EnvRegion                    = "TENCENTCLOUD_REGION"
	EnvProfile                   = "TENCENTCLOUD_PROFILE"
	EnvSharedCredentialsDir      = "TENCENTCLOUD_SHARED_CREDENTIALS_DIR"
	EnvAssumeRoleARN             = "TENCENTCLOUD_ASSUME_ROLE_ARN"
	EnvAssumeRoleSessionName     = "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME"
	EnvAssumeRoleSessionDuration = "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"
	EnvEndpoint                  = "TRTC_ENDPOINT"
	EnvRequestTimeout            = "TRTC_REQUEST_TIMEOUT"
)

// Defaults.
const (
	DefaultRegion          = "ap-singapore"
	DefaultProfile         = "default"
	DefaultSessionName     = "terraform-provider-trtc"
	DefaultSessionDuration = 7200
)

// Config is what the provider block says; "" and nil mean unset.
type Config struct {
	SecretID             string
	SecretKey            string
	SecurityToken        string
	Region               string
	Endpoint             string
	Profile              string
	SharedCredentialsDir string
	AssumeRole           *AssumeRole
	// InsecureEndpoint accepts an http:// Endpoint beyond loopback.
	InsecureEndpoint bool
	// RequestTimeout is how long one HTTP attempt may wait, such as "10s".
	RequestTimeout string
}

// AssumeRole describes the STS role to assume with the base credentials.
type AssumeRole struct {
	RoleARN         string
	SessionName     string
	SessionDuration int64 // seconds; 0 = DefaultSessionDuration
	Policy          string
	ExternalID      string
}

// Resolved is the outcome of Resolve.
type Resolved struct {
	Base       transport.Credential
	Source     string // where Base came from, for logs: never the values
	Region     string
	Endpoint   string
	AssumeRole *AssumeRole
	// RequestTimeout bounds each HTTP attempt; 0 = the transport's default.
	RequestTimeout time.Duration
}

// Resolver reads the environment and the home directory through
// replaceable functions, so tests do not touch the process's own.
type Resolver struct {
	LookupEnv func(string) (string, bool) // nil = os.LookupEnv
	HomeDir   func() (string, error)      // nil = os.UserHomeDir
}

// ErrNoCredentials is wrapped by the error for absent credentials.
var ErrNoCredentials = errors.New("no Tencent Cloud credentials found")

// Resolve applies the precedence: block, environment, profile file. Every
// value is checked by the same rule wherever it comes from, and an error
// names its source.
func (r Resolver) Resolve(cfg Config) (Resolved, error) {
	out := Resolved{Region: DefaultRegion}
	if region, from := pick(cfg.Region, r.env(EnvRegion), "region", EnvRegion); region != "" {
		if err := CheckRegion(region); err != nil {
			return out, invalidSetting(from, region, err)
		}
		out.Region = region
	}
	if endpoint, from := pick(cfg.Endpoint, r.env(EnvEndpoint), "endpoint", EnvEndpoint); endpoint != "" {
		if err := CheckEndpoint(endpoint, cfg.InsecureEndpoint); err != nil {
			return out, invalidSetting(from, endpoint, err)
		}
		out.Endpoint = endpoint
	}
	if timeout, from := pick(cfg.RequestTimeout, r.env(EnvRequestTimeout), "request_timeout", EnvRequestTimeout); timeout != "" {
		d, err := CheckRequestTimeout(timeout)
		if err != nil {
			return out, invalidSetting(from, timeout, err)
		}
		out.RequestTimeout = d
	}
	role, err := r.assumeRole(cfg.AssumeRole)
	if err != nil {
		return out, err
	}
	out.AssumeRole = role

	id, idFrom := pick(cfg.SecretID, r.env(EnvSecretID), "secret_id", EnvSecretID)
	key, keyFrom := pick(cfg.SecretKey, r.env(EnvSecretKey), "secret_key", EnvSecretKey)
	switch {
	case id != "" && key != "":
		out.Base = transport.Credential{SecretID: id, SecretKey: key, Token: first(cfg.SecurityToken, r.env(EnvSecurityToken))}
		out.Source = sourceOf(idFrom, keyFrom)
		return out, nil
	case id != "":
		return out, fmt.Errorf("secret_id is set (by %s) but secret_key is not: set secret_key in the provider block or %s", idFrom, EnvSecretKey)
	case key != "":
		return out, fmt.Errorf("secret_key is set (by %s) but secret_id is not: set secret_id in the provider block or %s", keyFrom, EnvSecretID)
	}

	profile := first(cfg.Profile, r.env(EnvProfile))
	dir := first(cfg.SharedCredentialsDir, r.env(EnvSharedCredentialsDir))
	path, err := r.profilePath(dir, first(profile, DefaultProfile))
	if err != nil {
		return out, err
	}
	cred, found, err := readProfile(path)
	if err != nil {
		return out, err
	}
	if found {
		out.Base, out.Source = cred, "profile file "+path
		return out, nil
	}
	if profile != "" || dir != "" {
		return out, fmt.Errorf("%w: the profile file %s (profile %q) does not exist", ErrNoCredentials, path, first(profile, DefaultProfile))
	}
	return out, fmt.Errorf("%w: set secret_id and secret_key in the provider block, or the environment variables %s and %s (and %s for temporary credentials), or create the tccli profile file %s (see %s and %s)",
		ErrNoCredentials, EnvSecretID, EnvSecretKey, EnvSecurityToken, path, EnvProfile, EnvSharedCredentialsDir)
}

func (r Resolver) assumeRole(block *AssumeRole) (*AssumeRole, error) {
	role := block
	nameFrom, durationFrom := "the provider block's assume_role.session_name", "the provider block's assume_role.session_duration"
	if role == nil {
		arn := r.env(EnvAssumeRoleARN)
		if arn == "" {
			return nil, nil
		}
		role = &AssumeRole{RoleARN: arn, SessionName: r.env(EnvAssumeRoleSessionName)}
		nameFrom, durationFrom = EnvAssumeRoleSessionName, EnvAssumeRoleSessionDuration
		if s := r.env(EnvAssumeRoleSessionDuration); s != "" {
			d, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, invalidSetting(EnvAssumeRoleSessionDuration, s, errors.New("must be a whole number of seconds"))
			}
			role.SessionDuration = d
		}
	}
	copied := *role
	if copied.RoleARN == "" {
		return nil, errors.New("assume_role.role_arn must be set when assume_role is used")
	}
	if copied.SessionName == "" {
		copied.SessionName = DefaultSessionName
	} else if err := CheckSessionName(copied.SessionName); err != nil {
		return nil, invalidSetting(nameFrom, copied.SessionName, err)
	}
	if copied.SessionDuration == 0 {
		copied.SessionDuration = DefaultSessionDuration
	}
	if err := CheckSessionDuration(copied.SessionDuration); err != nil {
		return nil, fmt.Errorf("%s is not valid: %w", durationFrom, err)
	}
	return &copied, nil
}

func (r Resolver) env(name string) string { return strings.TrimSpace(r.Getenv(name)) }

// Getenv reads one variable as this Resolver sees the environment, for the
// transport's proxy settings.
func (r Resolver) Getenv(name string) string {
	lookup := r.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	v, _ := lookup(name)
	return v
}

// first returns the first non-empty value.
func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// pick returns the block value or else the environment's, and its origin.
func pick(block, env, attribute, envName string) (string, string) {
	if block != "" {
		return block, "the provider block's " + attribute
	}
	if env != "" {
		return env, envName
	}
	return "", ""
}

func sourceOf(idFrom, keyFrom string) string {
	if idFrom == keyFrom {
		return idFrom
	}
	return idFrom + " and " + keyFrom
}
