package provider

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// Every diagnostic of the provider is made here, in one style:
//   - the summary says what failed on which object, with one verb per
//     action: "Could not read TRTC application 1400000001";
//   - the detail says why (usually the API's answer), then what the user can do;
//   - plain text: Terraform prints diagnostics as they are, so Markdown code
//     marks become quotes.
//
// A test keeps every diagnostic of the package going through these helpers.

// appObject, subscriptionObject and tagObject name the objects summaries talk about.
func appObject(id uint64) string { return fmt.Sprintf("TRTC application %d", id) }

func subscriptionObject(id uint64) string {
	return fmt.Sprintf("the subscription of TRTC application %d", id)
}

func tagObject(id uint64, key string) string {
	return fmt.Sprintf("tag %q of TRTC application %d", key, id)
}

// failure is the summary and detail of an action that failed on an object:
// "Could not <action> <object>", and why, then the advice (either may be "").
func failure(action, object string, why error, advice string) (summary, detail string) {
	return "Could not " + action + " " + object, joinSentences(errorText(why), advice)
}

// addFailure adds the error of an action that failed on an object.
func addFailure(diags *diag.Diagnostics, action, object string, why error, advice string) {
	summary, detail := failure(action, object, why, advice)
	addError(diags, summary, detail)
}

// addAttributeFailure is addFailure for a failure that one attribute explains.
func addAttributeFailure(diags *diag.Diagnostics, p path.Path, action, object string, why error, advice string) {
	summary, detail := failure(action, object, why, advice)
	addAttributeError(diags, p, summary, detail)
}

// readError is err with the explanation readErrorDetail adds to a failed read.
func readError(sdkAppID uint64, err error) error { return errors.New(readErrorDetail(sdkAppID, err)) }

// tagWriteError is err with the explanation tagWriteDetail adds to a refused tag write.
func tagWriteError(err error) error { return errors.New(tagWriteDetail(err)) }

// addVanished warns that object was deleted outside Terraform (why says how
// it is known, or ""), after Read removed it from the state.
func addVanished(diags *diag.Diagnostics, object, why string) {
	addWarning(diags, capitalize(object)+" no longer exists",
		joinSentences(why, "It was removed from the Terraform state; if the configuration still declares it, the next apply creates it again."))
}

// stillPropagating is the summary of a status change that was requested and
// whose wait timed out or was interrupted: nothing failed, it takes effect
// later. status is as configured ("enabled", "disabled").
func stillPropagating(object, status string) string {
	return fmt.Sprintf("The change of %s to %s is still propagating", object, status)
}

// addDeletionUnderWay warns that object, whose deletion was requested (by an
// interrupted destroy, or outside Terraform), is leaving the state: TRTC
// finishes the deletion on its own.
func addDeletionUnderWay(diags *diag.Diagnostics, object string) {
	addWarning(diags, capitalize(object)+" is being deleted",
		"Its deletion was already requested (by a destroy that was interrupted or timed out, or outside Terraform) and TRTC finishes it on its own "+
			"within minutes; nothing more needs to be sent. It was removed from the Terraform state; if the configuration still declares it, "+
			"the next apply creates a new application.")
}

// The ID of trtc_application and trtc_subscription is the application's SdkAppId.
const (
	sdkAppIDForm    = "the SdkAppId of an application, a positive decimal number"
	sdkAppIDExample = "1400000001"
)

// addInvalidID reports an ID that does not parse, with the same attribute
// error in Read, Update, Delete and import. form describes a valid ID and
// example is one.
func addInvalidID(diags *diag.Diagnostics, typeName, got, form, example string) {
	addAttributeError(diags, path.Root("id"), "Invalid "+typeName+" ID",
		fmt.Sprintf("The ID %q is not %s, such as %q. %s", got, form, example, importHint(typeName, example)))
}

// importHint says how to import typeName with id, in both forms. The ID is
// quoted: in a shell a bare | is a pipe.
func importHint(typeName, id string) string {
	return fmt.Sprintf("Import it with the ID in quotes: id = %q in an import block, or terraform import %s.example %q on the command line "+
		"(with the resource's own address in place of %s.example)", id, typeName, id, typeName)
}

// addNotConfigured reports an operation that needs the API before the
// provider could be configured.
func addNotConfigured(diags *diag.Diagnostics, advice ...string) {
	addFailure(diags, "use", "the trtc provider",
		errors.New("it has no API client: its configuration could not be used (for example, it depends on values not known yet)"),
		joinSentences(append([]string{"Check the provider configuration (credentials, endpoint) and run the command again"}, advice...)...))
}

func addError(diags *diag.Diagnostics, summary, detail string) {
	diags.AddError(plain(summary), plain(detail))
}

func addAttributeError(diags *diag.Diagnostics, p path.Path, summary, detail string) {
	diags.AddAttributeError(p, plain(summary), plain(detail))
}

func addWarning(diags *diag.Diagnostics, summary, detail string) {
	diags.AddWarning(plain(summary), plain(detail))
}

func addAttributeWarning(diags *diag.Diagnostics, p path.Path, summary, detail string) {
	diags.AddAttributeWarning(p, plain(summary), plain(detail))
}

// plain turns Markdown code marks, which a terminal shows as they are, into quotes.
func plain(s string) string { return strings.ReplaceAll(s, "`", `"`) }

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// joinSentences joins non-empty parts, ending each with a full stop.
func joinSentences(parts ...string) string {
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.HasSuffix(p, ".") && !strings.HasSuffix(p, "?") && !strings.HasSuffix(p, "!") {
			p += "."
		}
		out = append(out, p)
	}
	return strings.Join(out, " ")
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
