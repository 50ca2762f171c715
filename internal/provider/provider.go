package provider

import (
	"cmp"
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/credentials"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

var (
	_ provider.Provider                       = &trtcProvider{}
	_ provider.ProviderWithEphemeralResources = &trtcProvider{}
	_ provider.ProviderWithListResources      = &trtcProvider{}
)

// trtcProvider is the "trtc" provider.
type trtcProvider struct {
	version string
	// resolver reads the environment and home directory; tests replace it.
	resolver credentials.Resolver
}

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &trtcProvider{version: version} }
}

// providerModel is the provider block.
type providerModel struct {
	SecretID             types.String  `tfsdk:"secret_id"`
	SecretKey            types.String  `tfsdk:"secret_key"`
	SecurityToken        types.String  `tfsdk:"security_token"`
	Region               types.String  `tfsdk:"region"`
	Endpoint             types.String  `tfsdk:"endpoint"`
	Profile              types.String  `tfsdk:"profile"`
	SharedCredentialsDir types.String  `tfsdk:"shared_credentials_dir"`
	MaxRetries           types.Int64   `tfsdk:"max_retries"`
	RequestTimeout       types.String  `tfsdk:"request_timeout"`
	RateLimit            types.Float64 `tfsdk:"rate_limit"`
	InsecureEndpoint     types.Bool    `tfsdk:"insecure_endpoint"`
	SkipCredentialsCheck types.Bool    `tfsdk:"skip_credentials_validation"`
	AssumeRole           types.Object  `tfsdk:"assume_role"`  // assumeRoleModel
	DefaultTags          types.Object  `tfsdk:"default_tags"` // defaultTagsModel
	IgnoreTags           types.Object  `tfsdk:"ignore_tags"`  // ignoreTagsModel
}

type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"`
}

type assumeRoleModel struct {
	RoleARN         types.String `tfsdk:"role_arn"`
	SessionName     types.String `tfsdk:"session_name"`
	SessionDuration types.Int64  `tfsdk:"session_duration"`
	Policy          types.String `tfsdk:"policy"`
	ExternalID      types.String `tfsdk:"external_id"`
}

func (p *trtcProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "trtc"
	resp.Version = p.version
}

