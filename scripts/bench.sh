#!/usr/bin/env bash
# Benchmark of the provider at account scale, against the emulator (issue 7).
#
# For N = 10, 100 and 300 applications (with tags) already in state, it times
# terraform plan (refresh: the provider reads N apps) and terraform plan
# -refresh=false (no API calls), each beside the same plan of a no-op
# framework plugin of the same shape (internal/bench/noopprovider: the
# schema and state of trtc_application, a Read that keeps the state, logs
# off as the provider's when no TF_LOG asks for them), and a plan of N
# terraform_data resources (Terraform alone). Median of RUNS
# interleaved runs each, so load changes hit every kind alike. It prints our
# plan time divided by the no-op plugin's, for wall time and for CPU time
# (user + system of Terraform and its plugins: steadier on a shared
# machine), the load average around the runs, and the API calls the
# emulator counted during one refresh plan; then each provider's own side of
# one application's plan (BenchmarkPlanPath: time and allocations, the same
# calls in process). Then: how long an enable/disable
# wait lasts beyond the propagation delay, the provider's start-up cost
# (validate of a one-resource config) and the binary size. Last, the mass
# change (issue 15): MASS applications applied, then at -parallelism=MASS
# change every description (in effect at once: what Terraform itself adds),
# disable all, enable all, destroy all, then (applied anew, disabled, by a
# separate untimed apply) destroy all already disabled, with the emulator's
# real limit of 20 requests/s per action and a MASS_DELAY propagation: for
# each, the wall time, the floor (the busiest write action's calls at 20/s,
# plus one propagation per change that must take effect before the next: two
# for destroying enabled applications, which are disabled first), their
# ratio and the API calls by action.
#
# Environment: RUNS (default 5), SIZES (default "10 100 300"),
# DELAY (propagation delay of the wait test, default 5s), MASS (default 300),
# MASS_DELAY (default 30s), CASES (default "plans waits startup mass"),
# MASS_ROWS (default "describe disable enable destroy destroy-disabled"),
# KEEP=1 keeps the work directory. Needs go, terraform and curl; no network
# beyond loopback.
set -euo pipefail

