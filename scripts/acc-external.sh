#!/usr/bin/env bash
# The acceptance suite in external mode (TRTC_ACC_EXTERNAL=1) against an
# emulator started as a separate process: the public signed API only, as
# against a real account, so that path cannot rot. Prints how many tests
# ran and how many skipped, grouped by why, then sweeps what is left.
# Called by scripts/test.sh; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
emu_pid=
cleanup() {
  if [ -n "$emu_pid" ]; then kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/trtc-emulator" ./cmd/trtc-emulator
go build -o "$work/trtc-sweep" ./internal/acctest/cmd/trtc-sweep
"$work/trtc-emulator" --listen 127.0.0.1:0 --propagation-delay 1s >"$work/emulator.out" 2>"$work/emulator.log" &
emu_pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on //p' "$work/emulator.out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the emulator did not start:"; cat "$work/emulator.log"; exit 1; }
echo "emulator process at $url (propagation 1s)"

export TF_ACC=1 TRTC_ACC_EXTERNAL=1 TRTC_ACC_ALLOW_COSTS=1 TRTC_ACC_PROPAGATION=1s TRTC_ENDPOINT="$url"
export TENCENTCLOUD_SECRET_ID=AKIDtrtcEmulatorDefaultSecretId00 TENCENTCLOUD_SECRET_KEY=trtcEmulatorDefaultSecretKey0000
unset TENCENTCLOUD_SECURITY_TOKEN TENCENTCLOUD_ASSUME_ROLE_ARN TENCENTCLOUD_PROFILE
status=0
go test -count=1 -v -timeout 30m -run "${ACC_RUN:-^TestAcc}" ./internal/provider/ >"$work/test.log" 2>&1 || status=$?

# Top-level results only ("--- PASS: TestX"), not subtests (indented).
ran=$(grep -c '^--- PASS: ' "$work/test.log" || true)
failed=$(grep -c '^--- FAIL: ' "$work/test.log" || true)
skipped=$(grep -c '^--- SKIP: ' "$work/test.log" || true)
echo "external mode: $ran passed, $failed failed, $skipped skipped"
if [ "$skipped" -gt 0 ]; then
  echo "skipped, by reason:"
  # The reason is the test's last log line ("    file.go:NN: reason"). Parallel
  # tests interleave: "=== RUN/CONT/NAME TestX" says whose lines follow.
  awk '/^=== (RUN|CONT|NAME|PAUSE) /{cur=$3} /^ +[^ ]+\.go:[0-9]+: /{last[cur]=$0}
       /^--- SKIP: /{r=last[$3]; sub(/^ *[^ ]*\.go:[0-9]+: /, "", r); print r}' "$work/test.log" \
    | sed -E 's/"[^"]*"/"..."/g; s/ [0-9]+ / N /g' | sort | uniq -c | sort -rn
fi
if [ "$status" -ne 0 ]; then
  grep -E '^(--- FAIL|FAIL|panic)|_test\.go:[0-9]+:' "$work/test.log" | grep -v -- '--- SKIP' | head -60
  echo "external-mode acceptance run failed (exit $status)"
  exit "$status"
fi

# A clean run leaves nothing behind: the sweeper finds no tfacc_ application.
"$work/trtc-sweep" --timeout 2m | tail -1
