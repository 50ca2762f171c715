// Package planmodifiers holds plan modifiers the framework does not provide.
package planmodifiers

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// UseStateForUnknownUnless keeps the prior state value of a computed
// attribute in the plan, like UseStateForUnknown, except when one of the
// given attributes is planned to change: then the value stays unknown,
// because it follows them (e.g. disabled_reason follows status).
func UseStateForUnknownUnless(paths ...path.Path) planmodifier.String {
	return stateUnlessChanged{paths: paths}
}

type stateUnlessChanged struct{ paths []path.Path }

func (m stateUnlessChanged) Description(context.Context) string {
	names := make([]string, len(m.paths))
	for i, p := range m.paths {
		names[i] = p.String()
	}
	return fmt.Sprintf("Keeps the prior value unless %s changes.", strings.Join(names, " or "))
}

func (m stateUnlessChanged) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m stateUnlessChanged) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	// Nothing to keep on create, and a known plan value (from config) wins.
	// A null prior value is kept too (disabled_reason is null when enabled).
	if req.State.Raw.IsNull() || !req.PlanValue.IsUnknown() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, p := range m.paths {
		var planned, prior attr.Value
		if diags := req.Plan.GetAttribute(ctx, p, &planned); diags.HasError() {
			return
		}
		if diags := req.State.GetAttribute(ctx, p, &prior); diags.HasError() {
			return
		}
		if !planned.Equal(prior) {
			return
		}
	}
	resp.PlanValue = req.StateValue
}
