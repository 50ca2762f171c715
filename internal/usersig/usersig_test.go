package usersig

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// testdata/vectors.json was produced by the npm reference implementation
// tls-sig-api-v2@1.0.2 (testdata/gen_vectors.js says how).
type vector struct {
	SdkAppID uint64 `json:"sdkAppId"`
	Key      string `json:"key"`
	UserID   string `json:"userId"`
	Expire   int64  `json:"expire"`
	Time     int64  `json:"time"`
	UserSig  string `json:"userSig"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Vectors []vector }
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	return file.Vectors
}

func TestReferenceVectorsVerify(t *testing.T) {
	for _, v := range loadVectors(t) {
		doc, err := Verify(v.UserSig, v.Key)
		if err != nil {
			t.Fatalf("%s: %v", v.UserID, err)
		}
		if doc.Identifier != v.UserID || doc.SdkAppID != v.SdkAppID || doc.Time != v.Time || doc.Expire != v.Expire || doc.Version != "2.0" {
			t.Errorf("%s: decoded %+v", v.UserID, doc)
		}
		if _, err := Verify(v.UserSig, v.Key+"x"); err == nil {
			t.Errorf("%s: verified with a wrong key", v.UserID)
		}
	}
}

func TestGenerateMatchesReference(t *testing.T) {
	for _, v := range loadVectors(t) {
		got, err := Generate(v.SdkAppID, v.Key, v.UserID, time.Unix(v.Time, 0), time.Duration(v.Expire)*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(got, "+/=") {
			t.Errorf("%s: not URL-safe: %s", v.UserID, got)
		}
		ours, err := Verify(got, v.Key)
		if err != nil {
			t.Fatalf("%s: %v", v.UserID, err)
		}
		reference, _ := Decode(v.UserSig)
		if ours != reference {
			t.Errorf("%s: ours %+v, reference %+v", v.UserID, ours, reference)
		}
	}
}

func TestGenerateRefusesEmptyUser(t *testing.T) {
	if _, err := Generate(1400000001, "k", "", time.Unix(0, 0), time.Hour); err == nil {
		t.Fatal("empty user accepted")
	}
}
