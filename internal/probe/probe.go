// Package probe checks the provider's model of the API against a real
// account, reading only: it sends the read actions the provider relies on
// (caller identity, the first page of the listing, one application, its
// tags and its subscription) through the provider's own transport, and
// reports, per action, whether it answered and every field that is
// missing, not modelled or of another JSON kind than the api package's
// response structs say. See internal/api/README.md for the shapes.
package probe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tagging"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// Options of a probe run.
type Options struct {
	// SdkAppID is the application to read; 0 reads the first one listed.
	SdkAppID uint64
	// ShowAnswers prints each answer, with secrets masked as in the logs.
	ShowAnswers bool
}

// listPage is the page size of the listing read.
const listPage = 20

// Run probes through caller, writes the report to w and reports whether it
// is clean: every action answered and no field drifted.
func Run(ctx context.Context, caller api.Caller, opts Options, w io.Writer) bool {
	client, rec := readOnlyClient(caller)
	rep := &report{w: w, showAnswers: opts.ShowAnswers}

	_, _ = client.GetCallerIdentity(ctx, &api.GetCallerIdentityRequest{})
	rep.exchange(rec.last())

	// With tags, as the provider lists, so that TagList's shape is compared too.
	list, err := client.DescribeAppStatList(ctx, &api.DescribeAppStatListRequest{Offset: api.Ptr(uint64(0)), Limit: api.Ptr(uint64(listPage)), NeedTags: api.Ptr(int64(1))})
	rep.exchange(rec.last())

	id, why := opts.SdkAppID, ""
	if id == 0 {
		id, why = firstListed(list, err, rec.exchanges[len(rec.exchanges)-1])
	}
	perApp := []string{api.ServiceTRTC + ".DescribeSdkAppInfo", api.ServiceTag + ".DescribeResourceTagsByResourceIds", api.ServiceTRTC + ".DescribeAppSubscription"}
	if id == 0 {
		for _, action := range perApp {
			rep.notRun(action, why)
		}
		return rep.verdict()
	}
	fmt.Fprintf(w, "application: %d\n", id)
	_, _ = client.DescribeSdkAppInfo(ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: id})
	rep.exchange(rec.last())
	_, _ = tagging.ReadApp(ctx, client, id)
	rep.exchange(rec.last())
	_, _ = client.DescribeAppSubscription(ctx, &api.DescribeAppSubscriptionRequest{SdkAppId: id})
	rep.exchange(rec.last())
	return rep.verdict()
}

func (r *recorder) last() *Exchange { return r.exchanges[len(r.exchanges)-1] }

// firstListed is the first application of the listing: decoded, or read
// from the raw answer when the model could not decode it.
func firstListed(list *api.DescribeAppStatListResponse, err error, ex *Exchange) (uint64, string) {
	if err == nil && list != nil && len(list.SdkAppInfos) > 0 {
		return list.SdkAppInfos[0].ID, ""
	}
	var raw struct{ SdkAppInfos []struct{ ID uint64 } }
	if len(ex.Answer) > 0 && json.Unmarshal(ex.Answer, &raw) == nil && len(raw.SdkAppInfos) > 0 && raw.SdkAppInfos[0].ID != 0 {
		return raw.SdkAppInfos[0].ID, ""
	}
	if len(ex.Answer) == 0 {
		return 0, "the listing did not answer; pass --sdk-app-id"
	}
	return 0, "no application listed; pass --sdk-app-id or create one"
}

// report prints each action and counts for the verdict.
type report struct {
	w                  io.Writer
	showAnswers        bool
	actions            int
	unanswered, notRan int
	drifted            int
	counts             map[DriftKind]int
}

func (r *report) exchange(ex *Exchange) {
	r.actions++
	name := ex.Service + "." + ex.Action
	if len(ex.Answer) == 0 {
		r.unanswered++
		fmt.Fprintf(r.w, "%s: NOT ANSWERED: %s\n", name, errorCode(ex.Err))
		return
	}
	drifts := Compare(ex.Model, ex.Answer)
	if len(drifts) == 0 {
		fmt.Fprintf(r.w, "%s: answered, every field as modelled\n", name)
	} else {
		r.drifted++
		fmt.Fprintf(r.w, "%s: answered, %d field(s) drifted\n", name, len(drifts))
	}
	for _, kind := range []DriftKind{Missing, NotModelled, TypeDiffers} {
		var lines []string
		for _, d := range drifts {
			if d.Kind == kind {
				lines = append(lines, d.String())
			}
		}
		if r.counts == nil {
			r.counts = map[DriftKind]int{}
		}
		r.counts[kind] += len(lines)
		if len(lines) == 0 {
			lines = []string{"none"}
		}
		fmt.Fprintf(r.w, "  %-13s %s\n", kind+":", strings.Join(lines, "\n                "))
	}
	if r.showAnswers {
		fmt.Fprintf(r.w, "  answer:       %s\n", transport.MaskJSON(ex.Answer))
	}
}

func (r *report) notRun(action, why string) {
	r.actions++
	r.notRan++
	fmt.Fprintf(r.w, "%s: NOT RUN: %s\n", action, why)
}

// errorCode is the API error code of a failed call, or why there was no answer.
func errorCode(err error) string {
	var apiErr *api.Error
	if errors.As(err, &apiErr) {
		return fmt.Sprintf("%s (%s; RequestId %s)", apiErr.Code, apiErr.Message, apiErr.RequestID)
	}
	return fmt.Sprintf("no answer (%v)", err)
}

// verdict prints the one-line verdict and reports whether it is clean.
func (r *report) verdict() bool {
	if r.unanswered == 0 && r.notRan == 0 && r.drifted == 0 {
		fmt.Fprintf(r.w, "verdict: CLEAN: %d of %d read actions answered, every field as modelled\n", r.actions, r.actions)
		return true
	}
	label := "DRIFT"
	if r.drifted == 0 {
		label = "INCOMPLETE"
	}
	fmt.Fprintf(r.w, "verdict: %s: %d of %d actions drifted (%d missing, %d not modelled, %d type differs), %d not answered, %d not run\n",
		label, r.drifted, r.actions, r.counts[Missing], r.counts[NotModelled], r.counts[TypeDiffers], r.unanswered, r.notRan)
	return false
}
