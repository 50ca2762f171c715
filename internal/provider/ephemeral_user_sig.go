package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/usersig"
)

// UserSig lifetimes: the SDK's default of one day, at most 180 days.
const (
	userSigDefaultExpire = 86400
	userSigMaxExpire     = 180 * 86400
)

// userIDPattern is the TRTC rule for a UserID: 1-32 characters of letters,
// digits, underscores and hyphens.
var userIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

var _ ephemeral.EphemeralResourceWithConfigure = &userSigEphemeralResource{}

// NewUserSigEphemeralResource returns the trtc_user_sig ephemeral resource.
func NewUserSigEphemeralResource() ephemeral.EphemeralResource { return &userSigEphemeralResource{} }

type userSigEphemeralResource struct {
	providerClient
}

type userSigModel struct {
	SdkAppID      types.Int64  `tfsdk:"sdk_app_id"`
	UserID        types.String `tfsdk:"user_id"`
	ExpireSeconds types.Int64  `tfsdk:"expire_seconds"`
	SecretKey     types.String `tfsdk:"secret_key"`
	UserSig       types.String `tfsdk:"user_sig"`
	ExpireTime    types.String `tfsdk:"expire_time"`
}

func (r *userSigEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_sig"
}

func (r *userSigEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *userSigEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A UserSig (TLS signature version 2) with which a user signs in to a TRTC application from a client SDK. " +
			"It is ephemeral (Terraform 1.10 or later): it is never written to the plan or the state, so it can only be passed to " +
			"other ephemeral contexts such as provider blocks, write-only arguments or ephemeral outputs of modules.",
		Attributes: map[string]schema.Attribute{
			"sdk_app_id": schema.Int64Attribute{
				MarkdownDescription: "The `SDKAppID` of the application.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "The UserID the UserSig is for: 1 to 32 characters of letters, digits, `_` and `-`.",
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(userIDPattern,
					"must be 1 to 32 characters of letters, digits, _ and -")},
			},
			"expire_seconds": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How long the UserSig is valid, in seconds: 1 to %d (180 days). Defaults to `%d` (one day).", userSigMaxExpire, userSigDefaultExpire),
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.Between(1, userSigMaxExpire)},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "The application's `SDKSecretKey`. When omitted it is read through `DescribeSdkAppInfo`.",
				Optional:            true,
				Sensitive:           true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"user_sig": schema.StringAttribute{
				MarkdownDescription: "The UserSig.",
				Computed:            true,
				Sensitive:           true,
			},
			"expire_time": schema.StringAttribute{
				MarkdownDescription: "When the UserSig expires (RFC 3339, UTC).",
				Computed:            true,
			},
		},
	}
}

func (r *userSigEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m userSigModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.SdkAppID.IsUnknown() || m.UserID.IsUnknown() || m.ExpireSeconds.IsUnknown() || m.SecretKey.IsUnknown() {
		// Terraform opens ephemeral resources once their inputs are known;
		// answer unknown should it ever ask earlier.
		m.UserSig, m.ExpireTime = types.StringUnknown(), types.StringUnknown()
		m.ExpireSeconds = types.Int64Unknown()
		resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
		return
	}
	expire := int64(userSigDefaultExpire)
	if !m.ExpireSeconds.IsNull() {
		expire = m.ExpireSeconds.ValueInt64()
	}
	id := uint64(m.SdkAppID.ValueInt64())
	var clk clock.Clock = clock.Real{}
	if r.pd != nil {
		clk = r.pd.Clock
	}

	key := m.SecretKey.ValueString()
	if m.SecretKey.IsNull() {
		var ok bool
		if key, ok = r.fetchSecretKey(ctx, id, &resp.Diagnostics); !ok {
			return
		}
	}
	now := clk.Now()
	sig, err := usersig.Generate(id, key, m.UserID.ValueString(), now, time.Duration(expire)*time.Second)
	if err != nil {
		addFailure(&resp.Diagnostics, "generate", "a UserSig for "+appObject(id), err, "")
		return
	}
	m.ExpireSeconds = types.Int64Value(expire)
	m.UserSig = types.StringValue(sig)
	m.ExpireTime = types.StringValue(formatTime(now.Add(time.Duration(expire) * time.Second)))
	tflog.Debug(ctx, "generated a TRTC UserSig", map[string]any{"sdk_app_id": logID(id), "user_id": m.UserID.ValueString(), "expire_seconds": expire})
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// fetchSecretKey reads the application's SDKSecretKey.
func (r *userSigEphemeralResource) fetchSecretKey(ctx context.Context, id uint64, diags *diag.Diagnostics) (string, bool) {
	if !r.configured(diags, "Or set secret_key, so that no API call is needed.") {
		return "", false
	}
	app, err := finder.AppByID(ctx, r.pd.API, id)
	if api.IsNotFound(err) {
		addAttributeFailure(diags, path.Root("sdk_app_id"), "read the SDKSecretKey of", appObject(id), err,
			"The application does not exist, so no UserSig can be signed with its key. Check sdk_app_id.")
		return "", false
	}
	if err != nil {
		addFailure(diags, "read the SDKSecretKey of", appObject(id), readError(id, err), "")
		return "", false
	}
	if app.SecretKey == "" {
		addFailure(diags, "read the SDKSecretKey of", appObject(id), errors.New("DescribeSdkAppInfo returned no SecretKey"), "Set secret_key.")
		return "", false
	}
	return app.SecretKey, true
}
