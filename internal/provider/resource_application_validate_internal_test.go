package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestApplicationValidate runs the framework's validation of trtc_application
// (what `terraform validate` triggers): each mistake gives exactly one error,
// saying which rule it breaks.
func TestApplicationValidate(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	var sresp resource.SchemaResponse
	NewApplicationResource().Schema(t.Context(), resource.SchemaRequest{}, &sresp)
	objType := sresp.Schema.Type().TerraformType(t.Context()).(tftypes.Object)
	tests := []struct {
		name string
		set  map[string]string
		want string // "" = valid
	}{
		{"valid", map[string]string{"name": "app_1", "product": "Live", "data_region": "na-siliconvalley"}, ""},
		{"region unknown to every product: one error", map[string]string{"name": "app", "product": "RTCEngine", "data_region": "ap-singpore"}, "data_region value must be one of"},
		{"region not offered for the product", map[string]string{"name": "app", "product": "Live", "data_region": "eu-frankfurt"}, "for product Live"},
		{"name too long", map[string]string{"name": strings.Repeat("n", 16), "product": "Call"}, "is 16 characters long, more than 15"},
		{"name with a bad character", map[string]string{"name": "my-app", "product": "Call"}, `character "-" is not allowed`},
		{"empty name", map[string]string{"name": "", "product": "Call"}, "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values := map[string]tftypes.Value{}
			for name, typ := range objType.AttributeTypes {
				if v, ok := tt.set[name]; ok {
					values[name] = tftypes.NewValue(typ, v)
				} else {
					values[name] = tftypes.NewValue(typ, nil)
				}
			}
			raw := tftypes.NewValue(objType, values)
			dv, err := tfprotov6.NewDynamicValue(objType, raw)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := server.ValidateResourceConfig(t.Context(), &tfprotov6.ValidateResourceConfigRequest{TypeName: "trtc_application", Config: &dv})
			if err != nil {
				t.Fatal(err)
			}
			expectValidation(t, resp.Diagnostics, tt.want)
		})
	}
}
