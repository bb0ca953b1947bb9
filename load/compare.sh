#!/usr/bin/env bash
# FakeS3 next to bare Kestrel (load/baseline), moto and s3rver, same machine, same run, same tools:
#   wrk (1 thread, 16 connections, median of rounds) for presigned GET 4 KiB, PUT 64 KiB, POST-policy 4 KiB on
#   every server, and presigned GET 64 MiB (4 connections) against bare Kestrel serving 64 MiB from memory;
#   the C# runner (load/FakeS3.Load) for SDK PutObject (aws-chunked), the mixed workload, large PUTs and GETs,
#   GET 4 KiB during four 64 MiB PUT streams, must-reject; peak RSS of FakeS3 during a 1 GiB PUT then GET;
#   load/FakeS3.StorageCeiling (raw LiteDB next to FakeS3's store); the scale measurement (100,000 keys) and
#   start-up time with them.
# Prints the tables and writes docs/benchmarks.md with the machine, date, conditions and commands.
#
# Env: COMPARE_DURATION (10s), COMPARE_REPS (5), COMPARE_WARMUP (5s, one uncounted wrk round per server and load),
#      COMPARE_CONNECTIONS (16), COMPARE_RSS_SIZE (1GiB), COMPARE_WRITE_DOCS (1), COMPARE_CEILING_SECONDS (5),
#      COMPARE_SCALE_KEYS (100000; 0 skips the scale part), COMPARE_SCALE_WALK_LIMIT (60s per listing walk),
#      COMPARE_BEFORE_REF: a git ref of this repo also built and measured in the same run (the "before" column),
#      COMPARE_OTHERS (1: moto and s3rver too, when moto_server/python moto and npm are there; 0: skip them),
#      COMPARE_TOOLS_DIR (~/.cache/fakes3-compare: where s3rver is npm-installed once),
#      COMPARE_SOAK (300s: the mixed soak with RSS sampled every second, on FakeS3 after the scale part; 0 skips it).
# Traffic goes to 127.0.0.1 only. Needs: dotnet, wrk (apt-get install -y wrk), python3 with boto3, curl.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=load/lib.sh
. "$repo/load/lib.sh"
duration="${COMPARE_DURATION:-10s}"
reps="${COMPARE_REPS:-5}"
conns="${COMPARE_CONNECTIONS:-16}"
warmup="${COMPARE_WARMUP:-5s}"
rss_size="${COMPARE_RSS_SIZE:-1GiB}"
scale_keys="${COMPARE_SCALE_KEYS:-100000}"
tools="${COMPARE_TOOLS_DIR:-$HOME/.cache/fakes3-compare}"
ak=fakes3 sk=fakes3secret region=us-east-1 bucket=bench
work="$(mktemp -d /tmp/fakes3-compare.XXXXXX)"
declare -A pid url kind
servers=()

