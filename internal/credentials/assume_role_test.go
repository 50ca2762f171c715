package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tc3"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// fakeSTS verifies every TC3 signature (base keys or issued temporary keys
// plus their token) and answers AssumeRole with fresh temporary keys and
// GetCallerIdentity for calls signed with them.
type fakeSTS struct {
	t     *testing.T
	clock *clock.Fake

	mu          sync.Mutex
	keys        map[string]string // SecretId -> SecretKey
	tokens      map[string]string // temporary SecretId -> token
	assumeCalls int
	lastAssume  map[string]any
	otherCalls  int
}

func newFakeSTS(t *testing.T, c *clock.Fake) (*fakeSTS, *httptest.Server) {
	f := &fakeSTS{t: t, clock: c, keys: map[string]string{"AKIDbase": "key-base"}, tokens: map[string]string{}}
	server := httptest.NewServer(f)
	t.Cleanup(server.Close)
	return f, server
}

func (f *fakeSTS) fail(w http.ResponseWriter, code string) {
	_ = json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{"Error": map[string]any{"Code": code, "Message": code}, "RequestId": "r"}})
}

func (f *fakeSTS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	auth, ok := tc3.ParseAuthorization(r.Header.Get("Authorization"))
	f.mu.Lock()
	defer f.mu.Unlock()
	if !ok {
		f.fail(w, "AuthFailure.SignatureFailure")
		return
	}
	key, known := f.keys[auth.SecretID]
	if !known {
		f.fail(w, "AuthFailure.SecretIdNotFound")
		return
	}
	if token, temporary := f.tokens[auth.SecretID]; temporary && r.Header.Get("X-TC-Token") != token {
		f.fail(w, "AuthFailure.TokenFailure")
		return
	}
	ts, _ := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
	want := tc3.Signature(key, tc3.Request{Service: auth.Service, Payload: body, Timestamp: ts,
		Headers: map[string]string{"content-type": r.Header.Get("Content-Type"), "host": r.Host}})
	if want != auth.Signature {
		f.fail(w, "AuthFailure.SignatureFailure")
		return
	}
	switch r.Header.Get("X-TC-Action") {
	case "AssumeRole":
		if auth.SecretID != "AKIDbase" {
			f.fail(w, "UnauthorizedOperation")
			return
		}
		f.assumeCalls++
		_ = json.Unmarshal(body, &f.lastAssume)
		duration := int64(f.lastAssume["DurationSeconds"].(float64))
		id := fmt.Sprintf("AKIDtmp%06d", f.assumeCalls)
		f.keys[id] = fmt.Sprintf("tmp-key-%d", f.assumeCalls)
		f.tokens[id] = fmt.Sprintf("tmp-token-%d", f.assumeCalls)
		expires := f.clock.Now().Add(time.Duration(duration) * time.Second)
		_ = json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{
			"Credentials": map[string]any{"TmpSecretId": id, "TmpSecretKey": f.keys[id], "Token": f.tokens[id]},
			"ExpiredTime": expires.Unix(), "Expiration": expires.UTC().Format(time.RFC3339), "RequestId": "r"}})
	default:
		f.otherCalls++
		_ = json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{"AccountId": "100000000001", "Arn": "role:" + auth.SecretID, "RequestId": "r"}})
	}
}

func (f *fakeSTS) counts() (assume, other int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.assumeCalls, f.otherCalls
}

// stack builds what the provider builds: an STS client signed with the
// base credentials and a main client signed with the assumed role.
func stack(endpoint string, role AssumeRole, c clock.Clock) (*api.Client, transport.CredentialSource) {
	res := Resolved{Base: transport.Credential{SecretID: "AKIDbase", SecretKey: "key-base"}, AssumeRole: &role}
	source := NewSource(res, func(base transport.CredentialSource) RoleAssumer {
		return api.New(transport.New(transport.Options{Credentials: base, Endpoint: endpoint, Clock: c, MaxRetries: -1}))
	}, c)
	return api.New(transport.New(transport.Options{Credentials: source, Endpoint: endpoint, Clock: c, MaxRetries: -1})), source
}

