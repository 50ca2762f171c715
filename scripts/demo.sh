#!/usr/bin/env bash
# The README's `make demo`: build the provider and the emulator, apply
# examples/complete against the emulator, show the outputs, plan again (no
# changes expected), destroy. Everything lives in a temp dir removed on exit,
# unless KEEP=1: then the directory (configuration, state, terraformrc,
# emulator log) stays for a look.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'demo failed: %s\n' "$*" >&2; exit 1; }

# explain_errors STATS_JSON: one line per error code the emulator answered,
# saying whether it is part of normal waiting. A clean run has only those.
explain_errors() {
  local codes code
  codes=$(printf '%s' "$1" | sed -n 's/.*"errors":{\([^}]*\)}.*/\1/p' | tr ',' '\n' | sed -n 's/^"\([^"]*\)":\([0-9]*\)$/\1 \2/p')
  if [ -z "$codes" ]; then
    echo "error codes: none"
    return
  fi
  echo "error codes:"
  while read -r code count; do
    case $code in
      FailedOperation.SdkAppIdNotExist | ResourceNotFound.*)
        echo "  $code ($count): normal waiting, not a failure: the reads that poll an application right after its create (read-after-write lag) and after its delete (that wait ends on the first one)" ;;
      RequestLimitExceeded)
        echo "  $code ($count): throttling, retried by the provider" ;;
      *)
        echo "  $code ($count): unexpected in a clean run: rerun with KEEP=1 and read the emulator log" ;;
    esac
  done <<<"$codes"
}

export PATH="$(go env GOPATH)/bin:$PATH"
if ! command -v terraform >/dev/null 2>&1; then
  source scripts/clis.sh
  step "terraform not on PATH: using v1.5.7 (built from the Go module proxy, about 4 minutes, unless cached in $tf157_cache)"
  tf157_start /dev/stderr
  tf157_wait /dev/null
  export PATH="$tf157_cache:$PATH"
fi

tmp=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept (KEEP=1): configuration and state in $tmp/work, CLI config $tmp/terraformrc, emulator log $tmp/emulator.log"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

step "building provider"
go build -o "$tmp/bin/terraform-provider-trtc" .

step "building emulator"
go build -o "$tmp/emulator/trtc-emulator" ./cmd/trtc-emulator

# A GET that needs neither curl nor wget: bash's /dev/tcp.
http_get() ( # host port path; prints the body
  exec 3<>"/dev/tcp/$1/$2"
  printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$3" "$1" "$2" >&3
  sed '1,/^\r\{0,1\}$/d' <&3
)

secret_id="AKIDtrtcDemo$(date +%s)"
secret_key="trtcDemoSecretKey$RANDOM$RANDOM"

step "starting emulator on a free port (propagation delay 2s-3s)"
# Port 0: the kernel picks a free port; the emulator prints "listening on http://ADDR".
"$tmp/emulator/trtc-emulator" --listen 127.0.0.1:0 \
  --secret-id "$secret_id" --secret-key "$secret_key" \
  --propagation-delay 2s-3s >"$tmp/emulator.out" 2>"$tmp/emulator.log" &
emulator_pid=$!
endpoint=""
for _ in $(seq 1 100); do
  endpoint=$(sed -n 's#^listening on \(http://[^ ]*\).*#\1#p' "$tmp/emulator.out" | head -1)
  [ -n "$endpoint" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$tmp/emulator.log" >&2; die "the emulator exited"; }
  sleep 0.1
done
[ -n "$endpoint" ] || die "the emulator did not report its address"
hostport=${endpoint#http://}
host=${hostport%:*}
port=${hostport##*:}
for _ in $(seq 1 50); do
  if http_get "$host" "$port" /_emulator/health 2>/dev/null | grep -q '"ok": *true'; then break; fi
  sleep 0.1
done
http_get "$host" "$port" /_emulator/health 2>/dev/null | grep -q '"ok": *true' || die "no answer from $endpoint/_emulator/health"
echo "emulator at $endpoint"

cat >"$tmp/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/trtc-oss/trtc" = "$tmp/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$tmp/terraformrc"
export TF_IN_AUTOMATION=1
export TRTC_ENDPOINT="$endpoint"
export TENCENTCLOUD_SECRET_ID="$secret_id"
export TENCENTCLOUD_SECRET_KEY="$secret_key"
unset TENCENTCLOUD_SECURITY_TOKEN TENCENTCLOUD_PROFILE TENCENTCLOUD_ASSUME_ROLE_ARN

cp -R examples/complete "$tmp/work"
echo "configuration: $tmp/work (a copy of examples/complete; removed at the end unless KEEP=1)"
color=()
[ -t 1 ] || color=(-no-color)
tf() { local cmd=$1; shift; terraform -chdir="$tmp/work" "$cmd" ${color[@]+"${color[@]}"} "$@"; }

step "terraform apply (examples/complete)"
tf apply -auto-approve -input=false -compact-warnings

step "terraform output"
tf output

step "terraform plan again: expecting no changes"
set +e
tf plan -detailed-exitcode -input=false -compact-warnings
plan_rc=$?
set -e
case $plan_rc in
  0) echo "no changes: the configuration is stable" ;;
  2) die "the second plan wants changes (see above)" ;;
  *) die "terraform plan failed (exit $plan_rc)" ;;
esac

step "terraform destroy"
tf destroy -auto-approve -input=false -compact-warnings

step "emulator calls per action, then stopping it"
stats=$(http_get "$host" "$port" /_emulator/stats 2>/dev/null || true)
echo "$stats"
explain_errors "$stats"