log() { printf '[compare] %s\n' "$*" >&2; }
cleanup() {
  local s
  for s in "${!pid[@]}"; do kill "${pid[$s]}" 2>/dev/null || true; done
  for s in "${!pid[@]}"; do wait "${pid[$s]}" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { log "wrk is missing: apt-get install -y wrk"; exit 1; }

# json FILE EXPR: evaluates a Python expression over a JSON report r.
json() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"r": r}))' "$@" 2>/dev/null || echo ""; }
median() { sort -n | awk 'NF {v[++n]=$1} END {if (n) print v[int((n+1)/2)]}'; }
record() { printf '%s\n' "$*" >>"$work/commands.txt"; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(loadavg)

# --- builds ---------------------------------------------------------------------------------------------
log "building (Release)"
dotnet build "$repo/load/FakeS3.Load/FakeS3.Load.csproj" -c Release -nologo -v quiet >/dev/null
dotnet build "$repo/load/baseline/Baseline.csproj" -c Release -nologo -v quiet >/dev/null
runner=(dotnet "$repo/load/FakeS3.Load/bin/Release/net10.0/FakeS3.Load.dll")
# The server project: src/FakeS3.Server (src/FakeS3 before the packaging split, e.g. for COMPARE_BEFORE_REF).
publish_server() { # source-root out-dir
  local project="$1/src/FakeS3.Server/FakeS3.Server.csproj"
  [[ -f "$project" ]] || project="$1/src/FakeS3/FakeS3.csproj"
  dotnet publish "$project" -c Release -o "$2" -nologo -v quiet >/dev/null
}
server_dll() { if [[ -f "$1/FakeS3.Server.dll" ]]; then echo "$1/FakeS3.Server.dll"; else echo "$1/FakeS3.dll"; fi; }
publish_server "$repo" "$work/fakes3"
before_label=""
if [[ -n "${COMPARE_BEFORE_REF:-}" ]]; then
  before_label="$(git -C "$repo" rev-parse --short "$COMPARE_BEFORE_REF")"
  log "building FakeS3 at $before_label (the before column)"
  mkdir -p "$work/before-src"
  git -C "$repo" archive "$COMPARE_BEFORE_REF" | tar -x -C "$work/before-src"
  # Today's ceiling tool against that store (it uses only store APIs that existed then).
  rm -rf "$work/before-src/load/FakeS3.StorageCeiling"
  cp -r "$repo/load/FakeS3.StorageCeiling" "$work/before-src/load/"
  rm -rf "$work/before-src/load/FakeS3.StorageCeiling/bin" "$work/before-src/load/FakeS3.StorageCeiling/obj"
  publish_server "$work/before-src" "$work/before"
fi

# --- servers --------------------------------------------------------------------------------------------
start_fakes3() { # name dll-dir
  local name=$1 port; port=$(free_port)
  mkdir -p "$work/data-$name"
  dotnet "$(server_dll "$2")" --urls "http://127.0.0.1:$port" --FakeS3:DataPath "$work/data-$name/fakes3.db" >"$work/$name.log" 2>&1 &
  pid[$name]=$!; url[$name]="http://127.0.0.1:$port"; kind[$name]=fakes3; servers+=("$name")
}
start_fakes3 fakes3 "$work/fakes3"
[[ -n "$before_label" ]] && start_fakes3 before "$work/before"
bport=$(free_port)
dotnet "$repo/load/baseline/bin/Release/net10.0/Baseline.dll" --urls "http://127.0.0.1:$bport" >"$work/kestrel.log" 2>&1 &
pid[kestrel]=$!; url[kestrel]="http://127.0.0.1:$bport"; kind[kestrel]=kestrel; servers+=(kestrel)
if [[ "${COMPARE_OTHERS:-1}" == 1 ]]; then
  if command -v moto_server >/dev/null || python3 -c 'import moto.server' 2>/dev/null; then
    mport=$(free_port)
    if command -v moto_server >/dev/null; then moto_server -H 127.0.0.1 -p "$mport" >"$work/moto.log" 2>&1 &
    else python3 -m moto.server -H 127.0.0.1 -p "$mport" >"$work/moto.log" 2>&1 & fi
    pid[moto]=$!; url[moto]="http://127.0.0.1:$mport"; kind[moto]=other; servers+=(moto)
  else
    log "moto is missing (pip install 'moto[server]'): its column stays empty"
  fi
  if [[ ! -x "$tools/s3rver/node_modules/.bin/s3rver" ]] && command -v npm >/dev/null; then
    log "installing s3rver into $tools/s3rver (npm, once)"
    mkdir -p "$tools/s3rver"
    npm install --prefix "$tools/s3rver" --no-audit --no-fund s3rver@3 >"$work/npm.log" 2>&1 || log "npm install s3rver failed"
  fi
  if [[ -x "$tools/s3rver/node_modules/.bin/s3rver" ]]; then
    sport=$(free_port); mkdir -p "$work/s3rver-data"
    node "$tools/s3rver/node_modules/.bin/s3rver" -d "$work/s3rver-data" -a 127.0.0.1 -p "$sport" --silent >"$work/s3rver.log" 2>&1 &
    pid[s3rver]=$!; url[s3rver]="http://127.0.0.1:$sport"; kind[s3rver]=other; servers+=(s3rver)
  else
    log "s3rver is missing (npm): its column stays empty"
  fi
fi
for s in "${servers[@]}"; do wait_http "${url[$s]}/" || { log "no answer from $s at ${url[$s]}"; exit 1; }; done
log "servers: $(for s in "${servers[@]}"; do printf '%s=%s ' "$s" "${url[$s]}"; done)"

# results.tsv: load, tool, unit, target, note, then server=value pairs
results="$work/results.tsv"; : >"$results"; : >"$work/commands.txt"
row() { local IFS=$'\t'; printf '%s\n' "$*" >>"$results"; }

# --- peak RSS of each FakeS3 during a 1 GiB PUT then GET (first, on the fresh processes) ---------------
rss_of() { # name -> prints "MiB|note"
  local name=$1 p=${pid[$1]} sampler
  echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true   # reset VmHWM to the current RSS
  echo 0 >"$work/rss.max"
  ( max=0; while kill -0 "$p" 2>/dev/null; do
      v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
      (( v > max )) && max=$v && echo "$max" >"$work/rss.max"
      sleep 0.1
    done ) &
  sampler=$!
  "${runner[@]}" --endpoint "${url[$name]}" --bucket "$bucket" --scenario large-put --object-size "$rss_size" --requests 1 \
    --concurrency 1 --warmup 0s --report-dir "$work/rss-$name" >"$work/rss-$name.out" 2>&1 || log "$name: 1 GiB PUT/GET failed"
  local hwm; hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  local sampled; sampled=$(cat "$work/rss.max")
  echo "$(( (hwm > sampled ? hwm : sampled) / 1024 ))|$(json "$work/rss-$name/large-put.json" '"%d checked, %d corrupted" % (r["integrity"]["checked"], r["integrity"]["corrupted"])')"
}
log "peak RSS: $rss_size PUT then GET"
record "${runner[*]} --endpoint <fakes3> --bucket $bucket --scenario large-put --object-size $rss_size --requests 1 --concurrency 1 --warmup 0s"
cols=(); notes=""
for s in fakes3 before; do
  [[ -n "${pid[$s]:-}" ]] || continue
  IFS='|' read -r mib note < <(rss_of "$s"); cols+=("$s=$mib"); notes+="$s: $note; "
done
row "peak RSS, $rss_size PUT then GET" VmHWM MiB "<150" "read-back: $notes" "${cols[@]}"

# --- wrk: the same scripts against every server ----------------------------------------------------------
log "presigning (boto3, s3v4, path style)"
for s in "${servers[@]}"; do
  a=$ak; k=$sk
  [[ $s == s3rver ]] && a=S3RVER k=S3RVER   # s3rver knows only its own access key id
  python3 "$repo/load/bench/presign.py" "${url[$s]}" "$bucket" "$work/w-$s" "$a" "$k" "$region" >"$work/presign-$s.log" 2>&1 \
    || { log "presign/seed failed on $s (see $work/presign-$s.log)"; }
done

wrk_run() { # server kind duration -> prints "value non2xx" (req/s, or MiB/s for large)
  local dir="$work/w-$1" out
  [[ -f "$dir/get.url" ]] || { echo " "; return; }
  case $2 in
    get)   out=$(wrk -t1 -c"$conns" -d"$3" "$(cat "$dir/get.url")") ;;
    put)   out=$(wrk -t1 -c"$conns" -d"$3" -s "$repo/load/bench/put.lua" "$(cat "$dir/put.url")") ;;
    post)  out=$(BENCH_DIR="$dir" wrk -t1 -c"$conns" -d"$3" -s "$repo/load/bench/post.lua" "$(cat "$dir/post.url")") ;;
    large) out=$(wrk -t1 -c4 -d"$3" --timeout 30s "$(cat "$dir/large.url")") ;;
  esac
  local value bad
  if [[ $2 == large ]]; then
    value=$(awk '/^Transfer\/sec:/ {v=$2; u=v; gsub(/[0-9.]/, "", u); sub(/[A-Za-z]+$/, "", v);
                 f = (u=="GB") ? 1024 : (u=="MB") ? 1 : (u=="KB") ? 1/1024 : 1/1048576; printf "%.1f", v*f}' <<<"$out")
  else
    value=$(sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p' <<<"$out")
  fi
  bad=$(sed -nE 's/.*Non-2xx or 3xx responses: *([0-9]+).*/\1/p' <<<"$out" | head -n 1)
  echo "${value:- } ${bad:-0}"
}

