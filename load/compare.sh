#!/usr/bin/env bash
# FakeS3 next to bare Kestrel (load/baseline), same machine, same run, same tools:
#   wrk (1 thread, 16 connections, median of 3) for raw presigned GET 4 KiB, presigned PUT 64 KiB and
#   POST-policy 4 KiB; the C# runner (load/FakeS3.Load) for SDK PutObject (aws-chunked), the mixed
#   workload and large PUTs (large GETs on FakeS3 only); peak RSS of FakeS3 during a 1 GiB PUT then GET; the must-reject workload.
# Prints the ratio table and writes it to docs/benchmarks.md with the machine, date and commands.
#
# Env: COMPARE_DURATION (10s), COMPARE_REPS (5), COMPARE_WARMUP (5s, one uncounted wrk round per server and load), COMPARE_CONNECTIONS (16), FAKES3_PORT, BASELINE_PORT (default: free ports),
#      COMPARE_RSS_SIZE (1GiB), COMPARE_WRITE_DOCS (1),
#      FAKES3_URL: use an already running endpoint instead of starting src/FakeS3.Server (no RSS measurement).
# Traffic goes to 127.0.0.1 only. Needs: dotnet, wrk (apt-get install -y wrk), python3 with boto3.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=load/lib.sh
. "$repo/load/lib.sh"
duration="${COMPARE_DURATION:-10s}"
reps="${COMPARE_REPS:-5}"
conns="${COMPARE_CONNECTIONS:-16}"
fport="${FAKES3_PORT:-$(free_port)}"
bport="${BASELINE_PORT:-$(free_port)}"
rss_size="${COMPARE_RSS_SIZE:-1GiB}"
ak=fakes3 sk=fakes3secret region=us-east-1 bucket=bench
work="$(mktemp -d /tmp/fakes3-compare.XXXXXX)"
pids=()

log() { printf '[compare] %s\n' "$*" >&2; }
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { log "wrk is missing: apt-get install -y wrk"; exit 1; }

# json FILE EXPR: evaluates a Python expression over the runner's JSON report r.
json() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"r": r}))' "$@" 2>/dev/null || echo "n/a"; }

wait_up() { wait_http "$1" || { log "no answer from $1"; return 1; }; }

log "building (Release)"
dotnet build "$repo/load/FakeS3.Load/FakeS3.Load.csproj" -c Release -nologo -v quiet >/dev/null
dotnet build "$repo/load/baseline/Baseline.csproj" -c Release -nologo -v quiet >/dev/null
runner=(dotnet "$repo/load/FakeS3.Load/bin/Release/net10.0/FakeS3.Load.dll")

fpid=""
if [[ -n "${FAKES3_URL:-}" ]]; then
  furl="${FAKES3_URL%/}"
  log "using the running endpoint $furl (no RSS measurement)"
else
  dotnet publish "$repo/src/FakeS3.Server/FakeS3.Server.csproj" -c Release -o "$work/fakes3" -nologo -v quiet >/dev/null
  mkdir -p "$work/data"
  furl="http://127.0.0.1:$fport"
  dotnet "$work/fakes3/FakeS3.Server.dll" --urls "$furl" --FakeS3:DataPath "$work/data/fakes3.db" >"$work/fakes3.log" 2>&1 &
  fpid=$!; pids+=("$fpid")
fi
burl="http://127.0.0.1:$bport"
dotnet "$repo/load/baseline/bin/Release/net10.0/Baseline.dll" --urls "$burl" >"$work/baseline.log" 2>&1 &
pids+=("$!")
wait_up "$furl/"
wait_up "$burl/"

results="$work/results.tsv"   # load, tool, fakes3 value, baseline value, unit, target ratio, note
commands="$work/commands.txt"
: >"$results"; : >"$commands"

