#!/usr/bin/env bash
# Core FakeS3 flows with the AWS CLI (default settings): mb, cp (single and multipart), s3api put-object with a
# checksum, presign + download, rb. Env: FAKES3_ENDPOINT, FAKES3_ACCESS_KEY, FAKES3_SECRET_KEY, FAKES3_REGION.
set -euo pipefail
endpoint="${FAKES3_ENDPOINT:-http://127.0.0.1:4568}"
export AWS_ACCESS_KEY_ID="${FAKES3_ACCESS_KEY:-fakes3}" AWS_SECRET_ACCESS_KEY="${FAKES3_SECRET_KEY:-fakes3secret}"
export AWS_DEFAULT_REGION="${FAKES3_REGION:-us-east-1}" AWS_REGION="${FAKES3_REGION:-us-east-1}"
work="$(mktemp -d)"
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials" AWS_PAGER=""
bucket="cli-flows-$(date +%s)-$RANDOM"
aws() { command aws --endpoint-url "$endpoint" "$@"; }
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; exit 1; }
cleanup() { aws s3 rb "s3://$bucket" --force >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

aws s3 mb "s3://$bucket" >/dev/null && ok "s3 mb s3://$bucket"

printf 'My test put/get/post' > "$work/small.txt"
aws s3 cp "$work/small.txt" "s3://$bucket/mytest/small.txt" >/dev/null && ok "s3 cp (single PUT, default checksum)"
aws s3 cp "s3://$bucket/mytest/small.txt" "$work/small.back" >/dev/null
cmp -s "$work/small.txt" "$work/small.back" && ok "s3 cp download round-trips" || fail "downloaded file differs"

head -c $((9 * 1024 * 1024)) /dev/urandom > "$work/big.bin"
aws s3 cp "$work/big.bin" "s3://$bucket/big.bin" >/dev/null && ok "s3 cp 9 MiB (multipart upload)"
etag="$(aws s3api head-object --bucket "$bucket" --key big.bin --query ETag --output text)"
[[ "$etag" == *-2\" || "$etag" == *-2 ]] && ok "multipart ETag $etag" || fail "expected a 2-part ETag, got $etag"
aws s3 cp "s3://$bucket/big.bin" "$work/big.back" >/dev/null
cmp -s "$work/big.bin" "$work/big.back" && ok "multipart object round-trips" || fail "multipart download differs"

aws s3api put-object --bucket "$bucket" --key api.txt --body "$work/small.txt" --checksum-algorithm SHA256 >/dev/null && ok "s3api put-object --checksum-algorithm SHA256"
sha="$(aws s3api head-object --bucket "$bucket" --key api.txt --checksum-mode ENABLED --query ChecksumSHA256 --output text)"
expected="$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha256(open(sys.argv[1],"rb").read()).digest()).decode())' "$work/small.txt")"
[[ "$sha" == "$expected" ]] && ok "head-object returns the SHA256 checksum" || fail "ChecksumSHA256 $sha, expected $expected"

url="$(aws s3 presign "s3://$bucket/mytest/small.txt" --expires-in 60)"
# fetch: prints "<status> <body>" (python3 instead of curl: one fewer tool to install)
fetch() { python3 -c 'import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1]); print(r.status, r.read().decode(errors="replace"))
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode(errors="replace"))' "$1"; }
body="$(fetch "$url")"
[[ "$body" == "200 My test put/get/post" ]] && ok "s3 presign URL downloads the object" || fail "presigned GET answered: $body"
tampered="$(fetch "${url/Signature=/Signature=AAAA}")"
status="${tampered%% *}"
[[ "$status" == 403 ]] && ok "tampered presigned URL is rejected (403)" || fail "tampered presigned URL answered $status"

aws s3 rb "s3://$bucket" --force >/dev/null && ok "s3 rb --force"
echo "cli flows: all checks passed"