declare -A wrk_label=([get]="presigned GET 4 KiB" [put]="presigned PUT 64 KiB" [post]="POST policy 4 KiB" [large]="presigned GET 64 MiB")
declare -A wrk_unit=([get]="req/s" [put]="req/s" [post]="req/s" [large]="MiB/s")
for w in get put post large; do
  log "wrk $w: warm-up ($warmup each)"
  for s in "${servers[@]}"; do wrk_run "$s" "$w" "$warmup" >/dev/null; : >"$work/wrk-$w-$s"; done
  declare -A non2xx=()
  for rep in $(seq 1 "$reps"); do
    log "wrk $w, round $rep/$reps"
    for s in "${servers[@]}"; do
      read -r v bad < <(wrk_run "$s" "$w" "$duration")
      [[ -n "${v// }" ]] && echo "$v" >>"$work/wrk-$w-$s"
      non2xx[$s]=$(( ${non2xx[$s]:-0} + ${bad:-0} ))
    done
  done
  cols=(); note=""
  for s in "${servers[@]}"; do
    cols+=("$s=$(median <"$work/wrk-$w-$s")")
    (( ${non2xx[$s]} > 0 )) && note+="$s answered ${non2xx[$s]} non-2xx; "
  done
  unset non2xx
  row "${wrk_label[$w]}" wrk "${wrk_unit[$w]}" "" "$note" "${cols[@]}"
