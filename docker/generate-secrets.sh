#!/usr/bin/env bash
# Draws the keys docker/compose.yaml mounts as container secrets, into docker/secrets/ (git-ignored):
# the token HMAC key, the idempotency encryption key (AES-256) and the checkpoint signing key pair
# (Ed25519, PKCS#8 / X.509 DER, base64). Keeps existing files: a new token key invalidates every token,
# a new signing key every checkpoint's signer. Needs openssl.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"
mkdir -p "${dir}"
chmod 700 "${dir}"
umask 077
draw() { [ -s "${dir}/$1" ] && echo "kept ${dir}/$1" || { "${@:2}" > "${dir}/$1"; echo "drew ${dir}/$1"; }; }
draw token-hmac-secret openssl rand -base64 48
draw idempotency-encryption-key openssl rand -base64 32
if [ ! -s "${dir}/audit-signing-private-key" ]; then
    pem="$(openssl genpkey -algorithm ed25519)"
    printf '%s\n' "${pem}" | openssl pkey -outform DER | openssl base64 -A > "${dir}/audit-signing-private-key"
    printf '%s\n' "${pem}" | openssl pkey -pubout -outform DER | openssl base64 -A > "${dir}/audit-signing-public-key"
    echo "drew ${dir}/audit-signing-private-key and its public key"
fi
