package emulator

import (
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

func TestGetCallerIdentity(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.UIN = "200000000002" })
	out, err := h.api.GetCallerIdentity(h.ctx, &api.GetCallerIdentityRequest{})
	if err != nil {
		t.Fatal(err)
	}
	want := api.GetCallerIdentityResponse{Arn: "qcs::cam::uin/200000000002:uin/200000000002", AccountId: "200000000002",
		UserId: "200000000002", PrincipalId: "200000000002", Type: "CAMUser"}
	if *out != want {
		t.Fatalf("GetCallerIdentity = %+v", *out)
	}
}

func TestAssumeRoleCredentials(t *testing.T) {
	h := newHarness(t)
	out, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/deployer", RoleSessionName: "terraform", DurationSeconds: api.Ptr[uint64](900)})
	if err != nil {
		t.Fatal(err)
	}
	if out.ExpiredTime != testStart.Add(900*time.Second).Unix() || out.Expiration != "2026-03-01T04:15:00Z" {
		t.Fatalf("expiry: %d %s", out.ExpiredTime, out.Expiration)
	}
	c := out.Credentials
	tmp := h.client(transport.Credential{SecretID: c.TmpSecretId, SecretKey: c.TmpSecretKey, Token: c.Token})
	who, err := tmp.GetCallerIdentity(h.ctx, &api.GetCallerIdentityRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if who.AccountId != DefaultUIN || who.Type != "CAMRole" {
		t.Fatalf("identity of the role session: %+v", who)
	}
	if _, err := tmp.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "by_role", Product: "Call"}); err != nil {
		t.Fatal(err)
	}

	noToken := h.client(transport.Credential{SecretID: c.TmpSecretId, SecretKey: c.TmpSecretKey})
	_, err = noToken.GetCallerIdentity(h.ctx, &api.GetCallerIdentityRequest{})
	wantCode(t, err, "AuthFailure.TokenFailure")

	h.emu.Advance(900 * time.Second) // expired on the emulator clock
	_, err = tmp.GetCallerIdentity(h.ctx, &api.GetCallerIdentityRequest{})
	wantCode(t, err, "AuthFailure.TokenFailure")

	// The default duration is 7200 s, at most 43200.
	def, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/deployer", RoleSessionName: "tf"})
	if err != nil || def.ExpiredTime != h.emu.Now().Add(7200*time.Second).Unix() {
		t.Fatalf("default duration: %+v %v", def, err)
	}
	for _, tc := range []struct {
		req  api.AssumeRoleRequest
		code string
	}{
		{api.AssumeRoleRequest{RoleArn: "arn:aws:iam::1:role/x", RoleSessionName: "tf"}, "InvalidParameter.ParamError"},
		{api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/42:roleName/x", RoleSessionName: "tf"}, "ResourceNotFound.RoleNotFound"},
		{api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/x", RoleSessionName: "t"}, "InvalidParameter.ParamError"},
		{api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/x", RoleSessionName: "bad name"}, "InvalidParameter.ParamError"},
		{api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/x", RoleSessionName: "tf", DurationSeconds: api.Ptr[uint64](43201)}, "InvalidParameter.ParamError"},
	} {
		_, err := h.api.AssumeRole(h.ctx, &tc.req)
		wantCode(t, err, tc.code)
	}
}

var rawAssume = api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/raw", RoleSessionName: "raw-session"}
