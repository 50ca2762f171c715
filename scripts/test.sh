#!/usr/bin/env bash
# The README's test command (`make test`): every check and every test, on a
# fresh clone. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

export PATH="$(go env GOPATH)/bin:$PATH"
if ! command -v terraform >/dev/null 2>&1; then
  step "terraform not on PATH: building v1.5.7 from the Go module proxy (about 4 minutes)"
  go install github.com/hashicorp/terraform@v1.5.7
fi
tf_version=$(terraform version | sed -n '1s/^Terraform v//p')
echo "terraform $tf_version"
# Ephemeral resources need Terraform 1.10; the v1.5.7 fallback cannot
# validate or document them (their acceptance tests skip with SkipBelow).
has_ephemeral=yes
if [ "$(printf '%s\n1.10.0\n' "$tf_version" | sort -V | head -1)" != "1.10.0" ]; then
  has_ephemeral=no
  echo "NOTE: terraform $tf_version < 1.10: examples/ephemeral-resources and docs/ephemeral-resources are not checked"
fi

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then echo "not gofmt-ed:"; echo "$unformatted"; exit 1; fi

step "go vet"
go vet ./...

step "provider binary (for examples and docs)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/bin/terraform-provider-trtc" .
cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/trtc-oss/trtc" = "$work/bin"
  }
  direct {}
}
RC

step "examples: terraform fmt -check and validate"
terraform fmt -check -recursive -diff examples
for dir in $(find examples -name '*.tf' -exec dirname {} \; | sort -u); do
  if [ "$has_ephemeral" = no ] && [[ "$dir" == examples/ephemeral-resources/* ]]; then continue; fi
  TF_CLI_CONFIG_FILE="$work/terraformrc" terraform -chdir="$dir" validate -no-color >"$work/validate.log" 2>&1 \
    || { echo "examples: $dir does not validate:"; cat "$work/validate.log"; exit 1; }
  echo "ok   $dir"
done
find examples -name .terraform.lock.hcl -delete

step "docs: regenerate and compare, then tfplugindocs validate"
go tool tfplugindocs generate --provider-name trtc >"$work/docs.log" 2>&1 || { cat "$work/docs.log"; exit 1; }
docs_paths=(docs)
if [ "$has_ephemeral" = no ]; then
  git checkout -- docs/ephemeral-resources 2>/dev/null || true
  docs_paths=(docs ':!docs/ephemeral-resources')
fi
if ! git diff --exit-code -- "${docs_paths[@]}" || [ -n "$(git ls-files --others --exclude-standard "${docs_paths[@]}")" ]; then
  echo "docs/ is stale: run 'make docs' and commit the result"; exit 1
fi
go tool tfplugindocs validate --provider-name trtc

step "unit and acceptance tests (TF_ACC=1, against the in-process emulator)"
TF_ACC=1 go test -count=1 -timeout 45m ./...

step "acceptance tests in external mode (TRTC_ACC_EXTERNAL=1) against an emulator process, public API only"
bash scripts/acc-external.sh

# An execution count, never a duration: a duration -fuzztime can end in
# "context deadline exceeded" on a loaded machine (go.dev/issue/75804).
step "differential fuzzing: provider validators against the emulator's rules (20000 inputs per target)"
for target in FuzzAppNameRules FuzzDescriptionRules FuzzTagKeyRules FuzzTagValueRules; do
  go test -run '^$' -fuzz "^${target}\$" -fuzztime 20000x ./internal/emulator/
done

step "race detector on the emulator and the transport"
go test -count=1 -race ./internal/emulator/... ./internal/transport/...
