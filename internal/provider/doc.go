// Package provider is the Terraform provider: its configuration, resources,
// data sources and ephemeral resources.
//
// Each resource X keeps one layout:
//   - resource_X.go: constructor, interface checks, Metadata, Configure,
//     Create/Read/Update/Delete and ImportState;
//   - resource_X_schema.go: Schema, IdentitySchema and ValidateConfig;
//   - resource_X_model.go: the model and its conversions from API answers
//     (set* methods copy an API answer in; the resource's read* methods call
//     the API and then set);
//   - resource_X_plan.go: ModifyPlan, where the resource has one;
//   - resource_X_<concern>.go for one further concern (read, default_tags,
//     errors, trial).
//
// Tests sit beside: package provider tests (white box) end in
// _internal_test.go, package provider_test tests (acceptance, black box) in
// _test.go.
package provider
