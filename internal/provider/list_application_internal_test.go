package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// The list resource's page is written by hand (tfplugindocs renders list
// resources only with Terraform >= 1.14 on PATH): its Configuration section
// must list exactly the schema's filters, each with its description.
func TestApplicationListDocsMatchSchema(t *testing.T) {
	var resp list.ListResourceSchemaResponse
	(&applicationListResource{}).ListResourceConfigSchema(context.Background(), list.ListResourceSchemaRequest{}, &resp)
	var want []string
	for name, a := range resp.Schema.Attributes {
		want = append(want, fmt.Sprintf("- `%s` (%s) %s", name, docType(a.GetType()), a.GetMarkdownDescription()))
	}

	page, err := os.ReadFile("../../templates/list-resources/application.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	_, section, found := strings.Cut(string(page), "\n## Configuration\n")
	if !found {
		t.Fatal("no Configuration section in the list resource's page")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var got []string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "- `") {
			got = append(got, line)
		}
	}

	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("templates/list-resources/application.md.tmpl, Configuration:\n%s\nwant, from the schema:\n%s",
			strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// docType spells an attribute type as tfplugindocs does.
func docType(t attr.Type) string {
	switch t := t.(type) {
	case basetypes.StringType:
		return "String"
	case basetypes.ListType:
		return "List of " + docType(t.ElemType)
	case basetypes.MapType:
		return "Map of " + docType(t.ElemType)
	}
	return t.String()
}
