#!/usr/bin/env bash
# Core FakeS3 flows with s3cmd (Debian package), once signing SigV4 and once SigV2 (signature_v2 = True): mb, put
# (single and multipart), ls, get, info, setacl, cp, del, rb, signurl. s3cmd signs SigV2's x-amz-date as
# "Sun, 29 Nov 2026 09:04:02 +0000": a value with a comma, which must not be split (issue 12).
# Env: FAKES3_ENDPOINT, FAKES3_ACCESS_KEY, FAKES3_SECRET_KEY, FAKES3_REGION.
set -euo pipefail
endpoint="${FAKES3_ENDPOINT:-http://127.0.0.1:4568}"
hostport="${endpoint#http://}"
work="$(mktemp -d)"
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; exit 1; }
trap 'rm -rf "$work"' EXIT

printf 'My test put/get/post' > "$work/small.txt"
head -c $((17 * 1024 * 1024)) /dev/urandom > "$work/big.bin"

for mode in v4 v2; do
  cfg="$work/s3cfg-$mode"
  cat > "$cfg" <<EOF
[default]
access_key = ${FAKES3_ACCESS_KEY:-fakes3}
secret_key = ${FAKES3_SECRET_KEY:-fakes3secret}
host_base = $hostport
host_bucket = $hostport
bucket_location = ${FAKES3_REGION:-us-east-1}
use_https = False
signature_v2 = $([ "$mode" = v2 ] && echo True || echo False)
multipart_chunk_size_mb = 5
EOF
  s3() { s3cmd -c "$cfg" --no-progress "$@"; }
  bucket="s3cmd-$mode-$(date +%s)-$RANDOM"
  cleanup_bucket() { s3 rb --recursive --force "s3://$bucket" >/dev/null 2>&1 || true; }
  trap 'cleanup_bucket; rm -rf "$work"' EXIT

  s3 mb "s3://$bucket" >/dev/null && ok "[$mode] mb s3://$bucket"
  s3 put "$work/small.txt" "s3://$bucket/dir/small text.txt" >/dev/null && ok "[$mode] put (single PUT, key with a space)"
  s3 ls "s3://$bucket/dir/" | grep "small text.txt" >/dev/null && ok "[$mode] ls lists the object" || fail "[$mode] ls does not list the object"
  s3 get --force "s3://$bucket/dir/small text.txt" "$work/small.back" >/dev/null
  cmp -s "$work/small.txt" "$work/small.back" && ok "[$mode] get round-trips" || fail "[$mode] get returned other bytes"
  s3 info "s3://$bucket/dir/small text.txt" | grep "File size: 20" >/dev/null && ok "[$mode] info (HEAD + ACL)" || fail "[$mode] info"
  s3 put "$work/big.bin" "s3://$bucket/big.bin" >/dev/null && ok "[$mode] put 17 MiB (multipart, 5 MiB parts)"
  s3 get --force "s3://$bucket/big.bin" "$work/big.back" >/dev/null
  cmp -s "$work/big.bin" "$work/big.back" && ok "[$mode] multipart object round-trips" || fail "[$mode] multipart download differs"
  s3 cp "s3://$bucket/dir/small text.txt" "s3://$bucket/copy.txt" >/dev/null && ok "[$mode] cp (CopyObject)"
  s3 setacl --acl-private "s3://$bucket/copy.txt" >/dev/null && ok "[$mode] setacl (PutObjectAcl)"
  s3 ls | grep "s3://$bucket" >/dev/null && ok "[$mode] ls (ListBuckets)" || fail "[$mode] ListBuckets misses the bucket"
  url="$(s3 signurl "s3://$bucket/copy.txt" +60)"
  [ "$(curl -s "$url")" = "My test put/get/post" ] && ok "[$mode] signurl (SigV2 query) downloads" || fail "[$mode] signurl: $url"
  s3 del "s3://$bucket/copy.txt" >/dev/null && ok "[$mode] del"
  if s3 get --force "s3://$bucket/copy.txt" "$work/gone" >/dev/null 2>&1; then fail "[$mode] deleted object still readable"; fi
  ok "[$mode] deleted object answers an error"
  s3 del --recursive --force "s3://$bucket/" >/dev/null
  s3 rb "s3://$bucket" >/dev/null && ok "[$mode] rb"
done
echo "s3cmd flows: all checks passed"