# --- peak RSS of FakeS3 during a 1 GiB PUT then GET (first, on the fresh process) --------------------
rss_mib="n/a"
if [[ -n "$fpid" ]]; then
  log "peak RSS: $rss_size PUT then GET (read-back) through the runner"
  echo 5 >"/proc/$fpid/clear_refs" 2>/dev/null || true   # reset VmHWM to the current RSS
  ( max=0; while kill -0 "$fpid" 2>/dev/null; do
      v=$(awk '/^VmRSS:/ {print $2}' "/proc/$fpid/status" 2>/dev/null || echo 0)
      (( v > max )) && max=$v && echo "$max" >"$work/rss.max"
      sleep 0.1
    done ) &
  sampler=$!
  cmd=("${runner[@]}" --endpoint "$furl" --bucket "$bucket" --scenario large-put --object-size "$rss_size" --requests 1 --concurrency 1 --warmup 0s --report-dir "$work/rss")
  echo "${cmd[*]}" >>"$commands"
  "${cmd[@]}" >"$work/rss.out" 2>&1 || { log "1 GiB PUT/GET failed:"; tail -n 20 "$work/rss.out" >&2; }
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$fpid/status")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  sampled=$(cat "$work/rss.max" 2>/dev/null || echo 0)
  peak=$(( hwm > sampled ? hwm : sampled ))
  rss_mib=$(( peak / 1024 ))
  printf 'peak RSS, %s PUT then GET\tVmHWM\t%s\t\tMiB\t<150 MiB\t%s\n' "$rss_size" "$rss_mib" \
    "$(json "$work/rss/large-put.json" '"PUT + read-back GET: %d checked, %d corrupted, verdict %s" % (r["integrity"]["checked"], r["integrity"]["corrupted"], "passed" if r["verdict"]["passed"] else "FAILED")')" >>"$results"
fi

# --- wrk: presigned GET / PUT / POST ----------------------------------------------------------------
log "presigning (boto3, s3v4, path style)"
python3 "$repo/load/bench/presign.py" "$furl" "$bucket" "$work/f" "$ak" "$sk" "$region"
python3 "$repo/load/bench/presign.py" "$burl" "$bucket" "$work/b" "$ak" "$sk" "$region"

wrk_rps() { # dir kind -> prints "req/s non2xx"
  local dir=$1 kind=$2 url out
  case $kind in
    get)  url=$(cat "$dir/get.url");  out=$(wrk -t1 -c"$conns" -d"$duration" "$url") ;;
    put)  url=$(cat "$dir/put.url");  out=$(wrk -t1 -c"$conns" -d"$duration" -s "$repo/load/bench/put.lua" "$url") ;;
    post) url=$(cat "$dir/post.url"); out=$(BENCH_DIR="$dir" wrk -t1 -c"$conns" -d"$duration" -s "$repo/load/bench/post.lua" "$url") ;;
  esac
  printf '%s %s\n' "$(sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p' <<<"$out")" \
    "$(sed -nE 's/.*Non-2xx or 3xx responses: *([0-9]+).*/\1/p' <<<"$out" | head -n 1)"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

declare -A wrk_label=([get]="presigned GET 4 KiB" [put]="presigned PUT 64 KiB" [post]="POST policy 4 KiB")
declare -A wrk_target=([get]="0.6" [put]="0.5" [post]="0.4")
warmup="${COMPARE_WARMUP:-5s}"
for kind in get put post; do
  : >"$work/$kind.f"; : >"$work/$kind.b"; non2xx=0
  # One uncounted round per server first: both JIT-compile and tier up (PGO) before anything is measured.
  log "wrk $kind, warm-up ($warmup each)"
  duration="$warmup" wrk_rps "$work/f" "$kind" >/dev/null
  duration="$warmup" wrk_rps "$work/b" "$kind" >/dev/null
  for rep in $(seq 1 "$reps"); do
    log "wrk $kind, round $rep/$reps"
    read -r rps bad < <(wrk_rps "$work/f" "$kind"); echo "$rps" >>"$work/$kind.f"; non2xx=$(( non2xx + ${bad:-0} ))
    read -r rps _ < <(wrk_rps "$work/b" "$kind"); echo "$rps" >>"$work/$kind.b"
  done
  note=""; (( non2xx > 0 )) && note="FakeS3 answered $non2xx non-2xx responses: its number is not a success rate"
  printf '%s\twrk\t%s\t%s\treq/s\t%s\t%s\n' "${wrk_label[$kind]}" "$(median <"$work/$kind.f")" "$(median <"$work/$kind.b")" "${wrk_target[$kind]}" "$note" >>"$results"
done
echo "wrk -t1 -c$conns -d$duration '<presigned GET url>'" >>"$commands"
echo "wrk -t1 -c$conns -d$duration -s load/bench/put.lua '<presigned PUT url>'" >>"$commands"
echo "BENCH_DIR=<dir> wrk -t1 -c$conns -d$duration -s load/bench/post.lua '<bucket url>'" >>"$commands"

