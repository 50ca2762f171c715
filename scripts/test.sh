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

step "GitHub workflows: actionlint"
go run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
echo "ok   $(ls .github/workflows | tr '\n' ' ')"

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

# Resource identity (Terraform >= 1.12) and list resources for `terraform
# query` (>= 1.14) are tested with the Terraform 1.14.9 of ../shared/tools
# when this checkout has it (CI does); the terraform on PATH stays the one
# for everything else. Elsewhere those tests skip, and this says so once.
tf_new_xz=../shared/tools/terraform-1.14.9-linux-amd64.xz
tf_new_tests='^TestAcc\w*_(identity|importByIdentity)$|^TestAccApplicationList_'
tf_new=""
if [ -f "$tf_new_xz" ]; then
  mkdir -p "$work/tf-1.14.9"
  xz -dc "$tf_new_xz" >"$work/tf-1.14.9/terraform"
  chmod +x "$work/tf-1.14.9/terraform"
  (cd "$work/tf-1.14.9" && sha256sum --quiet -c "$OLDPWD/${tf_new_xz%.xz}.sha256") \
    || { echo "$tf_new_xz: sha256 mismatch"; exit 1; }
  tf_new="$work/tf-1.14.9/terraform"
  echo "terraform 1.14.9 from $tf_new_xz (sha256 verified) for the identity and query tests"
else
  echo "NOTE: $tf_new_xz not found: the resource identity and terraform query tests ($tf_new_tests in internal/provider) skip, since they need Terraform >= 1.12 / 1.14 and the one on PATH is $tf_version"
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

step "unit and acceptance tests (TF_ACC=1, against the in-process emulator)"
TF_ACC=1 go test -count=1 -timeout 45m ./...

if [ -n "$tf_new" ]; then
  step "resource identity and terraform query tests with terraform 1.14.9"
  TF_ACC=1 TF_ACC_TERRAFORM_PATH="$tf_new" go test -count=1 -timeout 30m -v -run "$tf_new_tests" ./internal/provider/ >"$work/tf-new.log" 2>&1 \
    || { grep -v '^=== ' "$work/tf-new.log" | tail -80; exit 1; }
  passed=$(grep -c '^--- PASS' "$work/tf-new.log" || true)
  skipped=$(grep -c '^--- SKIP' "$work/tf-new.log" || true)
  grep -E '^--- (PASS|SKIP)' "$work/tf-new.log"
  echo "identity and query tests under terraform 1.14.9: $passed passed, $skipped skipped"
  if [ "$passed" -eq 0 ] || [ "$skipped" -ne 0 ]; then echo "expected every identity and query test to run"; exit 1; fi
fi

step "acceptance tests in external mode (TRTC_ACC_EXTERNAL=1) against an emulator process, public API only"
bash scripts/acc-external.sh

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