func (p *trtcProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The TRTC provider manages Tencent Real-Time Communication applications, their tags and their subscriptions. " +
			"Credentials are taken from the provider block, then the `TENCENTCLOUD_*` environment variables, then the tccli profile file.",
		Attributes: map[string]schema.Attribute{
			"secret_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Tencent Cloud API SecretId. Falls back to `" + credentials.EnvSecretID + "`, then to the profile file.",
			},
			"secret_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Tencent Cloud API SecretKey. Falls back to `" + credentials.EnvSecretKey + "`, then to the profile file.",
			},
			"security_token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Session token of temporary credentials, sent as `X-TC-Token`. Falls back to `" + credentials.EnvSecurityToken + "`.",
			},
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "API region sent as `X-TC-Region` (the tag and sts services are global and do not get it). Falls back to `" + credentials.EnvRegion + "`; defaults to `" + credentials.DefaultRegion + "`.",
				Validators:          []validator.String{validators.Setting("must be a Tencent Cloud region such as ap-singapore", credentials.CheckRegion)},
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "URL that receives the API calls instead of `https://<service>.tencentcloudapi.com/`: one URL for every service, " +
					"such as the local emulator `http://127.0.0.1:8080`, or a pattern in which `{service}` stands for the service (`trtc`, `tag`, `sts`), " +
					"such as `https://{service}.intl.tencentcloudapi.com/`. Plain `http://` is accepted only for a loopback host (`127.0.0.0/8`, `::1`, `localhost`) " +
					"unless `insecure_endpoint` is true. Falls back to `" + credentials.EnvEndpoint + "`, which is held to the same rule.",
				Validators: []validator.String{validators.Endpoint(endpointRule, credentials.InsecureEndpointSetting, credentials.CheckEndpoint)},
			},
			"skip_credentials_validation": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip the check of the credentials that the provider makes once when it starts, with STS `GetCallerIdentity` " +
					"(which also gives the account ID that tags need), so that wrong keys fail the plan instead of the apply. " +
					"With `true`, the first call that needs them fails instead. Defaults to `false`.",
			},
			"insecure_endpoint": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Accept a plain `http://` `endpoint` (or `" + credentials.EnvEndpoint + "`) on a host beyond loopback. **Risk:** over plain HTTP the " +
					"security token, the applications' `SecretKey` answered by `DescribeSdkAppInfo` and the temporary keys answered by STS `AssumeRole` travel in " +
					"clear text, readable and changeable by anyone on the path. Only for a test emulator on a trusted network. Defaults to `false`.",
			},
			"profile": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "tccli profile whose `<profile>.credential` file is read when no keys are configured. Falls back to `" + credentials.EnvProfile + "`; defaults to `default`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"shared_credentials_dir": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Directory of the tccli profile files. Falls back to `" + credentials.EnvSharedCredentialsDir + "`; defaults to `~/.tccli`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times a throttled (`RequestLimitExceeded`) or transiently failed call (`InternalError`, `ServiceUnavailable`, "+
					"`ResourceUnavailable`, `ResourceBusy`, HTTP 5xx, connection errors) is retried, with exponential backoff and jitter. `0` disables retries. Defaults to `%d`.", transport.DefaultMaxRetries),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How long one attempt of an API call waits for an answer before it is given up and retried (see `max_retries`): "+
					"a duration such as `30s` or `2m`, from `1s` to `10m`. Falls back to `"+credentials.EnvRequestTimeout+"`, which is held to the same rule; defaults to `%s`. "+
					"With the defaults, an endpoint that accepts connections and never answers fails the command after about a minute "+
					"(6 attempts of 10 s, plus under 8 s of backoff); each retry is logged at WARN level (`TF_LOG=WARN`) with its attempt number.", transport.DefaultAttemptTimeout),
				Validators: []validator.String{validators.Setting(credentials.RequestTimeoutRule, func(s string) error {
					_, err := credentials.CheckRequestTimeout(s)
					return err
				})},
			},
			"rate_limit": schema.Float64Attribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("Most requests per second the provider sends for any one API action, so parallel operations stay under the service's limit. Must be greater than 0. Defaults to `%d`.", transport.DefaultRateLimit),
				Validators:          []validator.Float64{validators.PositiveFloat("requests per second")},
			},
		},
		Blocks: map[string]schema.Block{
			"default_tags": schema.SingleNestedBlock{
				MarkdownDescription: "Tags added to every `trtc_application` managed by this provider. An application's own `tags` win over a default tag " +
					"with the same key; its computed `tags_all` shows the merge, which is what the application carries. Adding, changing or removing a " +
					"default tag plans an update of `tags_all` on every application, and leaves `tags` as configured. `trtc_application_tag` does not " +
					"receive default tags: keys it manages should not appear in `default_tags` either.",
				Attributes: map[string]schema.Attribute{
					"tags": schema.MapAttribute{
						ElementType: types.StringType,
						Optional:    true,
						MarkdownDescription: "The default tags: at most 50; keys " + validators.TagKeyRule + "; values " + validators.TagValueRule + ". " +
							"Together with an application's own tags, at most 50 distinct keys.",
						Validators: validators.Tags(),
					},
				},
			},
			"ignore_tags": ignoreTagsBlock(),
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Assume a CAM role through STS `AssumeRole` with the credentials above, and sign every call with the role's temporary credentials " +
					"(renewed 5 minutes before they expire). Falls back to `" + credentials.EnvAssumeRoleARN + "`, `" + credentials.EnvAssumeRoleSessionName + "` and `" + credentials.EnvAssumeRoleSessionDuration + "`.",
				Validators: []validator.Object{objectvalidator.AlsoRequires(path.MatchRelative().AtName("role_arn"))},
				Attributes: map[string]schema.Attribute{
					"role_arn": schema.StringAttribute{
						// Required through the block's validator: a Required
						// attribute would be demanded even with the block absent.
						Optional:            true,
						MarkdownDescription: "ARN of the role, such as `qcs::cam::uin/12345678:roleName/deployer`. Required when the block is present.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"session_name": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Role session name, 2-128 characters of letters, digits and `_+=,.@-`. Defaults to `" + credentials.DefaultSessionName + "`.",
						Validators:          []validator.String{validators.Setting("must be 2-128 characters of letters, digits and _+=,.@-", credentials.CheckSessionName)},
					},
					"session_duration": schema.Int64Attribute{
						Optional:            true,
						MarkdownDescription: fmt.Sprintf("Lifetime of the temporary credentials in seconds, 900 to 43200. Defaults to `%d`.", credentials.DefaultSessionDuration),
						Validators:          []validator.Int64{int64validator.Between(900, 43200)},
					},
					"policy": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "A CAM policy (JSON) that further limits the role's permissions for this session.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"external_id": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "External ID the role's trust policy requires, if any.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
			},
		},
	}
}

