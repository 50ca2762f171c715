#!/usr/bin/env bash
# The acceptance suite (internal/provider, TF_ACC=1, against the in-process
# emulator) on every CLI the README names, and the other packages' tests:
#   - Terraform 1.5.7, the oldest supported (built once into a cache: clis.sh);
#   - the terraform on PATH (1.11.4 in CI);
#   - Terraform 1.14.9 and the newest OpenTofu of ../shared/tools, when this
#     clone has them (CI does; a user's clone skips them with a NOTE).
# The test binary is built once and runs under every CLI at the same time:
# the tests mostly wait on the emulator's propagation delays, so the runs
# share the two cores well. Each run prints how many tests passed, skipped
# (grouped by why) and failed; a run that fails or runs no test fails this.
#
# By hand, on CLIs of your choice (Terraform or OpenTofu, told apart by
# their `version`): scripts/acc-matrix.sh /path/to/terraform /path/to/tofu
# ACC_RUN=<regexp> limits the tests, ACC_PARALLEL sets -test.parallel.
# Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/clis.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/empty.tfrc" # OpenTofu refuses a TF_CLI_CONFIG_FILE that does not exist
pkg=github.com/trtc-oss/terraform-provider-trtc/internal/provider
parallel=${ACC_PARALLEL:-8}

clis=("$@")
if [ ${#clis[@]} -eq 0 ]; then
  tf157_start "$work/tf157.log"
  tf157_wait "$work/tf157.log"
  clis+=("$tf157")
  if path_tf=$(command -v terraform); then clis+=("$path_tf"); fi
  tf_new=$(shared_tool terraform-1.14.9 "$work/terraform-1.14.9")
  if [ -n "$tf_new" ]; then clis+=("$tf_new"); else
    echo "NOTE: $shared_tools/terraform-1.14.9-linux-amd64.xz not found: no run on Terraform 1.14.9 (identity and query tests skip on older ones)"
  fi
  tofu=$(newest_tofu)
  if [ -n "$tofu" ]; then clis+=("$(shared_tool "$tofu" "$work/$tofu")"); else
    echo "NOTE: no $shared_tools/tofu-*-linux-amd64.xz: no run on OpenTofu"
  fi
fi

go build -o "$work/acc-summary" ./internal/acctest/cmd/acc-summary
go test -c -o "$work/provider.test" ./internal/provider

# One run per distinct CLI (the terraform on PATH may be the 1.5.7 build).
names=() pids=() seen=" "
newest_terraform=
for bin in "${clis[@]}"; do
  name=$(cli_name "$bin")
  [ -n "$name" ] || { echo "$bin: not a Terraform or OpenTofu CLI"; exit 1; }
  case "$seen" in *" $name "*) continue ;; esac
  seen="$seen$name "
  extra=()
  if [[ $name == OpenTofu* ]]; then
    extra=(TF_ACC_PROVIDER_HOST=registry.opentofu.org) # OpenTofu's default registry
  elif [ -z "$newest_terraform" ] || [ "$(printf '%s\n%s\n' "$newest_terraform" "$name" | sort -V | tail -1)" = "$name" ]; then
    newest_terraform=$name
  fi
  file="$work/${name// /-}"
  echo "acceptance suite on $name ($bin)"
  (cd internal/provider && env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$bin" TF_CLI_CONFIG_FILE="$work/empty.tfrc" \
    CHECKPOINT_DISABLE=1 "${extra[@]}" go tool test2json -t -p "$pkg" "$work/provider.test" \
    -test.v=test2json -test.count=1 -test.timeout=30m -test.parallel="$parallel" ${ACC_RUN:+-test.run "$ACC_RUN"}) \
    >"$file.json" 2>"$file.err" &
  names+=("$name") pids+=($!)
done

# The other packages (unit tests, the README tests) meanwhile, in default mode.
others_pid=
if [ $# -eq 0 ]; then
  echo "unit tests and the other packages' tests (TF_ACC=1, terraform on PATH)"
  TF_ACC=1 go test -count=1 -timeout 45m $(go list ./... | grep -vx "$pkg") >"$work/others.log" 2>&1 &
  others_pid=$!
fi

status=0
if [ -n "$others_pid" ]; then
  wait "$others_pid" || status=1
  cat "$work/others.log"
fi
for i in "${!names[@]}"; do
  wait "${pids[$i]}" || true # acc-summary judges the run from its events
  name=${names[$i]} file="$work/${names[$i]// /-}"
  echo
  flags=()
  if [ "$name" = "$newest_terraform" ] && [ -n "${tf_new:-}" ]; then flags=(-no-cli-skips); fi
  "$work/acc-summary" -label "$name" "${flags[@]}" "$file.json" || { status=1; cat "$file.err"; }
done
exit $status
