package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
)

// The README's table of provider settings has a row for every attribute of
// the provider block, and for every attribute of its blocks as
// "block { attribute }".
func TestReadmeTableListsEveryProviderSetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var resp provider.SchemaResponse
	(&trtcProvider{}).Schema(t.Context(), provider.SchemaRequest{}, &resp)
	var rows []string
	for name := range resp.Schema.Attributes {
		rows = append(rows, "| `"+name+"`")
	}
	for name, block := range resp.Schema.Blocks {
		for attr := range block.(schema.SingleNestedBlock).Attributes {
			rows = append(rows, "| `"+name+" { "+attr+" }`")
		}
	}
	for _, row := range rows {
		if !strings.Contains(string(readme), row) {
			t.Errorf("README.md's table of provider settings has no row %s", row)
		}
	}
}
