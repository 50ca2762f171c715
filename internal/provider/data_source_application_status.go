package provider

import (
	"context"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// defaultStatusReadTimeout bounds wait_until_settled: propagation takes 3-5 minutes.
const defaultStatusReadTimeout = 10 * time.Minute

var (
	_ datasource.DataSource              = &applicationStatusDataSource{}
	_ datasource.DataSourceWithConfigure = &applicationStatusDataSource{}
)

// NewApplicationStatusDataSource returns the trtc_application_status data source.
func NewApplicationStatusDataSource() datasource.DataSource { return &applicationStatusDataSource{} }

// applicationStatusDataSource reports the status of one application, the
// change still propagating, and its edition.
type applicationStatusDataSource struct {
	providerClient
}

type applicationStatusModel struct {
	ID               types.String   `tfsdk:"id"`
	SdkAppID         types.Int64    `tfsdk:"sdk_app_id"`
	WaitUntilSettled types.Bool     `tfsdk:"wait_until_settled"`
	Status           types.String   `tfsdk:"status"`
	StatusInEffect   types.String   `tfsdk:"status_in_effect"`
	Pending          types.Bool     `tfsdk:"pending"`
	StatusChangeTime types.String   `tfsdk:"status_change_time"`
	DisabledReason   types.String   `tfsdk:"disabled_reason"`
	Edition          types.String   `tfsdk:"edition"`
	ExpireTime       types.String   `tfsdk:"expire_time"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (d *applicationStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application_status"
}

func (d *applicationStatusDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the status of one TRTC application: the state in effect, a change still " +
			"propagating (enabling, disabling and deleting take 3-5 minutes), and its edition. " +
			"With `wait_until_settled`, polls until no change is pending, within the `read` timeout.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: idAsStringDescription,
			},
			"sdk_app_id": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "SdkAppId of the application.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"wait_until_settled": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "When `true`, wait until no status change is pending before returning " +
					"(bounded by `timeouts.read`, default 10 minutes). Default `false`: read once.",
			},
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The status TRTC records as the target, as in `trtc_application.status`: `enabled`, `disabled`, " +
					"or `deleted` while a deletion propagates. Equals `status_in_effect` when nothing is pending.",
			},
			"status_in_effect": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The status in effect, as in `trtc_application.status_in_effect`: `enabled` or `disabled`.",
			},
			"pending": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether a change is still propagating (`status` differs from `status_in_effect`).",
			},
			"status_change_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the pending change was requested (RFC 3339, UTC), null when none is pending.",
			},
			"disabled_reason": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Why the application is disabled: `Manual`, `Overdue` or `NoPackage`; null when enabled.",
			},
			"edition": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Edition in effect: `Basic`, `Trial` or a paid edition such as `Standard`, `Pro`, `OneToOneCall`, `GroupCall`.",
			},
			"expire_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the edition expires (RFC 3339, UTC), null for `Basic`.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (d *applicationStatusDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

func (d *applicationStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	var m applicationStatusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := uint64(m.SdkAppID.ValueInt64())

	var info *api.DescribeSdkAppInfoResponse
	var err error
	if m.WaitUntilSettled.ValueBool() {
		timeout, diags := m.Timeouts.Read(ctx, defaultStatusReadTimeout)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		deps := waiters.ForClient(d.pd.API, d.pd.Clock, d.pd.Waits())
		deps.Poll.Timeout = timeout
		info, err = waiters.WaitAppSettled(ctx, deps, id)
	} else {
		info, err = finder.AppByID(ctx, d.pd.API, id)
	}
	if api.IsNotFound(err) {
		addAttributeFailure(&resp.Diagnostics, path.Root("sdk_app_id"), "read the status of", appObject(id), err, noSuchAppAdvice(path.Root("sdk_app_id")))
		return
	}
	if err != nil {
		addFailure(&resp.Diagnostics, "read the status of", appObject(id), readError(id, err), waitAdvice(err, "read"))
		return
	}

	sub, err := finder.SubscriptionByAppID(ctx, d.pd.API, id)
	if err != nil {
		addFailure(&resp.Diagnostics, "read the edition of", appObject(id), err, "")
		return
	}

	m.ID = types.StringValue(strconv.FormatUint(id, 10))
	m.Status = statusValue("status", targetStatus(info), &resp.Diagnostics)
	m.StatusInEffect = statusValue("status_in_effect", info.Status, &resp.Diagnostics)
	m.Pending = types.BoolValue(appChangePending(info))
	m.StatusChangeTime = wireTimeValue(info.StatusChangeTime)
	m.DisabledReason = optionalString(info.DisabledReason)
	m.Edition = types.StringValue(sub.Edition)
	m.ExpireTime = wireTimeValue(sub.ExpireTime)
	tflog.Debug(ctx, "read TRTC application status", map[string]any{
		"sdk_app_id": logID(id), "status": info.Status, "target_status": info.TargetStatus,
	})
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// appChangePending: TargetStatus differs from Status while a change propagates.
func appChangePending(info *api.DescribeSdkAppInfoResponse) bool {
	return info.TargetStatus != "" && info.TargetStatus != info.Status
}

func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
