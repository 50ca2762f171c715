#!/usr/bin/env bash
# `terraform test` of the example module (examples/modules/trtc-app-env)
# against a trtc-emulator process, as the guide "Testing your modules" tells
# users to run it: the built emulator with a short propagation delay and a
# fresh state file, the provider from dev_overrides (no terraform init is
# needed then). Runs with the terraform on PATH, then with Terraform 1.14.9
# from ../shared/tools when this checkout has it. mock_provider needs
# Terraform >= 1.7: an older one is skipped with a NOTE.
set -euo pipefail
cd "$(dirname "$0")/.."
module=examples/modules/trtc-app-env

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/bin/terraform-provider-trtc" .
go build -ldflags "-X main.version=module-test" -o "$work/trtc-emulator" ./cmd/trtc-emulator
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/trtc-oss/trtc" = "$work/bin"
  }
  direct {}
}
RC

terraforms=("$(command -v terraform)")
tf_new_xz=${SHARED_TOOLS:-../shared/tools}/terraform-1.14.9-linux-amd64.xz # SHARED_TOOLS: for a worktree elsewhere
if [ -f "$tf_new_xz" ]; then
  mkdir -p "$work/tf-1.14.9"
  xz -dc "$tf_new_xz" >"$work/tf-1.14.9/terraform"
  chmod +x "$work/tf-1.14.9/terraform"
  sums=$(cd "$(dirname "$tf_new_xz")" && pwd)/$(basename "${tf_new_xz%.xz}.sha256")
  (cd "$work/tf-1.14.9" && sha256sum --quiet -c "$sums")
  terraforms+=("$work/tf-1.14.9/terraform")
else
  echo "NOTE: $tf_new_xz not found: the module test runs with the terraform on PATH only"
fi

for tf in "${terraforms[@]}"; do
  version=$(TF_CLI_CONFIG_FILE="$work/terraformrc" "$tf" version | sed -n '1s/^Terraform v//p')
  if [ "$(printf '%s\n1.7.0\n' "$version" | sort -V | head -1)" != "1.7.0" ]; then
    echo "NOTE: terraform $version < 1.7: the example module's tests use mock_provider; skipped"
    continue
  fi
  # A fresh emulator and state file per Terraform: each run starts a Trial,
  # which an account never gets back.
  "$work/trtc-emulator" --listen 127.0.0.1:0 --propagation-delay 1s --state-file "$work/state-$version.json" \
    >"$work/emulator.out" 2>"$work/emulator-$version.log" &
  emulator_pid=$!
  for _ in $(seq 100); do grep -q '^listening on ' "$work/emulator.out" && break; sleep 0.1; done
  endpoint=$(sed -n 's/^listening on //p' "$work/emulator.out")
  [ -n "$endpoint" ] || { echo "the emulator did not start:"; cat "$work/emulator-$version.log"; exit 1; }

  start=$(date +%s.%N)
  if ! (cd "$module" && env TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 TRTC_ENDPOINT="$endpoint" \
    TENCENTCLOUD_SECRET_ID=AKIDtrtcEmulatorDefaultSecretId00 TENCENTCLOUD_SECRET_KEY=trtcEmulatorDefaultSecretKey0000 \
    TENCENTCLOUD_SECURITY_TOKEN= TENCENTCLOUD_PROFILE= "$tf" test -no-color) >"$work/test.log" 2>&1; then
    cat "$work/test.log"; echo "terraform $version: terraform test of $module failed"; exit 1
  fi
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=""
  printf 'terraform %s: %s in %.1f s\n' "$version" "$(grep -E '^(Success|Failure)!' "$work/test.log")" "$seconds"
done
