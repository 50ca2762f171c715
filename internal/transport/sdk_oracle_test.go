package transport

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// captured is one request as the official SDK sent it.
type captured struct {
	host   string
	header http.Header
	body   []byte
}

// TestSigningMatchesOfficialSDK sends random requests with the official Go
// SDK (tencentcloud-sdk-go common v1.3.211) to a local server, and checks
// that our header builder and signer produce byte-identical Authorization
// and X-TC-* headers from the same body, timestamp, host and service.
func TestSigningMatchesOfficialSDK(t *testing.T) {
	const n = 1000
	var mu sync.Mutex
	var last captured
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		last = captured{host: r.Host, header: r.Header.Clone(), body: body}
		mu.Unlock()
		fmt.Fprint(w, `{"Response":{"RequestId":"oracle"}}`)
	}))
	defer server.Close()
	u, _ := url.Parse(server.URL)

	rng := rand.New(rand.NewPCG(2026, 11))
	services := []string{"trtc", "tag", "sts", "cvm"}
	regions := []string{"ap-singapore", "ap-guangzhou", "na-siliconvalley", "eu-frankfurt"}
	compared := 0
	for i := 0; i < n; i++ {
		service := services[rng.IntN(len(services))]
		action := randomWord(rng, "Describe", 12)
		version := fmt.Sprintf("20%02d-%02d-%02d", 15+rng.IntN(10), 1+rng.IntN(12), 1+rng.IntN(28))
		region := regions[rng.IntN(len(regions))]
		cred := Credential{SecretID: "AKID" + randomWord(rng, "", 32), SecretKey: randomWord(rng, "", 32)}
		if rng.IntN(2) == 0 {
			cred.Token = randomWord(rng, "tok", 40+rng.IntN(200))
		}

		prof := profile.NewClientProfile()
		prof.HttpProfile.Endpoint = u.Host
		prof.HttpProfile.Scheme = "http"
		prof.Language = "en-US"
		prof.DisableRegionBreaker = true
		client := common.NewCommonClient(common.NewTokenCredential(cred.SecretID, cred.SecretKey, cred.Token), region, prof)
		commonReq := tchttp.NewCommonRequest(service, version, action)
		if err := commonReq.SetActionParameters(randomParams(rng)); err != nil {
			t.Fatal(err)
		}
		var req tchttp.Request = commonReq
		wantTimestamp := ""
		if i%10 != 0 { // every tenth request keeps the SDK's own clock
			wantTimestamp = strconv.FormatInt(randomTimestamp(rng), 10)
			req = fixedTimestampRequest{CommonRequest: commonReq, timestamp: wantTimestamp}
		}
		if err := client.Send(req, tchttp.NewCommonResponse()); err != nil {
			t.Fatalf("request %d: SDK send: %v", i, err)
		}
		mu.Lock()
		sdk := last
		mu.Unlock()

		timestamp, err := strconv.ParseInt(sdk.header.Get("X-TC-Timestamp"), 10, 64)
		if err != nil || (wantTimestamp != "" && sdk.header.Get("X-TC-Timestamp") != wantTimestamp) {
			t.Fatalf("request %d: SDK timestamp %q", i, sdk.header.Get("X-TC-Timestamp"))
		}
		ours, _ := http.NewRequest(http.MethodPost, server.URL, nil)
		setHeaders(ours, signedCall{
			Service: service, Version: version, Action: action,
			Region:      region, // the SDK always sends it; compare it for every service
			Host:        sdk.host,
			ContentType: sdk.header.Get("Content-Type"), // the SDK sends "application/json"
			Body:        sdk.body,
			Timestamp:   timestamp,
			Credential:  cred,
		})
		for _, name := range []string{"Authorization", "X-TC-Action", "X-TC-Version", "X-TC-Timestamp", "X-TC-Region", "X-TC-Token", "X-TC-Language", "Content-Type"} {
			if got, want := ours.Header.Get(name), sdk.header.Get(name); got != want {
				t.Fatalf("request %d (%s.%s): %s\n ours %q\n sdk  %q\nbody %s", i, service, action, name, got, want, sdk.body)
			}
		}
		if ours.Host != sdk.host {
			t.Fatalf("request %d: Host ours %q, sdk %q", i, ours.Host, sdk.host)
		}
		compared++
	}
	if compared != n {
		t.Fatalf("compared %d requests, want %d", compared, n)
	}
	t.Logf("%d random requests signed identically to the official SDK", compared)
}

// fixedTimestampRequest makes the SDK sign with a chosen timestamp: the SDK
// stamps time.Now into the params map and reads it back through GetParams,
// so a GetParams that always answers the chosen value wins.
type fixedTimestampRequest struct {
	*tchttp.CommonRequest
	timestamp string
}

func (r fixedTimestampRequest) GetParams() map[string]string {
	return map[string]string{"Timestamp": r.timestamp, "RequestClient": "SDK_GO_1.3.211"}
}

// randomTimestamp is anywhere in 2001-2099, or within a minute of a UTC
// midnight, where the credential scope's date changes.
func randomTimestamp(rng *rand.Rand) int64 {
	ts := 978307200 + rng.Int64N(99*365*86400)
	if rng.IntN(3) == 0 {
		ts = ts - ts%86400 + rng.Int64N(120) - 60
	}
	return ts
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomWord(rng *rand.Rand, prefix string, length int) string {
	b := []byte(prefix)
	for i := 0; i < length; i++ {
		b = append(b, alphabet[rng.IntN(len(alphabet))])
	}
	return string(b)
}

// randomParams builds a random JSON object: strings (with unicode and
// characters JSON escapes), numbers, booleans, lists and nested objects.
func randomParams(rng *rand.Rand) map[string]any {
	params := map[string]any{}
	for i := rng.IntN(6); i > 0; i-- {
		params[randomWord(rng, "", 1+rng.IntN(10))] = randomValue(rng, 2)
	}
	return params
}

func randomValue(rng *rand.Rand, depth int) any {
	kinds := 4
	if depth > 0 {
		kinds = 6
	}
	switch rng.IntN(kinds) {
	case 0:
		return randomWord(rng, "", rng.IntN(20)) + []string{"", " ", "é中文", "<&>", "\"quoted\"", "\\n"}[rng.IntN(6)]
	case 1:
		return rng.Uint64N(1 << 40)
	case 2:
		return rng.IntN(2) == 0
	case 3:
		return rng.Float64() * 1000
	case 4:
		list := []any{}
		for i := rng.IntN(4); i > 0; i-- {
			list = append(list, randomValue(rng, depth-1))
		}
		return list
	default:
		obj := map[string]any{}
		for i := rng.IntN(4); i > 0; i-- {
			obj[randomWord(rng, "", 1+rng.IntN(8))] = randomValue(rng, depth-1)
		}
		return obj
	}
}