done
record "wrk -t1 -c$conns -d$duration '<presigned GET url>'"
record "wrk -t1 -c$conns -d$duration -s load/bench/put.lua '<presigned PUT url>'"
record "BENCH_DIR=<dir> wrk -t1 -c$conns -d$duration -s load/bench/post.lua '<bucket url>'"
record "wrk -t1 -c4 -d$duration --timeout 30s '<presigned GET url of a 64 MiB object>'"

# --- the C# runner ---------------------------------------------------------------------------------------
run_runner() { # name server args... -> report under $work/r-name-server
  local name=$1 s=$2; shift 2
  local cmd=("${runner[@]}" --endpoint "${url[$s]}" --bucket "$bucket" --duration "$duration" --warmup 2s --report-dir "$work/r-$name-$s" "$@")
  [[ ${kind[$s]} == kestrel ]] && cmd+=(--skip-verify)
  [[ $s == fakes3 ]] && echo "${cmd[*]}" | sed "s#$work#<tmp>#g; s#$repo/##g; s#${url[$s]}#<fakes3>#g" >>"$work/commands.txt"
  "${cmd[@]}" >"$work/r-$name-$s.out" 2>&1 || true
}
runner_servers=()
for s in "${servers[@]}"; do [[ ${kind[$s]} != other ]] && runner_servers+=("$s"); done

for spec in "sdk-put|SDK PutObject 4 KiB (aws-chunked)|req/s|requestsPerSecond|--concurrency $conns" \
            "mixed|mixed 60/20/10/10 4 KiB|req/s|requestsPerSecond|--concurrency $conns" \
            "large-put|presigned PUT 64 MiB|MB/s|megabytesPerSecond|--concurrency 4 --object-size 64MiB" \
            "large-get|presigned GET 64 MiB, every byte compared|MB/s|megabytesPerSecond|--concurrency 4 --object-size 64MiB"; do
  IFS='|' read -r scen label unit field args <<<"$spec"
  log "runner $scen"
  cols=(); note=""
  for s in "${runner_servers[@]}"; do
    [[ $scen == large-get && ${kind[$s]} == kestrel ]] && continue   # compares bytes the baseline does not store
    # shellcheck disable=SC2086
    run_runner "$scen" "$s" --scenario "$scen" $args
    j="$work/r-$scen-$s/$scen.json"
    cols+=("$s=$(json "$j" "r['$field']")")
    [[ ${kind[$s]} == fakes3 ]] && note+="$s: $(json "$j" '"%d failed, verdict %s" % (r["failed"], "passed" if r["verdict"]["passed"] else "FAILED")'); "
  done
  row "$label" runner "$unit" "" "$note" "${cols[@]}"
