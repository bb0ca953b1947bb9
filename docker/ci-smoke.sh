#!/usr/bin/env bash
# CI: install docker (and debootstrap) when missing, start dockerd when it is not running, build the image
# offline, run it on 127.0.0.1, wait until healthy, run a command against it, stop everything it started.
#
#   docker/ci-smoke.sh [command args...]
#
# The command sees FAKES3_ENDPOINT (http://127.0.0.1:<port>), FAKES3_ACCESS_KEY, FAKES3_SECRET_KEY and
# FAKES3_REGION. Without a command, the bounded load smoke (load/smoke.sh) runs against the container.
# Env: FAKES3_CI_PORT (default: a free port), FAKES3_IMAGE (default fakes3:local).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=load/lib.sh
. "$repo/load/lib.sh"
port="${FAKES3_CI_PORT:-$(free_port)}"
image="${FAKES3_IMAGE:-fakes3:local}"
container="fakes3-ci-$$"
dockerd_pid=""
dockerd_log="$(mktemp /tmp/fakes3-dockerd.XXXXXX.log)"

log() { printf '[ci-smoke] %s\n' "$*" >&2; }

cleanup() {
  local rc=$?
  if docker inspect "$container" >/dev/null 2>&1; then
    if [[ $rc -ne 0 ]]; then log "container logs:"; docker logs --tail 50 "$container" >&2 || true; fi
    docker rm -f "$container" >/dev/null 2>&1 || true
  fi
  if [[ -n "$dockerd_pid" ]]; then
    log "stopping dockerd (pid $dockerd_pid)"
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  exit "$rc"
}
trap cleanup EXIT

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  dockerd >"$dockerd_log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 150); do docker info >/dev/null 2>&1 && break; sleep 0.2; done
  docker info >/dev/null 2>&1 || { log "dockerd did not start"; tail -n 30 "$dockerd_log" >&2; exit 1; }
fi

"$repo/docker/build-offline.sh"

log "docker run $image on 127.0.0.1:$port"
docker run -d --name "$container" -p "127.0.0.1:$port:4568" "$image" >/dev/null
for _ in $(seq 1 120); do
  status="$(docker inspect --format '{{.State.Health.Status}}' "$container" 2>/dev/null || echo gone)"
  [[ "$status" == healthy ]] && break
  [[ "$status" == gone || "$(docker inspect --format '{{.State.Running}}' "$container")" != true ]] && { log "container stopped"; exit 1; }
  sleep 0.5
done
[[ "$status" == healthy ]] || { log "container never became healthy ($status)"; exit 1; }
log "healthy"

export FAKES3_ENDPOINT="http://127.0.0.1:$port"
export FAKES3_ACCESS_KEY="${FAKES3_ACCESS_KEY:-fakes3}" FAKES3_SECRET_KEY="${FAKES3_SECRET_KEY:-fakes3secret}" FAKES3_REGION="${FAKES3_REGION:-us-east-1}"
if (($#)); then
  log "running: $*"
  "$@"
else
  "$repo/load/smoke.sh" "$FAKES3_ENDPOINT"
fi
