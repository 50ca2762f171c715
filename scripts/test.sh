#!/usr/bin/env bash
# The README's test command (`make test`): every check and every test, on a
# fresh clone. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

export PATH="$(go env GOPATH)/bin:$PATH"
source scripts/clis.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Terraform 1.5.7 for the acceptance matrix (scripts/acc-matrix.sh): built
# in the background while the steps before it run, unless cached.
tf157_start "$work/tf157.log"
if ! command -v terraform >/dev/null 2>&1; then
  step "terraform not on PATH: using v1.5.7 (built from the Go module proxy, about 4 minutes, unless cached in $tf157_cache)"
  tf157_wait "$work/tf157.log"
  export PATH="$tf157_cache:$PATH"
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

step "GitHub workflows: actionlint"
go run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
echo "ok   $(ls .github/workflows | tr '\n' ' ')"

step "provider binary (for examples and docs)"
go build -o "$work/bin/terraform-provider-trtc" .
cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/trtc-oss/trtc" = "$work/bin"
  }
  direct {}
}
RC

# The list resource examples (.tfquery.hcl) validate with the Terraform
# 1.14.9 of ../shared/tools when this checkout has it (CI does).
tf_new=$(shared_tool terraform-1.14.9 "$work/tf-1.14.9")
if [ -z "$tf_new" ]; then
  echo "NOTE: $shared_tools/terraform-1.14.9-linux-amd64.xz not found: examples/list-resources are not validated with -query"
fi

step "examples: terraform fmt -check and validate"
terraform fmt -check -recursive -diff examples
for dir in $(find examples -name '*.tf' -exec dirname {} \; | sort -u); do
  if [ "$has_ephemeral" = no ] && [[ "$dir" == examples/ephemeral-resources/* ]]; then continue; fi
  TF_CLI_CONFIG_FILE="$work/terraformrc" terraform -chdir="$dir" validate -no-color >"$work/validate.log" 2>&1 \
    || { echo "examples: $dir does not validate:"; cat "$work/validate.log"; exit 1; }
  echo "ok   $dir"
done
if [ -n "$tf_new" ]; then # list resource examples (.tfquery.hcl): only Terraform >= 1.14 reads them
  for dir in examples/list-resources/*/; do
    TF_CLI_CONFIG_FILE="$work/terraformrc" "$tf_new" -chdir="$dir" validate -query -no-color >"$work/validate.log" 2>&1 \
      || { echo "examples: $dir does not validate with terraform 1.14.9 -query:"; cat "$work/validate.log"; exit 1; }
    echo "ok   $dir (terraform 1.14.9, -query)"
  done
fi
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

# The release internal/registry's tests install from (in the next step),
# with the platforms they serve only; `make release` builds all of them.
step "release: goreleaser snapshot of linux_amd64 and darwin_arm64 into dist/ (TRTC_RELEASE_QUICK=1 make release)"
release_start=$SECONDS
TRTC_RELEASE_QUICK=1 bash scripts/release.sh >"$work/release.log" 2>&1 || { cat "$work/release.log"; exit 1; }
sed -n '/^NOTE: /p; /^release /,$p' "$work/release.log"
echo "built in $((SECONDS - release_start)) s; TestRegistryInstall installs it from a local HTTPS registry in the next step"

# The external-mode run mostly waits on its emulator process's propagation
# too: it runs beside the matrix, and its output follows the matrix's.
step "unit tests, and the acceptance suite on every CLI the README names (scripts/acc-matrix.sh)"
tf157_wait "$work/tf157.log"
bash scripts/acc-external.sh >"$work/external.log" 2>&1 &
external_pid=$!
matrix_status=0
bash scripts/acc-matrix.sh || matrix_status=$?

step "acceptance tests in external mode (TRTC_ACC_EXTERNAL=1) against an emulator process, public API only (ran beside the matrix)"
external_status=0
wait "$external_pid" || external_status=$?
cat "$work/external.log"
[ "$matrix_status" -eq 0 ] && [ "$external_status" -eq 0 ] || exit 1

step "example module: terraform test against an emulator process (guide \"Testing your modules\")"
bash scripts/module-test.sh

# An execution count, never a duration: a duration -fuzztime can end in
# "context deadline exceeded" on a loaded machine (go.dev/issue/75804).
step "differential fuzzing: provider validators against the emulator's rules (20000 inputs per target)"
for target in FuzzAppNameRules FuzzDescriptionRules FuzzTagKeyRules FuzzTagValueRules; do
  go test -run '^$' -fuzz "^${target}\$" -fuzztime 20000x ./internal/emulator/
done

step "race detector on the emulator and the transport"
go test -count=1 -race ./internal/emulator/... ./internal/transport/...
