#!/usr/bin/env bash
# Tests FakeS3 as users install it: from the built artifacts, never from project references.
#   library    fresh xunit projects in a temp folder restore FakeS3 + FakeS3.AWSSDK from a local feed of
#              artifacts/packages: net8.0 with AWSSDK.S3 3.7, net10.0 with AWSSDK.S3 4.x (presigned PUT/GET,
#              accepted and rejected POST policy, clock)
#   tool       FakeS3.Tool installs into a temp tool path; `fakes3 --help` works; fakes3 starts, prints a usable
#              endpoint and answers a presigned GET (boto3 signs)
#   container  (only with a Docker engine and the image) FakeS3.Testcontainers starts the image; a test uses it
#              end to end; the image has no .NET runtime (the single-file binary runs on the bare base)
# Usage: tests/Packaging/run.sh [library] [tool] [container]   (default: all)
# Env: FAKES3_IMAGE (default fakes3:local). Packages come from artifacts/packages (./pack.sh makes them).
# Prints one line per check and ends with "packaging: N passed, N failed"; exit 1 when a check failed.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=load/lib.sh
. "$repo/load/lib.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
feed="$repo/artifacts/packages"
image="${FAKES3_IMAGE:-fakes3:local}"
checks=("$@"); ((${#checks[@]})) || checks=(library tool container)
work="$(mktemp -d /tmp/fakes3-packaging.XXXXXX)"
passed=0 failed=0 server_pid=""

log() { printf '[packaging] %s\n' "$*" >&2; }
pass() { passed=$((passed + 1)); echo "[packaging] PASS $*"; }
fail() { failed=$((failed + 1)); echo "[packaging] FAIL $*"; }
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

version="$(ls "$feed"/FakeS3.Tool.*.nupkg 2>/dev/null | head -n 1 | sed -E 's/.*FakeS3\.Tool\.(.+)\.nupkg$/\1/')"
if [[ -z "$version" ]]; then
  fail "no packages in artifacts/packages (run ./pack.sh first)"
  echo "packaging: $passed passed, $failed failed"; exit 1
fi
log "packages $version from $feed"
# The local feed beside the machine's usual sources; the CI version suffix keeps these packages apart from any
# same-named package elsewhere and from earlier builds in the global packages folder.
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="fakes3-artifacts" value="$feed" />
  </packageSources>
</configuration>
XML

# Runs dotnet test in a copy of a consumer project; one PASS/FAIL with the test counts.
consumer_test() {
  local name="$1" source="$2"; shift 2
  local dir="$work/${name//[^A-Za-z0-9.]/-}"
  mkdir -p "$dir" && cp "$source"/*.cs "$source"/*.csproj "$dir/" && cp "$work/nuget.config" "$dir/"
  if (cd "$dir" && timeout 600 dotnet test -c Release -p:FakeS3Version="$version" "$@" --logger "console;verbosity=normal" >"$dir/test.log" 2>&1); then
    pass "$name ($(grep -E '^ *Passed: [0-9]+' "$dir/test.log" | tail -n 1 | sed -E 's/^ +//') tests)"
  else
    fail "$name (log follows)"; tail -n 40 "$dir/test.log"
  fi
}

run_library() {
  # A machine without a .NET 8 runtime runs the net8.0 build of the package on the newest runtime.
  if ! dotnet --list-runtimes | grep -q '^Microsoft.AspNetCore.App 8\.'; then
    log "no .NET 8 runtime here: the net8.0 consumer runs with DOTNET_ROLL_FORWARD=Major"
    export DOTNET_ROLL_FORWARD=Major
  fi
  consumer_test "library net8.0 + AWSSDK.S3 3.7" "$repo/tests/Packaging/Library" -p:ConsumerTfm=net8.0 -p:AwsSdkVersion=3.7.511.8
  unset DOTNET_ROLL_FORWARD
  consumer_test "library net10.0 + AWSSDK.S3 4.x" "$repo/tests/Packaging/Library" -p:ConsumerTfm=net10.0 -p:AwsSdkVersion=4.1.0
}

run_tool() {
  local tools="$work/tools" port endpoint
  if ! (cd "$work" && timeout 300 dotnet tool install FakeS3.Tool --version "$version" --tool-path "$tools" >"$work/tool-install.log" 2>&1); then
    fail "tool: dotnet tool install FakeS3.Tool $version"; tail -n 20 "$work/tool-install.log"; return
  fi
  if "$tools/fakes3" --help >"$work/help.txt" 2>&1 && grep -q '^Usage: fakes3' "$work/help.txt" && grep -q -- '--FakeS3:Buckets' "$work/help.txt"; then
    pass "tool: fakes3 --help lists the options"
  else
    fail "tool: fakes3 --help"; head -n 20 "$work/help.txt"
  fi
  port="$(free_port)"; endpoint="http://127.0.0.1:$port"
  "$tools/fakes3" --urls "$endpoint" --FakeS3:DataPath="$work/tool.db" --FakeS3:Buckets:0=uploads >"$work/tool.log" 2>&1 &
  server_pid=$!
  if ! wait_http "$endpoint/" 100; then fail "tool: fakes3 did not answer on $endpoint"; tail -n 20 "$work/tool.log"; return; fi
  if grep -qE "endpoint: +$endpoint " "$work/tool.log"; then pass "tool: banner prints $endpoint"; else fail "tool: banner endpoint"; cat "$work/tool.log"; fi
  if FAKES3_ENDPOINT="$endpoint" python3 - <<'PY' >"$work/tool-get.log" 2>&1
import os, urllib.request
import boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1",
                  aws_access_key_id="fakes3", aws_secret_access_key="fakes3secret",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
s3.put_object(Bucket="uploads", Key="tool.txt", Body=b"served by the tool")
url = s3.generate_presigned_url("get_object", Params={"Bucket": "uploads", "Key": "tool.txt"}, ExpiresIn=300)
body = urllib.request.urlopen(url).read()
assert body == b"served by the tool", body
PY
  then pass "tool: presigned GET answered"; else fail "tool: presigned GET"; cat "$work/tool-get.log"; fi
  kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""
}

run_container() {
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    fail "container: image $image not found (docker/build-offline.sh builds it)"; return
  fi
  if docker run --rm --entrypoint bash "$image" -c '! command -v dotnet && [ ! -e /usr/share/dotnet ] && [ -x /app/fakes3 ]' >/dev/null 2>&1; then
    pass "container: $image runs the single-file binary without a .NET runtime"
  else
    fail "container: $image has a .NET runtime or no /app/fakes3"
  fi
  # Ryuk (Testcontainers' reaper) is an image from a registry; the test disposes its container itself.
  # Testcontainers 4.16 speaks Docker API 1.44 unless told otherwise; Debian's docker.io 20.10 stops at 1.41.
  local api; api="$(docker version --format '{{.Server.APIVersion}}' 2>/dev/null)"
  if [[ -n "$api" ]] && python3 -c "import sys; sys.exit(0 if tuple(map(int, '$api'.split('.'))) < (1, 44) else 1)"; then
    log "Docker engine API $api: DOCKER_API_VERSION=$api for Testcontainers"
    export DOCKER_API_VERSION="$api"
  fi
  FAKES3_IMAGE="$image" TESTCONTAINERS_RYUK_DISABLED=true consumer_test "container: FakeS3.Testcontainers end to end" "$repo/tests/Packaging/Container"
}

for check in "${checks[@]}"; do
  case "$check" in
    library) run_library ;;
    tool) run_tool ;;
    container) run_container ;;
    *) fail "unknown check $check" ;;
  esac
done
# this run's packages out of the global packages folder (a CI version suffix differs per run)
for id in fakes3 fakes3.awssdk fakes3.testcontainers fakes3.tool; do
  [[ "$version" == *-ci.* ]] && rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/$id/$version"
done
echo "packaging: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