RUNS=${RUNS:-5}
SIZES=${SIZES:-"10 100 300"}
DELAY=${DELAY:-5s}
MASS=${MASS:-300}
MASS_DELAY=${MASS_DELAY:-30s}
CASES=${CASES:-"plans waits startup mass"}
MASS_ROWS=${MASS_ROWS:-"describe disable enable destroy destroy-disabled"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trtc-bench.XXXXXX")
EMULATOR_PIDS=()

cleanup() {
	for pid in "${EMULATOR_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	if [[ "${KEEP:-0}" == 1 ]]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0 LC_ALL=C
unset TF_LOG TF_CLI_ARGS TF_CLI_ARGS_plan 2>/dev/null || true

# --- build ---------------------------------------------------------------
mkdir -p "$WORK/bin"
(cd "$ROOT" && go build -trimpath -ldflags "-s -w" -o "$WORK/bin/terraform-provider-trtc" .)
(cd "$ROOT" && go build -trimpath -ldflags "-s -w" -o "$WORK/bin/trtc-emulator" ./cmd/trtc-emulator)
(cd "$ROOT" && go build -trimpath -ldflags "-s -w" -o "$WORK/bin/terraform-provider-noop" ./internal/bench/noopprovider)

# dev_overrides: Terraform uses the binary just built, without init.
cat >"$WORK/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/trtc-oss/trtc" = "$WORK/bin"
    "registry.terraform.io/trtc-oss/noop" = "$WORK/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$WORK/terraformrc"

# --- helpers -------------------------------------------------------------
now_ns() { date +%s%N; }

# elapsed CMD...: runs CMD quietly, prints its wall time in seconds.
elapsed() {
	local t0 t1
	t0=$(now_ns)
	"$@" >/dev/null 2>"$WORK/last.err" || { echo "failed: $*" >&2; cat "$WORK/last.err" >&2; exit 1; }
	t1=$(now_ns)
	awk -v d=$((t1 - t0)) 'BEGIN { printf "%.3f", d / 1e9 }'
}

# median: the median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# median_of N CMD...: median wall time of N runs of CMD.
median_of() {
	local n=$1 i
	shift
	for ((i = 0; i < n; i++)); do elapsed "$@"; echo; done | median
}

# start_emulator NAME DELAY [RATE]: starts an emulator, sets URL. RATE is its
# limit per action (default 0: none).
start_emulator() {
	local log="$WORK/$1.log"
	"$WORK/bin/trtc-emulator" -listen 127.0.0.1:0 -rate-limit "${3:-0}" -propagation-delay "$2" >"$log" 2>&1 &
	EMULATOR_PIDS+=($!)
	local i
	for ((i = 0; i < 100; i++)); do
		URL=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log" 2>/dev/null | head -n1 || true)
		if [[ -n "$URL" ]] && curl -fsS "$URL/_emulator/health" >/dev/null 2>&1; then return 0; fi
		sleep 0.1
	done
	echo "emulator did not start:" >&2
	cat "$log" >&2
	exit 1
}

# total_calls: every API call the emulator counted so far.
total_calls() {
	curl -fsS "$URL/_emulator/stats" | tr -d ' \n' | sed 's/.*"calls":{\([^}]*\)}.*/\1/' | tr ',' '\n' | awk -F: '{ s += $2 } END { print s + 0 }'
}

# calls_by_action [FIELD]: "action:n" for every action the emulator counted
# (FIELD "errors": every error code it answered).
calls_by_action() {
	curl -fsS "$URL/_emulator/stats" | tr -d ' \n' | sed "s/.*\"${1:-calls}\":{\\([^}]*\\)}.*/\\1/" | tr -d '"' | tr ',' '\n' | { grep . || true; } | sort
}

# calls_since BEFORE [FIELD]: "action=n" of the calls made since BEFORE (an
# earlier calls_by_action output).
calls_since() {
	join -t: -a2 -e0 -o 0,1.2,2.2 <(echo "$1") <(calls_by_action "${2:-calls}") | awk -F: '$3 - $2 > 0 { printf "%s%s=%d", sep, $1, $3 - $2; sep = " " }'
}

provider_block() {
	cat <<EOF
terraform {
  required_providers {
    trtc = { source = "trtc-oss/trtc" }
  }
}

variable "rate_limit" {
  type    = number
  default = null
}

provider "trtc" {
  endpoint   = "$URL"
  secret_id  = "AKIDtrtcEmulatorDefaultSecretId00"
  secret_key = "trtcEmulatorDefaultSecretKey0000"
  rate_limit = var.rate_limit
}
EOF
}

# fleet_dir N: a directory with N trtc_application resources applied.
fleet_dir() {
	local n=$1 dir="$WORK/fleet$1"
	mkdir -p "$dir"
	{
		provider_block
		cat <<EOF

resource "trtc_application" "bench" {
  count   = $n
  name    = "bench\${count.index}"
  product = "RTCEngine"
  tags    = { team = "bench", index = "\${count.index}" }
}
EOF
	} >"$dir/main.tf"
	# Setup only: a high parallelism and no client-side throttling.
	(cd "$dir" && terraform apply -auto-approve -parallelism=64 -var rate_limit=1000 >"$WORK/apply$n.log" 2>&1) ||
		{ tail -n 30 "$WORK/apply$n.log" >&2; exit 1; }
	if ! (cd "$dir" && terraform plan -detailed-exitcode >/dev/null 2>&1); then
		echo "warning: the plan after applying $n applications is not empty" >&2
	fi
}

noop_dir() {
	local n=$1 dir="$WORK/noop$1"
	mkdir -p "$dir"
	cat >"$dir/main.tf" <<EOF
terraform {
  required_providers {
    noop = { source = "trtc-oss/noop" }
  }
}

resource "noop_application" "bench" {
  count   = $n
  name    = "bench\${count.index}"
  product = "RTCEngine"
  tags    = { team = "bench", index = "\${count.index}" }
}
EOF
	(cd "$dir" && terraform apply -auto-approve -parallelism=64 >/dev/null 2>&1)
}

tfdata_dir() {
	local n=$1 dir="$WORK/tfdata$1"
	mkdir -p "$dir"
	cat >"$dir/main.tf" <<EOF
resource "terraform_data" "bench" {
  count = $n
  input = "bench\${count.index}"
}
EOF
	(cd "$dir" && terraform apply -auto-approve -parallelism=64 >/dev/null 2>&1)
}

printf 'terraform %s, %s, %d runs per figure (median)\n\n' \
	"$(terraform version | head -n1 | awk '{ print $2 }')" "$(go env GOOS)/$(go env GOARCH)" "$RUNS"

has_case() { [[ " $CASES " == *" $1 "* ]]; }

# --- plans at N = 10, 100, 300 -------------------------------------------
# timed CMD...: runs CMD quietly, prints its wall time and its CPU time
# (user + system of CMD and the plugins it started), in seconds.
timed() {
	local TIMEFORMAT='%R %U %S' t
	t=$({ time "$@" >/dev/null 2>"$WORK/last.err"; } 2>&1) || { echo "failed: $*" >&2; cat "$WORK/last.err" >&2; exit 1; }
	awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.3f %.3f\n", a[1], a[2] + a[3] }'
}
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

if has_case plans; then
start_emulator plans 1s
printf '%5s | %-30s | %-30s | %-16s | %7s | %-11s |\n' "" "terraform plan (wall s)" "plan -refresh=false (wall s)" "CPU ratio" "" ""
printf '%5s | %8s %8s %12s | %8s %8s %12s | %7s %8s | %7s | %-11s | %s\n' N trtc no-op trtc/no-op trtc no-op trtc/no-op plan -refresh tf_data load "API calls in one refresh plan (trtc)"
for n in $SIZES; do
	curl -fsS -X POST "$URL/_emulator/reset" >/dev/null
	fleet_dir "$n"
	noop_dir "$n"
	tfdata_dir "$n"
	rm -f "$WORK"/t.*
	load_before=$(load)
	for ((i = 0; i < RUNS; i++)); do # interleaved, so load changes hit every kind alike
		(cd "$WORK/fleet$n" && timed terraform plan -lock=false) >>"$WORK/t.plan"
		(cd "$WORK/noop$n" && timed terraform plan -lock=false) >>"$WORK/t.noop"
		(cd "$WORK/fleet$n" && timed terraform plan -lock=false -refresh=false) >>"$WORK/t.norefresh"
		(cd "$WORK/noop$n" && timed terraform plan -lock=false -refresh=false) >>"$WORK/t.noopnorefresh"
		(cd "$WORK/tfdata$n" && timed terraform plan -lock=false) >>"$WORK/t.tfdata"
	done
	load_after=$(load)
	for k in plan noop norefresh noopnorefresh tfdata; do
		declare "wall_$k=$(cut -d' ' -f1 "$WORK/t.$k" | median)" "cpu_$k=$(cut -d' ' -f2 "$WORK/t.$k" | median)"
	done
	before=$(total_calls)
	calls_before=$(calls_by_action)
	(cd "$WORK/fleet$n" && terraform plan -lock=false >/dev/null 2>&1)
	calls=$(($(total_calls) - before))
	detail=$(calls_since "$calls_before")
	printf '%5d | %8s %8s %11sx | %8s %8s %11sx | %6sx %7sx | %7s | %-11s | %d: %s\n' "$n" \
		"$wall_plan" "$wall_noop" "$(ratio "$wall_plan" "$wall_noop")" \
		"$wall_norefresh" "$wall_noopnorefresh" "$(ratio "$wall_norefresh" "$wall_noopnorefresh")" \
		"$(ratio "$cpu_plan" "$cpu_noop")" "$(ratio "$cpu_norefresh" "$cpu_noopnorefresh")" \
		"$wall_tfdata" "$load_before-$load_after" "$calls" "$detail"
done
# The provider's side alone, in process: each case in a process of its own
# (run one after another in one process, a case inherits the garbage of the
# one before), 5 times in turn, medians.
(cd "$ROOT" && go test -c -o "$WORK/planpath.test" ./internal/bench/noopprovider)
for ((i = 0; i < 5; i++)); do
	for refresh in false true; do
		for p in trtc noop; do
			"$WORK/planpath.test" -test.run '^$' -test.bench "PlanPath/refresh=$refresh/provider=$p\$" -test.benchmem -test.benchtime 1500x
		done
	done
done >"$WORK/planpath.txt"
printf '%-28s | %12s %12s | %12s %12s\n' "one application, in process" "trtc ns" "no-op ns" "trtc allocs" "no-op allocs"
for refresh in false true; do
	med() { grep "refresh=$refresh/provider=$1-" "$WORK/planpath.txt" | awk -v f="$2" '{ for (i = 1; i <= NF; i++) if ($i == f) print $(i - 1) }' | median; }
	printf '%-28s | %12.0f %12.0f | %12.0f %12.0f   (%sx time, %sx allocations)\n' "plan, refresh=$refresh" \
		"$(med trtc ns/op)" "$(med noop ns/op)" "$(med trtc allocs/op)" "$(med noop allocs/op)" \
		"$(ratio "$(med trtc ns/op)" "$(med noop ns/op)")" "$(ratio "$(med trtc allocs/op)" "$(med noop allocs/op)")"
done
echo
fi

# --- wait overshoot ------------------------------------------------------
if has_case waits; then
start_emulator waits "$DELAY"
dir="$WORK/wait"
mkdir -p "$dir"
write_wait_config() {
	{
		provider_block
		cat <<EOF

resource "trtc_application" "wait" {
  name        = "waiter"
  product     = "RTCEngine"
  description = "$1"
  status      = "$2"
}
EOF
	} >"$dir/main.tf"
}
apply() { (cd "$dir" && elapsed terraform apply -auto-approve); }
write_wait_config d0 enabled
apply >/dev/null
write_wait_config d1 enabled
immediate=$(apply) # a change that takes effect at once: Terraform's own apply cost
write_wait_config d1 disabled
disable=$(apply)
write_wait_config d1 enabled
enable=$(apply)
delay_s=$(awk -v d="$DELAY" 'BEGIN { sub(/s$/, "", d); print d + 0 }')
awk -v i="$immediate" -v dis="$disable" -v en="$enable" -v d="$delay_s" 'BEGIN {
	allowed = (d * 0.1 > 1) ? d * 0.1 : 1
	printf "wait (propagation %.1f s, allowed overshoot %.1f s):\n", d, allowed
	printf "  apply of an immediate change (description): %.3f s\n", i
	printf "  disable apply %.3f s: overshoot %.3f s beyond the delay (%.3f s beyond delay + immediate apply)\n", dis, dis - d, dis - d - i
	printf "  enable apply  %.3f s: overshoot %.3f s beyond the delay (%.3f s beyond delay + immediate apply)\n", en, en - d, en - d - i
}'
echo
fi

# --- start-up cost and size ----------------------------------------------
if has_case startup; then
dir="$WORK/validate"
mkdir -p "$dir"
{
	provider_block
	cat <<'EOF'

resource "trtc_application" "one" {
  name    = "one"
  product = "RTCEngine"
}
EOF
} >"$dir/main.tf"
validate=$(cd "$dir" && median_of "$RUNS" terraform validate)
printf 'terraform validate of a one-resource config: %s s (median of %d)\n' "$validate" "$RUNS"
size=$(wc -c <"$WORK/bin/terraform-provider-trtc")
awk -v s="$size" 'BEGIN { printf "provider binary (-trimpath -ldflags \"-s -w\"): %.1f MB (%d bytes)\n", s / 1048576, s }'
fi

# --- mass change ---------------------------------------------------------
# mass_apply LABEL STATUS|destroy PROPAGATIONS [DESCRIPTION]: one apply at
# -parallelism=MASS, printed as a row of the table.
mass_apply() {
	local label=$1 what=$2 props=$3 dir="$WORK/mass" before errors_before t
	before=$(calls_by_action)
	errors_before=$(calls_by_action errors)
	if [[ "$what" == destroy ]]; then
		t=$(cd "$dir" && elapsed terraform destroy -auto-approve -parallelism="$MASS")
	else
		mass_config "$what" "${4:-mass_change}"
		t=$(cd "$dir" && elapsed terraform apply -auto-approve -parallelism="$MASS")
	fi
	local calls errors writes
	calls=$(calls_since "$before")
	errors=$(calls_since "$errors_before" errors)
	# The busiest write action sets the pace: actions are limited separately.
	writes=$(echo "$calls" | tr ' ' '\n' | awk -F= '$1 ~ /[.](Modify|Delete|Create|Tag|UnTag)/ && $2 > m { m = $2 } END { print m + 0 }')
	awk -v l="$label" -v t="$t" -v w="$writes" -v p="$props" -v d="$mass_delay_s" -v c="$calls" -v e="${errors:-none}" 'BEGIN {
		floor = w / 20 + p * d
		printf "%-30s | %7.1f | %7.1f | %5.2f | %s | errors: %s\n", l, t, floor, t / floor, c, e
	}'
}

