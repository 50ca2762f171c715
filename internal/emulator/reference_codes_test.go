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
		for _, m := range errorCodeLiteral.FindAllStringSubmatch(string(src), -1) {
			found++
			if !strings.Contains(string(reference), "`"+m[1]+"`") {
				t.Errorf("%s answers %s, which internal/api/README.md does not name", path, m[1])
			}
		}
	}
	if found < 30 {
		t.Fatalf("found only %d error codes in the emulator's sources: the pattern no longer matches how they are spelled", found)
	}
}