# --- the C# runner: SDK PutObject, mixed, large PUT, must-reject ------------------------------------
run_runner() { # name endpoint extra-args... -> report json path
  local name=$1 endpoint=$2; shift 2
  local cmd=("${runner[@]}" --endpoint "$endpoint" --bucket "$bucket" --duration "$duration" --warmup 2s --report-dir "$work/$name" "$@")
  echo "${cmd[*]}" | sed "s#$work#<tmp>#g; s#$repo/##g" >>"$commands"
  "${cmd[@]}" >"$work/$name.out" 2>&1 || true
}

for spec in "sdk-put|SDK PutObject 4 KiB (aws-chunked)|--concurrency $conns" \
            "mixed|mixed 60/20/10/10 4 KiB|--concurrency $conns" \
            "large-put|presigned PUT 64 MiB|--concurrency 4 --object-size 64MiB"; do
  IFS='|' read -r scen label args <<<"$spec"
  log "runner $scen"
  # shellcheck disable=SC2086
  run_runner "f-$scen" "$furl" --scenario "$scen" $args
  # shellcheck disable=SC2086
  run_runner "b-$scen" "$burl" --scenario "$scen" $args --skip-verify
  fj="$work/f-$scen/$scen.json"; bj="$work/b-$scen/$scen.json"
  unit="req/s"; expr='r["requestsPerSecond"]'
  [[ $scen == large-put ]] && unit="MB/s" && expr='r["megabytesPerSecond"]'
  printf '%s\trunner\t%s\t%s\t%s\t\t%s\n' "$label" "$(json "$fj" "$expr")" "$(json "$bj" "$expr")" "$unit" \
    "$(json "$fj" '"FakeS3: %d failed, verdict %s" % (r["failed"], "passed" if r["verdict"]["passed"] else "FAILED")')" >>"$results"
done

log "runner large-get (FakeS3 only: the baseline has no large objects)"
run_runner "f-large-get" "$furl" --scenario large-get --concurrency 4 --object-size 64MiB
lj="$work/f-large-get/large-get.json"
printf 'presigned GET 64 MiB\trunner\t%s\t\tMB/s\t\t%s\n' "$(json "$lj" 'r["megabytesPerSecond"]')" \
  "$(json "$lj" '"FakeS3 only; every byte compared: %d failed, verdict %s" % (r["failed"], "passed" if r["verdict"]["passed"] else "FAILED")')" >>"$results"

log "runner must-reject (FakeS3 only)"
run_runner "f-must-reject" "$furl" --scenario must-reject --concurrency "$conns"
mj="$work/f-must-reject/must-reject.json"
printf 'must-reject (7 kinds)\trunner\t%s\t\treq/s\t\t%s\n' "$(json "$mj" 'r["requestsPerSecond"]')" \
  "$(json "$mj" '"%d refused, %d accepted, %d errors: %s" % (r["rejectedAsExpected"], r["acceptedButMustBeRejected"], r["failedRequests"], "passed" if r["verdict"]["passed"] else "FAILED")')" >>"$results"

# --- storage write ceiling (no HTTP): what LiteDB lets FakeS3 commit at all on this machine ---------------
log "storage write ceiling (load/FakeS3.StorageCeiling, no HTTP)"
dotnet build "$repo/load/FakeS3.StorageCeiling/FakeS3.StorageCeiling.csproj" -c Release -nologo -v quiet >/dev/null
ceiling_cmd=(dotnet "$repo/load/FakeS3.StorageCeiling/bin/Release/net10.0/FakeS3.StorageCeiling.dll" --seconds 5 --data "$work/ceiling.db")
echo "${ceiling_cmd[*]}" | sed "s#$work#<tmp>#g; s#$repo/##g" >>"$commands"
"${ceiling_cmd[@]}" >"$work/ceiling.md" 2>&1 || log "storage ceiling run failed"

# --- the table ----------------------------------------------------------------------------------------
python3 "$repo/load/bench/render.py" "$results" "$commands" "$repo/docs/benchmarks.md" "${COMPARE_WRITE_DOCS:-1}" \
  "$duration" "$reps" "$conns" "$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$work/ceiling.md"
