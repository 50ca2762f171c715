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

// apiCodeConstant matches a use of an error code constant of internal/api
// (api.CodeAppNotExist), and apiCodeDefinition its definition in errors.go.
var (
	apiCodeConstant   = regexp.MustCompile(`\bapi\.(Code\w+)\b`)
	apiCodeDefinition = regexp.MustCompile(`(?m)^\s*(Code\w+)\s*=\s*"([^"]+)"`)
)

// sourceCode is an error code the emulator's (non-test) sources can answer.
type sourceCode struct{ code, file string }

// emulatorSourceCodes finds every error code the emulator's sources spell:
// string literals and internal/api constants. The starts of composed codes
// ("InvalidParameterValue.Tag" + kind + ...) are left out: errorCases
// provokes each code they make.
func emulatorSourceCodes(t *testing.T) []sourceCode {
	t.Helper()
	errorsGo, err := os.ReadFile("../api/errors.go")
	if err != nil {
		t.Fatal(err)
	}
	constants := map[string]string{}
	for _, m := range apiCodeDefinition.FindAllStringSubmatch(string(errorsGo), -1) {
		constants[m[1]] = m[2]
	}
	sources, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []sourceCode
	for _, path := range sources {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := string(raw)
		for _, m := range errorCodeLiteral.FindAllStringSubmatchIndex(src, -1) {
			if strings.HasPrefix(strings.TrimLeft(src[m[1]:], " "), "+") {
				continue
			}
			out = append(out, sourceCode{src[m[2]:m[3]], path})
		}
		for _, m := range apiCodeConstant.FindAllStringSubmatch(src, -1) {
			code, ok := constants[m[1]]
			if !ok {
				t.Fatalf("%s uses api.%s, which ../api/errors.go does not define as a code", path, m[1])
			}
			out = append(out, sourceCode{code, path})
		}
	}
	if len(out) < 30 {
		t.Fatalf("found only %d error codes in the emulator's sources: the patterns no longer match how they are spelled", len(out))
	}
	return out
}

// Every error code the emulator's code can answer is in the API reference,
// so the reference's code tables cannot fall behind the emulator.
func TestReferenceNamesEveryEmulatorErrorCode(t *testing.T) {
	reference, err := os.ReadFile("../api/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range emulatorSourceCodes(t) {
		if !strings.Contains(string(reference), "`"+c.code+"`") {
			t.Errorf("%s answers %s, which internal/api/README.md does not name", c.file, c.code)
		}
	}
}
