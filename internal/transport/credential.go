package transport

import "context"

// Credential is one Tencent Cloud key pair, with the session token that
// temporary (STS) credentials carry.
type Credential struct {
	SecretID  string
	SecretKey string
	Token     string
}

// CredentialSource yields the credential to sign one attempt with. It is
// asked before every attempt, so a source may refresh expiring credentials.
type CredentialSource interface {
	Credential(ctx context.Context) (Credential, error)
}

type staticCredentials struct{ c Credential }

func (s staticCredentials) Credential(context.Context) (Credential, error) { return s.c, nil }

// StaticCredentials is a source that always yields c.
func StaticCredentials(c Credential) CredentialSource { return staticCredentials{c: c} }