# mass_config STATUS [DESCRIPTION]: MASS applications with that status.
mass_config() {
	{
		provider_block
		cat <<EOF

resource "trtc_application" "mass" {
  count   = $MASS
  name    = "mass\${count.index}"
  product = "RTCEngine"
  status      = "$1"
  description = "${2:-}"
  tags        = { team = "mass" }
}
EOF
	} >"$WORK/mass/main.tf"
}

has_row() { [[ " $MASS_ROWS " == *" $1 "* ]]; }

# mass_setup STATUS: MASS applications with that status, applied untimed.
mass_setup() {
	mass_config "$1" "first"
	(cd "$WORK/mass" && terraform apply -auto-approve -parallelism="$MASS" >"$WORK/mass-apply.log" 2>&1) ||
		{ tail -n 30 "$WORK/mass-apply.log" >&2; exit 1; }
}

if has_case mass; then
	start_emulator mass "$MASS_DELAY" 20
	mkdir -p "$WORK/mass"
	mass_delay_s=$(awk -v d="$MASS_DELAY" 'BEGIN { sub(/s$/, "", d); print d + 0 }')
	printf 'mass change: %d applications, -parallelism=%d, propagation %s, 20 requests/s per action (emulator and provider)\n' "$MASS" "$MASS" "$MASS_DELAY"
	printf 'floor = the busiest write action at 20/s + one propagation per change in sequence (destroy: disable, then delete);\n'
	printf 'the first row, a change that takes effect at once, shows what Terraform itself adds on this machine and load\n'
	printf '%-30s | %7s | %7s | %5s | %s\n' apply "wall s" "floor s" ratio "API calls by action"
	if has_row describe || has_row disable || has_row enable || has_row destroy; then
		mass_setup enabled
	fi
	if has_row describe; then mass_apply "describe all" enabled 0; fi
	if has_row disable; then mass_apply "disable all" disabled 1; fi
	if has_row enable; then mass_apply "enable all" enabled 1; fi
	if has_row destroy; then mass_apply "destroy all" destroy 2; fi
	if has_row destroy-disabled; then
		# Retiring an environment: disabled first (by another terraform
		# run, so this provider has seen no propagation), then destroyed.
		mass_setup disabled
		mass_apply "destroy all (already disabled)" destroy 1
	fi
fi
