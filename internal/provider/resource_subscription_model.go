package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

type subscriptionModel struct {
	ID                types.String   `tfsdk:"id"`
	SdkAppID          types.Int64    `tfsdk:"sdk_app_id"`
	Edition           types.String   `tfsdk:"edition"`
	PeriodMonths      types.Int64    `tfsdk:"period_months"`
	AutoRenew         types.Bool     `tfsdk:"auto_renew"`
	RenewalTrigger    types.String   `tfsdk:"renewal_trigger"`
	Product           types.String   `tfsdk:"product"`
	Status            types.String   `tfsdk:"status"`
	StartTime         types.String   `tfsdk:"start_time"`
	ExpireTime        types.String   `tfsdk:"expire_time"`
	TrialsUsed        types.Int64    `tfsdk:"trials_used"`
	AccountTrialsUsed types.Int64    `tfsdk:"account_trials_used"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

func (m *subscriptionModel) appID() uint64 { return uint64(m.SdkAppID.ValueInt64()) }

// setFromSubscription copies what DescribeAppSubscription reports into the model. An expired
// package reads as Basic, so the next plan shows the purchase it would make.
func (m *subscriptionModel) setFromSubscription(out *api.DescribeAppSubscriptionResponse) {
	m.Edition = types.StringValue(out.Edition)
	m.AutoRenew = types.BoolValue(out.AutoRenew)
	m.Product = types.StringValue(out.Product)
	m.Status = types.StringValue(out.Status)
	m.StartTime = wireTimeValue(out.StartTime)
	m.ExpireTime = wireTimeValue(out.ExpireTime)
	m.TrialsUsed = types.Int64Value(out.TrialsUsed)
	m.AccountTrialsUsed = types.Int64Value(out.AccountTrialsUsed)
}

// nullComputed clears every computed value that is only known from a read.
func (m *subscriptionModel) nullComputed() {
	if m.Product.IsUnknown() {
		m.Product = types.StringNull()
	}
	m.Status, m.StartTime, m.ExpireTime = types.StringNull(), types.StringNull(), types.StringNull()
	m.TrialsUsed, m.AccountTrialsUsed = types.Int64Null(), types.Int64Null()
}
