#!/usr/bin/env bash
# Bounded load smoke on loopback: checks that the runner works end to end and that the server refuses
# every request of the must-reject workload. A few hundred requests, a few seconds.
#
#   load/smoke.sh [endpoint]
#
# Without an endpoint, src/FakeS3.Server is started on 127.0.0.1 (a free port, or SMOKE_PORT) with a temporary data file.
# Exit code: non-zero when a run fails its verdict (errors, accepted must-reject requests, corrupt data).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=load/lib.sh
. "$repo/load/lib.sh"
endpoint="${1:-}"
work="$(mktemp -d /tmp/fakes3-smoke.XXXXXX)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$repo/load/FakeS3.Load/FakeS3.Load.csproj" -c Release -nologo -v quiet >/dev/null
if [[ -z "$endpoint" ]]; then
  endpoint="http://127.0.0.1:${SMOKE_PORT:-$(free_port)}"
  dotnet build "$repo/src/FakeS3.Server/FakeS3.Server.csproj" -c Release -nologo -v quiet >/dev/null
  dotnet "$repo/src/FakeS3.Server/bin/Release/net10.0/FakeS3.Server.dll" --urls "$endpoint" --FakeS3:DataPath "$work/fakes3.db" >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_http "$endpoint/" 100 || true # a server that never answers fails the runs below, with their reports
fi

runner=(timeout 120 dotnet "$repo/load/FakeS3.Load/bin/Release/net10.0/FakeS3.Load.dll"
  --endpoint "$endpoint" --access-key "${FAKES3_ACCESS_KEY:-fakes3}" --secret-key "${FAKES3_SECRET_KEY:-fakes3secret}"
  --region "${FAKES3_REGION:-us-east-1}" --bucket load-smoke --warmup 0s --concurrency 4 --fail-on-error
  --report-dir "${SMOKE_REPORT_DIR:-$repo/artifacts/load/smoke}")
status=0
# name:requests[:object size]. The 64 MiB GETs, 4 at a time, once broke LiteDB's page cache (fixed by one lock
# around every LiteDB call); they stay here as a regression check.
for scenario in presigned-put:200 presigned-get:200 post-policy:100 sdk-put:100 large-get:24:64MiB must-reject:140; do
  IFS=: read -r name count size <<<"$scenario"
  extra=()
  [[ -n "$size" ]] && extra=(--object-size "$size")
  if "${runner[@]}" --scenario "$name" --requests "$count" "${extra[@]}" >"$work/$name.out" 2>&1; then
    printf '[smoke] %-14s passed  (%s)\n' "$name" "$(grep -m1 -E '^\| [0-9]' "$work/$name.out" || true)"
  else
    status=1
    printf '[smoke] %-14s FAILED\n' "$name"
    sed -n '/^# Load report/,$p' "$work/$name.out" | head -n 40
    grep -E 'setup or read-back failed' "$work/$name.out" || true
  fi
done
exit "$status"