done

log "runner get-during-put (FakeS3)"
cols=(); alone=(); note=""
for s in fakes3 before; do
  [[ -n "${pid[$s]:-}" ]] || continue
  run_runner get-during-put "$s" --scenario get-during-put --concurrency "$conns"
  j="$work/r-get-during-put-$s/get-during-put.json"
  cols+=("$s=$(json "$j" 'r["getDuringRequestsPerSecond"]')"); alone+=("$s=$(json "$j" 'r["getAloneRequestsPerSecond"]')")
  note+="$s: $(json "$j" '"%s failed GETs, PUT %s MB/s meanwhile" % (r["failedGets"], r["putMegabytesPerSecond"])'); "
done
row "GET 4 KiB alone (runner)" runner req/s "" "" "${alone[@]}"
row "GET 4 KiB during 4 × 64 MiB PUT streams" runner req/s "" "$note" "${cols[@]}"

log "runner must-reject (FakeS3)"
run_runner must-reject fakes3 --scenario must-reject --concurrency "$conns"
mj="$work/r-must-reject-fakes3/must-reject.json"
row "must-reject (7 kinds)" runner req/s "" \
  "$(json "$mj" '"%d refused, %d accepted, %d errors: %s" % (r["rejectedAsExpected"], r["acceptedButMustBeRejected"], r["failedRequests"], "passed" if r["verdict"]["passed"] else "FAILED")')" \
  "fakes3=$(json "$mj" 'r["requestsPerSecond"]')"

# --- storage ceilings (no HTTP): raw LiteDB and FakeS3's store ------------------------------------------
ceiling_seconds="${COMPARE_CEILING_SECONDS:-5}"
run_ceiling() { # name source-root mode
  local dir="$2/load/FakeS3.StorageCeiling"
  dotnet build "$dir/FakeS3.StorageCeiling.csproj" -c Release -nologo -v quiet >/dev/null
  local cmd=(dotnet "$dir/bin/Release/net10.0/FakeS3.StorageCeiling.dll" --mode "$3" --seconds "$ceiling_seconds" --data "$work/ceiling-$1.db" --json "$work/ceiling-$1.json")
  echo "${cmd[*]}" | sed "s#$work#<tmp>#g; s#$repo/##g" >>"$work/commands.txt"
  "${cmd[@]}" >"$work/ceiling-$1.md" 2>&1 || log "storage ceiling $1 failed"
  rm -f "$work/ceiling-$1.db" "$work/ceiling-$1-log.db"
}
log "storage ceilings (raw LiteDB and FakeS3's store, no HTTP)"
run_ceiling fakes3 "$repo" both
[[ -n "$before_label" ]] && run_ceiling before "$work/before-src" store

