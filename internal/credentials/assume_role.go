package credentials

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// RefreshBefore is how long before expiry temporary credentials are renewed,
// so that no request is signed with a token about to lapse.
const RefreshBefore = 5 * time.Minute

// RoleAssumer is the STS call the source needs; *api.Client has it.
type RoleAssumer interface {
	AssumeRole(ctx context.Context, req *api.AssumeRoleRequest) (*api.AssumeRoleResponse, error)
}

// AssumeRoleSource yields temporary credentials of a role, assumed on first
// use (never at configure time) and renewed RefreshBefore their expiry.
// It is safe for concurrent use; concurrent callers share one STS call.
type AssumeRoleSource struct {
	sts   RoleAssumer // signed with the base credentials
	role  AssumeRole
	clock clock.Clock

	mu      sync.Mutex
	current transport.Credential
	expires time.Time
}

var _ transport.CredentialSource = (*AssumeRoleSource)(nil)

// NewAssumeRoleSource builds the source; sts must sign with the base
// credentials, not with this source.
func NewAssumeRoleSource(sts RoleAssumer, role AssumeRole, c clock.Clock) *AssumeRoleSource {
	if c == nil {
		c = clock.Real{}
	}
	if role.SessionName == "" {
		role.SessionName = DefaultSessionName
	}
	if role.SessionDuration == 0 {
		role.SessionDuration = DefaultSessionDuration
	}
	return &AssumeRoleSource{sts: sts, role: role, clock: c}
}

// Credential returns the cached temporary credential, assuming the role
// again when none is cached or the cached one is near expiry.
func (s *AssumeRoleSource) Credential(ctx context.Context) (transport.Credential, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	if s.current.SecretID != "" && now.Before(s.expires.Add(-RefreshBefore)) {
		return s.current, nil
	}
	req := &api.AssumeRoleRequest{
		RoleArn:         s.role.RoleARN,
		RoleSessionName: s.role.SessionName,
		DurationSeconds: api.Ptr(uint64(s.role.SessionDuration)),
	}
	if s.role.Policy != "" {
		req.Policy = api.Ptr(s.role.Policy)
	}
	if s.role.ExternalID != "" {
		req.ExternalId = api.Ptr(s.role.ExternalID)
	}
	out, err := s.sts.AssumeRole(ctx, req)
	if err != nil {
		if s.current.SecretID != "" && now.Before(s.expires) {
			// Still valid for a few minutes: keep working, try again next call.
			tflog.Warn(ctx, "Renewing assumed-role credentials failed; using the current ones until they expire", map[string]any{"error": err.Error(), "expires": s.expires.UTC().Format(time.RFC3339)})
			return s.current, nil
		}
		return transport.Credential{}, fmt.Errorf("assuming role %s: %w", s.role.RoleARN, err)
	}
	expires, err := expiryOf(out)
	if err != nil {
		return transport.Credential{}, fmt.Errorf("assuming role %s: %w", s.role.RoleARN, err)
	}
	s.current = transport.Credential{SecretID: out.Credentials.TmpSecretId, SecretKey: out.Credentials.TmpSecretKey, Token: out.Credentials.Token}
	s.expires = expires
	tflog.Debug(ctx, "Assumed role", map[string]any{"role_arn": s.role.RoleARN, "session_name": s.role.SessionName, "expires": expires.UTC().Format(time.RFC3339)})
	return s.current, nil
}

// expiryOf reads ExpiredTime (unix seconds), or Expiration (ISO 8601).
func expiryOf(out *api.AssumeRoleResponse) (time.Time, error) {
	if out.Credentials.TmpSecretId == "" || out.Credentials.TmpSecretKey == "" {
		return time.Time{}, fmt.Errorf("STS answered without temporary credentials")
	}
	if out.ExpiredTime > 0 {
		return time.Unix(out.ExpiredTime, 0), nil
	}
	t, err := time.Parse(time.RFC3339, out.Expiration)
	if err != nil {
		return time.Time{}, fmt.Errorf("STS answered without a usable expiry (ExpiredTime 0, Expiration %q)", out.Expiration)
	}
	return t, nil
}

// NewSource is the credential source for a resolution: the base credential
// itself, or the assumed role, whose STS calls newSTS signs with the base.
func NewSource(res Resolved, newSTS func(base transport.CredentialSource) RoleAssumer, c clock.Clock) transport.CredentialSource {
	base := transport.StaticCredentials(res.Base)
	if res.AssumeRole == nil {
		return base
	}
	return NewAssumeRoleSource(newSTS(base), *res.AssumeRole, c)
}
