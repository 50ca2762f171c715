# Sourced by scripts/test.sh and scripts/acc-matrix.sh: where the Terraform
# and OpenTofu CLIs of the test matrix come from. Nothing here is
# downloaded but Go modules.

# Terraform 1.5.7, the oldest the README supports, is built from the Go
# module proxy once (about 4 minutes) into a cache outside the clone, which
# later runs and fresh clones on the same machine reuse.
tf157_cache="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-trtc/terraform-1.5.7"
tf157="$tf157_cache/terraform"
tf157_pid=

tf157_cached() { # grep reads all: with -q, terraform could die of SIGPIPE and fail the pipe
  [ -x "$tf157" ] && CHECKPOINT_DISABLE=1 "$tf157" version 2>/dev/null | grep '^Terraform v1\.5\.7$' >/dev/null
}

# tf157_start builds Terraform 1.5.7 in the background unless cached; its
# output goes to $1. tf157_wait waits for it.
tf157_start() {
  tf157_cached && return 0
  mkdir -p "$tf157_cache"
  (
    staging=$(mktemp -d "$tf157_cache/.build.XXXXXX")
    GOBIN="$staging" go install github.com/hashicorp/terraform@v1.5.7 &&
      mv -f "$staging/terraform" "$tf157" # atomic: a concurrent run sees a whole binary or none
    status=$?
    rm -rf "$staging"
    exit $status
  ) >"$1" 2>&1 &
  tf157_pid=$!
}

tf157_wait() {
  if [ -n "$tf157_pid" ]; then
    wait "$tf157_pid" || { echo "building terraform 1.5.7 failed:"; cat "$1"; return 1; }
    tf157_pid=
  fi
  tf157_cached || { echo "$tf157 is not terraform 1.5.7"; return 1; }
}

# The CLIs built for tests next to the clone, as CI has them (README there);
# SHARED_TOOLS points elsewhere (a git worktree in another folder).
shared_tools=${SHARED_TOOLS:-../shared/tools}

# shared_tool unpacks $shared_tools/<name>-linux-amd64.xz into dir $2,
# checks its sha256 and prints the binary's path; it prints nothing when
# there is no such file (a user's clone).
shared_tool() {
  local name=$1 dir=$2 xz="$shared_tools/$1-linux-amd64.xz"
  [ -f "$xz" ] || return 0
  local bin="$dir/${name%%-*}" # terraform-1.14.9 → terraform, tofu-1.12.6 → tofu
  mkdir -p "$dir"
  xz -dc "$xz" >"$bin"
  chmod +x "$bin"
  local sums
  sums=$(realpath "${xz%.xz}.sha256")
  (cd "$dir" && sha256sum --quiet -c "$sums") >&2 || { echo "$xz: sha256 mismatch" >&2; return 1; }
  echo "$bin"
}

# newest_tofu names the newest OpenTofu of $shared_tools (tofu-1.12.6), or
# nothing.
newest_tofu() {
  local f
  f=$(ls "$shared_tools"/tofu-*-linux-amd64.xz 2>/dev/null | sort -V | tail -1)
  [ -n "$f" ] && basename "$f" -linux-amd64.xz
  return 0
}

# cli_name prints "Terraform 1.11.4" or "OpenTofu 1.12.6" for a binary. An
# empty CLI configuration keeps OpenTofu's warning about a missing
# TF_CLI_CONFIG_FILE out of its output.
cli_name() {
  TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$1" version | sed -nE 's/^(Terraform|OpenTofu) v(.*)$/\1 \2/p'
}