func (p *trtcProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if !req.Config.Raw.IsFullyKnown() {
		// Values from not-yet-created resources: configure at apply time.
		tflog.Debug(ctx, "Provider configuration has unknown values; not configuring the API client during this plan")
		return
	}
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var role *assumeRoleModel
	if !cfg.AssumeRole.IsNull() {
		role = &assumeRoleModel{}
		resp.Diagnostics.Append(cfg.AssumeRole.As(ctx, role, basetypes.ObjectAsOptions{})...)
	}
	defaultTags := cfg.defaultTags(ctx, &resp.Diagnostics)
	ignoreTags := cfg.ignoreTags(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	resolved, err := p.resolver.Resolve(cfg.credentialsConfig(role))
	if err != nil {
		addFailure(&resp.Diagnostics, "configure", "the trtc provider", err, "")
		return
	}
	opts := transport.Options{
		Region:     resolved.Region,
		Endpoint:   resolved.Endpoint,
		MaxRetries: transport.DefaultMaxRetries,
		Clock:      clock.Real{},
		UserAgent:  userAgent(p.version, req.TerraformVersion),
		// Resolve refused a plaintext remote endpoint unless opted in.
		AllowPlaintextEndpoint: cfg.InsecureEndpoint.ValueBool(),
		Getenv:                 p.resolver.Getenv,
	}
	if !cfg.MaxRetries.IsNull() {
		opts.MaxRetries = int(cfg.MaxRetries.ValueInt64())
		if opts.MaxRetries == 0 {
			opts.MaxRetries = -1 // transport: negative means no retries
		}
	}
	if !cfg.RateLimit.IsNull() {
		opts.RateLimit = cfg.RateLimit.ValueFloat64()
	}
	data := &ProviderData{API: api.New(credentials.NewTransport(resolved, opts)), Clock: opts.Clock, DefaultTags: defaultTags, IgnoreTags: ignoreTags, RateLimit: opts.RateLimit}
	if !cfg.SkipCredentialsCheck.ValueBool() {
		// The account ID is kept: tags need it, and nothing asks again.
		if _, err := data.AccountID(ctx); err != nil {
			addError(&resp.Diagnostics, "Could not verify the Tencent Cloud credentials of the trtc provider", credentialsCheckDetail(resolved, err))
			return
		}
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
	endpoint := resolved.Endpoint
	if endpoint == "" {
		endpoint = "https://<service>.tencentcloudapi.com/"
	}
	tflog.Info(ctx, "Configured the TRTC provider", map[string]any{
		"provider_version": p.version, "terraform_version": req.TerraformVersion,
		"region": resolved.Region, "endpoint": endpoint, "credentials_from": resolved.Source,
		"assume_role": resolved.AssumeRole != nil, "max_retries": max(opts.MaxRetries, 0), "request_timeout": cmp.Or(resolved.RequestTimeout, transport.DefaultAttemptTimeout).String(), "rate_limit": effectiveRateLimit(opts.RateLimit),
		"default_tags": len(defaultTags),
	})
}

// userAgent identifies the provider build and the Terraform that runs it,
// so the service and any proxy can tell who calls.
func userAgent(providerVersion, terraformVersion string) string {
	return "terraform-provider-trtc/" + providerVersion + " terraform/" + terraformVersion
}

// defaultTags returns the default_tags block as a map (nil when absent).
// The configuration is known (Configure checked it).
func (m providerModel) defaultTags(ctx context.Context, diags *diag.Diagnostics) map[string]string {
	if m.DefaultTags.IsNull() {
		return nil
	}
	var block defaultTagsModel
	diags.Append(m.DefaultTags.As(ctx, &block, basetypes.ObjectAsOptions{})...)
	if diags.HasError() || block.Tags.IsNull() {
		return nil
	}
	tags := map[string]string{}
	diags.Append(block.Tags.ElementsAs(ctx, &tags, false)...)
	return tags
}

func (m providerModel) credentialsConfig(role *assumeRoleModel) credentials.Config {
	cfg := credentials.Config{
		SecretID:             m.SecretID.ValueString(),
		SecretKey:            m.SecretKey.ValueString(),
		SecurityToken:        m.SecurityToken.ValueString(),
		Region:               m.Region.ValueString(),
		Endpoint:             m.Endpoint.ValueString(),
		Profile:              m.Profile.ValueString(),
		SharedCredentialsDir: m.SharedCredentialsDir.ValueString(),
		InsecureEndpoint:     m.InsecureEndpoint.ValueBool(),
		RequestTimeout:       m.RequestTimeout.ValueString(),
	}
	if role != nil {
		cfg.AssumeRole = &credentials.AssumeRole{
			RoleARN:         role.RoleARN.ValueString(),
			SessionName:     role.SessionName.ValueString(),
			SessionDuration: role.SessionDuration.ValueInt64(),
			Policy:          role.Policy.ValueString(),
			ExternalID:      role.ExternalID.ValueString(),
		}
	}
	return cfg
}

// effectiveRateLimit is the limit the transport applies: 0 means its default.
func effectiveRateLimit(configured float64) float64 {
	if configured == 0 {
		return transport.DefaultRateLimit
	}
	return configured
}
