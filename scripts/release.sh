#!/usr/bin/env bash
# `make release`: a snapshot release in the registry's layout into dist/
# (.goreleaser.yml): one zip per platform, _SHA256SUMS, its detached GPG
# signature _SHA256SUMS.sig and _manifest.json, plus signing-key.asc, the
# public key a registry serves for it (not a release asset); and one
# trtc-emulator_<version>_<os>_<arch>.tar.gz per platform with its .sig.
# A full release is then checked against the registries' asset rules
# (TestReleaseLayout in internal/registry).
#
# Signing key: GPG_FINGERPRINT names a key of the caller's keyring (as in
# CI). Without it, a throwaway key is made in a temporary GNUPGHOME and
# deleted afterwards: fine for testing the layout, never for publishing.
# TRTC_RELEASE_QUICK=1 builds only linux_amd64 and darwin_arm64 (make test).
# TRTC_RELEASE_PUBLISH=1 (.github/workflows/release.yml) releases the tag
# for real, as a GitHub draft.
set -euo pipefail
cd "$(dirname "$0")/.."

goreleaser=(go run github.com/goreleaser/goreleaser/v2@v2.17.0)
mode=(--snapshot)
if [ "${TRTC_RELEASE_PUBLISH:-}" = 1 ]; then
  [ -n "${GPG_FINGERPRINT:-}" ] || { echo "TRTC_RELEASE_PUBLISH=1 needs GPG_FINGERPRINT" >&2; exit 1; }
  [ -z "${TRTC_RELEASE_QUICK:-}" ] || { echo "TRTC_RELEASE_PUBLISH=1 publishes every platform: unset TRTC_RELEASE_QUICK" >&2; exit 1; }
  mode=()
fi

# goreleaser reads the remote's URL, and without one (a local clone) drops
# all git facts, commit and date included, in a snapshot: name the project's
# repository for this process only (no network is used).
if [ -z "$(git remote)" ]; then
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.url GIT_CONFIG_VALUE_0=https://github.com/trtc-oss/terraform-provider-trtc.git
fi

if [ -z "${GPG_FINGERPRINT:-}" ]; then
  GNUPGHOME=$(mktemp -d)
  export GNUPGHOME
  trap 'gpgconf --kill gpg-agent >/dev/null 2>&1 || true; rm -rf "$GNUPGHOME"' EXIT
  # RSA: the Terraform registry takes RSA or DSA keys only.
  gpg --batch --quiet --passphrase '' --quick-gen-key \
    "terraform-provider-trtc snapshot (throwaway) <snapshot@trtc.invalid>" rsa3072 sign 1d
  GPG_FINGERPRINT=$(gpg --batch --list-secret-keys --with-colons | awk -F: '$1 == "fpr" { print $10; exit }')
  export GPG_FINGERPRINT
  echo "NOTE: GPG_FINGERPRINT not set: signing with a THROWAWAY key $GPG_FINGERPRINT made for this run (deleted at exit); its public key goes to dist/signing-key.asc. Not for publishing."
fi

"${goreleaser[@]}" release "${mode[@]}" --clean

version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json)
[ -n "$version" ] || { echo "no version in dist/metadata.json" >&2; exit 1; }
# goreleaser lists the manifest in the SHA256SUMS but only uploads it:
# put the same bytes beside the zips.
cp terraform-registry-manifest.json "dist/terraform-provider-trtc_${version}_manifest.json"
gpg --batch --armor --export "$GPG_FINGERPRINT" >dist/signing-key.asc

echo "release $version in dist/:"
find dist -maxdepth 1 -type f \( -name '*.zip' -o -name '*.tar.gz' -o -name '*.sig' -o -name '*SHA256SUMS' -o -name '*manifest.json' -o -name '*.asc' \) \
  -printf '%10s  %f\n' | sort -k2

# make test's quick release is checked by the tests that install it.
if [ -z "${TRTC_RELEASE_QUICK:-}" ]; then
  echo "checking the layout against the registries' rules (every platform, emulator included)"
  TF_ACC=1 TRTC_RELEASE_FULL=1 TRTC_RELEASE_DIR="$PWD/dist" go test -count=1 -run '^TestReleaseLayout$' ./internal/registry/
fi
