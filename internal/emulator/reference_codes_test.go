package emulator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// errorCodeLiteral matches a Tencent Cloud error code spelled as a Go string.
var errorCodeLiteral = regexp.MustCompile(`"((?:AuthFailure|FailedOperation|InvalidParameter|InvalidParameterValue|LimitExceeded|ResourceNotFound|UnauthorizedOperation|UnsupportedOperation|MissingParameter|UnknownParameter|InvalidAction|NoSuchVersion|RequestLimitExceeded|RequestSizeLimitExceeded|UnsupportedProtocol|InternalError|ServiceUnavailable|ResourceUnavailable|ResourceBusy)(?:\.[A-Za-z]+)?)"`)

// Every error code the emulator's code can answer is in the API reference,
// so the reference's code tables cannot fall behind the emulator.
func TestReferenceNamesEveryEmulatorErrorCode(t *testing.T) {
	reference, err := os.ReadFile("../api/README.md")
	if err != nil {
		t.Fatal(err)
	}
	sources, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, path := range sources {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range errorCodeLiteral.FindAllStringSubmatchIndex(string(src), -1) {
			code := string(src[m[2]:m[3]])
			if strings.HasPrefix(strings.TrimLeft(string(src[m[1]:]), " "), "+") {
				continue // the start of a composed code: the tag table lists those
			}
			found++
			if !strings.Contains(string(reference), "`"+code+"`") {
				t.Errorf("%s answers %s, which internal/api/README.md does not name", path, code)
			}
		}
	}
	if found < 30 {
		t.Fatalf("found only %d error codes in the emulator's sources: the pattern no longer matches how they are spelled", found)
	}
}