func TestAssumeRoleSignsWithTemporaryCredentialsAndRefreshesOnce(t *testing.T) {
	fake := clock.NewFake(time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC))
	sts, server := newFakeSTS(t, fake)
	role := AssumeRole{RoleARN: "qcs::cam::uin/100000000001:roleName/deployer", SessionName: "tf", SessionDuration: 3600, Policy: `{"version":"2.0"}`, ExternalID: "ext-1"}
	client, _ := stack(server.URL, role, fake)
	ctx := context.Background()

	if a, o := sts.counts(); a != 0 || o != 0 {
		t.Fatalf("building the client called STS (%d AssumeRole, %d other); it must be lazy", a, o)
	}
	who, err := client.GetCallerIdentity(ctx, &api.GetCallerIdentityRequest{})
	if err != nil {
		t.Fatalf("call with the assumed role: %v", err)
	}
	if who.Arn != "role:AKIDtmp000001" {
		t.Errorf("call signed by %q, want the first temporary credential", who.Arn)
	}
	for key, want := range map[string]any{"RoleArn": role.RoleARN, "RoleSessionName": "tf", "DurationSeconds": 3600.0, "Policy": role.Policy, "ExternalId": "ext-1"} {
		if sts.lastAssume[key] != want {
			t.Errorf("AssumeRole %s = %v, want %v", key, sts.lastAssume[key], want)
		}
	}

	// Until 5 minutes before expiry the cached credential is reused.
	fake.Advance(time.Hour - RefreshBefore - time.Second)
	for i := 0; i < 5; i++ {
		if _, err := client.GetCallerIdentity(ctx, &api.GetCallerIdentityRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	if a, _ := sts.counts(); a != 1 {
		t.Fatalf("%d AssumeRole calls before the refresh window, want 1", a)
	}
	// Inside the window it is renewed exactly once.
	fake.Advance(2 * time.Second)
	for i := 0; i < 5; i++ {
		who, err = client.GetCallerIdentity(ctx, &api.GetCallerIdentityRequest{})
		if err != nil {
			t.Fatal(err)
		}
	}
	if a, o := sts.counts(); a != 2 || o != 11 {
		t.Errorf("%d AssumeRole and %d other calls, want 2 and 11", a, o)
	}
	if who.Arn != "role:AKIDtmp000002" {
		t.Errorf("after refresh, call signed by %q, want the second temporary credential", who.Arn)
	}
}

func TestAssumeRoleConcurrentFirstUseCallsSTSOnce(t *testing.T) {
	fake := clock.NewFake(time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC))
	sts, server := newFakeSTS(t, fake)
	_, source := stack(server.URL, AssumeRole{RoleARN: "qcs::cam::uin/1:roleName/r"}, fake)
	var wg sync.WaitGroup
	ids := make([]string, 16)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cred, err := source.Credential(context.Background())
			if err != nil {
				t.Error(err)
			}
			ids[i] = cred.SecretID
		}()
	}
	wg.Wait()
	if a, _ := sts.counts(); a != 1 {
		t.Errorf("%d AssumeRole calls for 16 concurrent first uses, want 1", a)
	}
	for i, id := range ids {
		if id != "AKIDtmp000001" {
			t.Errorf("caller %d got %q", i, id)
		}
	}
}

// failingSTS answers AssumeRole from a script.
type failingSTS struct {
	calls   int
	answers []error
	expires time.Time
}

func (f *failingSTS) AssumeRole(context.Context, *api.AssumeRoleRequest) (*api.AssumeRoleResponse, error) {
	err := f.answers[min(f.calls, len(f.answers)-1)]
	f.calls++
	if err != nil {
		return nil, err
	}
	return &api.AssumeRoleResponse{Credentials: api.Credentials{TmpSecretId: fmt.Sprint("AKIDtmp", f.calls), TmpSecretKey: "k", Token: "t"}, ExpiredTime: f.expires.Unix()}, nil
}

func TestAssumeRoleFailures(t *testing.T) {
	start := time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)
	denied := &api.Error{Service: "sts", Action: "AssumeRole", Code: "UnauthorizedOperation", Message: "denied"}

	t.Run("first call fails with the role named", func(t *testing.T) {
		fake := clock.NewFake(start)
		s := NewAssumeRoleSource(&failingSTS{answers: []error{denied}}, AssumeRole{RoleARN: "qcs::cam::uin/1:roleName/r"}, fake)
		_, err := s.Credential(context.Background())
		if !api.HasCode(err, "UnauthorizedOperation") {
			t.Fatalf("err = %v, want the STS error", err)
		}
	})
	t.Run("failed renewal keeps still-valid credentials, expired ones are not used", func(t *testing.T) {
		fake := clock.NewFake(start)
		sts := &failingSTS{answers: []error{nil, denied}, expires: start.Add(time.Hour)}
		s := NewAssumeRoleSource(sts, AssumeRole{RoleARN: "r"}, fake)
		first, err := s.Credential(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		fake.Advance(time.Hour - time.Minute)
		got, err := s.Credential(context.Background())
		if err != nil || got != first {
			t.Fatalf("in the refresh window with STS failing: %+v, %v; want the cached credential", got, err)
		}
		fake.Advance(2 * time.Minute)
		if _, err := s.Credential(context.Background()); err == nil {
			t.Fatal("expired credential returned while STS fails")
		}
		if sts.calls != 3 {
			t.Errorf("%d STS calls, want 3", sts.calls)
		}
	})
}
