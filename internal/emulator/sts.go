package emulator

import (
	"encoding/hex"
	"regexp"
	"strings"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// STS actions (internal/api/README.md, STS).

func init() {
	register(
		def(api.ServiceSTS, "GetCallerIdentity", true, nil, (*Emulator).getCallerIdentity),
		def(api.ServiceSTS, "AssumeRole", false, []string{"RoleArn", "RoleSessionName"}, (*Emulator).assumeRole),
	)
}

// AssumeRole limits [public].
const (
	defaultRoleDuration = 7200
	maxRoleDuration     = 43200
)

var (
	roleArnPattern     = regexp.MustCompile(`^qcs::cam::uin/([0-9]+):(roleName|role)/([\w+=,.@-]{1,128})$`)
	sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]{2,128}$`)
)

func (e *Emulator) getCallerIdentity(c *call, _ *api.GetCallerIdentityRequest) (any, *apiError) {
	uin := e.cfg.UIN
	if tmp := c.identity.tmp; tmp != nil {
		role := tmp.roleArn[strings.LastIndex(tmp.roleArn, "/")+1:]
		return &api.GetCallerIdentityResponse{
			Arn: "qcs::sts:" + uin + ":assumed-role/" + role + "/" + tmp.session, AccountId: uin,
			UserId: c.identity.secretID, PrincipalId: uin, Type: "CAMRole",
		}, nil
	}
	return &api.GetCallerIdentityResponse{
		Arn: "qcs::cam::uin/" + uin + ":uin/" + uin, AccountId: uin, UserId: uin, PrincipalId: uin, Type: "CAMUser",
	}, nil
}

func (e *Emulator) assumeRole(c *call, req *api.AssumeRoleRequest) (any, *apiError) {
	m := roleArnPattern.FindStringSubmatch(req.RoleArn)
	if m == nil {
		return nil, errf("InvalidParameter.ParamError", "RoleArn %q must look like qcs::cam::uin/<AccountId>:roleName/<RoleName>", req.RoleArn)
	}
	if m[1] != e.cfg.UIN {
		return nil, errf("ResourceNotFound.RoleNotFound", "the role %q does not exist in account %s", req.RoleArn, e.cfg.UIN)
	}
	if !sessionNamePattern.MatchString(req.RoleSessionName) {
		return nil, errf("InvalidParameter.ParamError", "RoleSessionName must be 2 to 128 characters of letters, digits and +=,.@-_")
	}
	duration := uint64(defaultRoleDuration)
	if req.DurationSeconds != nil && *req.DurationSeconds != 0 {
		duration = *req.DurationSeconds
	}
	if duration > maxRoleDuration {
		return nil, errf("InvalidParameter.ParamError", "DurationSeconds %d must be at most %d", duration, maxRoleDuration)
	}
	expires := e.now().Add(time.Duration(duration) * time.Second).Truncate(time.Second)
	tmp := &tmpCredential{secretKey: e.randomHex(16), token: e.randomHex(48), expires: expires, roleArn: req.RoleArn, session: req.RoleSessionName}
	id := "AKIDtmp" + e.randomHex(14)
	e.tmpKeys[id] = tmp
	return &api.AssumeRoleResponse{
		Credentials: api.Credentials{Token: tmp.token, TmpSecretId: id, TmpSecretKey: tmp.secretKey},
		ExpiredTime: expires.Unix(), Expiration: expires.UTC().Format("2006-01-02T15:04:05Z"),
	}, nil
}

// randomHex draws n bytes from the seeded source; callers hold e.mu.
func (e *Emulator) randomHex(n int) string {
	b := make([]byte, n)
	e.rng.Read(b)
	return hex.EncodeToString(b)
}