# --- scale: 100,000 keys, then start-up time with them ------------------------------------------------------
startup_of() { # name dll-dir: restarts it on its full data file; writes the seconds until its first HTTP answer
  local name=$1
  kill "${pid[$name]}"; wait "${pid[$name]}" 2>/dev/null || true
  local t0; t0=$(date +%s.%N)
  dotnet "$(server_dll "$2")" --urls "${url[$name]}" --FakeS3:DataPath "$work/data-$name/fakes3.db" >>"$work/$name.log" 2>&1 &
  pid[$name]=$!
  for _ in $(seq 1 3000); do curl -s -o /dev/null --max-time 1 "${url[$name]}/" && break; sleep 0.01; done
  python3 -c "import sys,time; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$t0" >"$work/startup-$name"
}
if (( scale_keys > 0 )); then
  # This commit only: seeding and walking 100,000 keys takes minutes per server.
  for s in fakes3; do
    log "scale: $scale_keys keys on $s (seeding, then every listing walked, each walk stopped after ${COMPARE_SCALE_WALK_LIMIT:-60s})"
    cmd=("${runner[@]}" --endpoint "${url[$s]}" --bucket scale --scenario scale --keys "$scale_keys" --concurrency 32 \
         --walk-limit "${COMPARE_SCALE_WALK_LIMIT:-60s}" --report-dir "$work/r-scale-$s")
    [[ $s == fakes3 ]] && echo "${cmd[*]}" | sed "s#$work#<tmp>#g; s#$repo/##g; s#${url[$s]}#<fakes3>#g" >>"$work/commands.txt"
    "${cmd[@]}" >"$work/r-scale-$s.out" 2>&1 || log "scale on $s failed: $(tail -n 3 "$work/r-scale-$s.out")"
    dir="$work/fakes3"; [[ $s == before ]] && dir="$work/before"
    log "start-up with $scale_keys objects: $s"
    startup_of "$s" "$dir"
    # Issue 14's walk target is for the first walk after a start: the runner finds its seed and only walks.
    log "scale: the first walks after that start ($s)"
    "${runner[@]}" --endpoint "${url[$s]}" --bucket scale --scenario scale --keys "$scale_keys" --concurrency 32 \
      --walk-limit "${COMPARE_SCALE_WALK_LIMIT:-60s}" --report-dir "$work/r-scale-restart-$s" >"$work/r-scale-restart-$s.out" 2>&1 \
      || log "scale walk after the restart on $s failed: $(tail -n 3 "$work/r-scale-restart-$s.out")"
  done
  record "restart of FakeS3 on the scale data file: seconds until the first HTTP answer (curl every 10 ms)"
  record "the same scale command again right after that restart (seed found: walks only), report in r-scale-restart-fakes3"
fi

# --- soak: the mixed workload for COMPARE_SOAK (5 minutes), RSS every second (FakeS3, this commit) ---------------
soak="${COMPARE_SOAK:-300s}"
if [[ "$soak" != 0 ]]; then
  log "soak: mixed workload for $soak on fakes3, RSS sampled every second"
  p=${pid[fakes3]}
  echo 5 >"/proc/$p/clear_refs" 2>/dev/null || true   # VmHWM from here on
  ( while kill -0 "$p" 2>/dev/null; do awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null; sleep 1; done ) >"$work/soak-rss.txt" &
  sampler=$!
  soak_cmd=("${runner[@]}" --endpoint "${url[fakes3]}" --bucket "$bucket" --scenario mixed --duration "$soak" --warmup 2s
            --concurrency "$conns" --report-dir "$work/r-soak-fakes3")
  echo "${soak_cmd[*]}" | sed "s#$work#<tmp>#g; s#$repo/##g; s#${url[fakes3]}#<fakes3>#g" >>"$work/commands.txt"
  "${soak_cmd[@]}" >"$work/r-soak-fakes3.out" 2>&1 || log "soak failed: $(tail -n 3 "$work/r-soak-fakes3.out")"
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  # peak MiB | growth over the last minute (its highest RSS minus the highest before it, MiB) | req/s
  python3 - "$work/soak-rss.txt" "$hwm" "$work/r-soak-fakes3/mixed.json" >"$work/soak" <<'PY'
import json, sys
kib = [int(l) for l in open(sys.argv[1]) if l.strip().isdigit()]
peak = max(kib + [int(sys.argv[2] or 0)]) / 1024
last, before = kib[-60:], kib[:-60]
growth = (max(last) - max(before)) / 1024 if before and last else float("nan")
try:
    rps = json.load(open(sys.argv[3]))["requestsPerSecond"]
except Exception:  # noqa: BLE001 - a failed soak leaves no report
    rps = float("nan")
print(f"{peak:.1f}|{growth:.1f}|{rps:.0f}|{len(kib)}")
PY
fi

echo "$load_start at the start, $(loadavg) at the end (1/5/15 min)" >"$work/loadavg"

# --- the tables --------------------------------------------------------------------------------------------
python3 "$repo/load/bench/render.py" "$work" "$repo/docs/benchmarks.md" "${COMPARE_WRITE_DOCS:-1}" \
  "$duration" "$reps" "$conns" "$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$before_label" "$scale_keys"
