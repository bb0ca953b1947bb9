#!/usr/bin/env bash
# Builds the FakeS3 image on a machine that cannot pull from any container registry:
#   1. a base image made from Debian packages (debootstrap minbase + libssl3 libicu72 ca-certificates
#      tzdata), imported with `docker import`; built once and reused while it exists;
#   2. the single-file server for linux-x64 from ./pack.sh (NuGet is reached by the host's dotnet, not by
#      docker), or the one FAKES3_BINARY names (CI passes the artifact it already built);
#   3. docker/Dockerfile with APP_SOURCE=prebuilt, with BuildKit (it skips the SDK stage), through buildx or,
#      where the client has no buildx, Debian's docker client (/usr/bin/docker) with DOCKER_BUILDKIT=1.
# The Debian mirror is the one apt already uses on this machine (or DEBIAN_MIRROR).
# Env: FAKES3_BASE_IMAGE (default fakes3-base:bookworm), FAKES3_IMAGE (default fakes3:local), FAKES3_BINARY.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base_image="${FAKES3_BASE_IMAGE:-fakes3-base:bookworm}"
image="${FAKES3_IMAGE:-fakes3:local}"
suite="bookworm"

log() { printf '[build-offline] %s\n' "$*" >&2; }

# First mirror URI apt uses for the release suite (deb822 *.sources first, then one-line *.list).
debian_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then printf '%s\n' "$DEBIAN_MIRROR"; return; fi
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    uri="$(awk -v suite="$suite" '
      BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; ok = 0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uris = u[1] }
          if ($i ~ /^Suites:/) { n = split($i, s, /[ \t]+/); for (j = 2; j <= n; j++) if (s[j] == suite) ok = 1 }
        }
        if (ok && uris != "") { print uris; exit }
      }' "$f")"
    if [[ -n "$uri" ]]; then printf '%s\n' "$uri"; return; fi
  done
  uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | sed -nE "s/^deb +(\[[^]]*\] +)?([a-z]+:\/\/[^ ]+) +${suite}( .*)?$/\2/p" | head -n 1)"
  if [[ -z "$uri" ]]; then log "no Debian mirror found in /etc/apt; set DEBIAN_MIRROR"; exit 1; fi
  printf '%s\n' "$uri"
}

build_base_image() {
  if docker image inspect "$base_image" >/dev/null 2>&1; then
    log "base image $base_image exists; reusing it"
    return
  fi
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install -y debootstrap)"; exit 1; }
  local mirror rootfs
  mirror="$(debian_mirror)"
  rootfs="$(mktemp -d /tmp/fakes3-rootfs.XXXXXX)"
  log "debootstrap --variant=minbase $suite (takes a minute or two)"
  debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || { tail -n 30 "$rootfs.log" >&2; exit 1; }
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  log "chroot: apt-get install libssl3 libicu72 ca-certificates tzdata"
  chroot "$rootfs" /usr/bin/env DEBIAN_FRONTEND=noninteractive bash -c \
    'apt-get update -qq && apt-get install -y -qq --no-install-recommends libssl3 libicu72 ca-certificates tzdata && apt-get clean && rm -rf /var/lib/apt/lists/*' \
    >>"$rootfs.log" 2>&1 || { tail -n 30 "$rootfs.log" >&2; exit 1; }
  : >"$rootfs/etc/resolv.conf"
  log "docker import -> $base_image"
  tar -C "$rootfs" -c . | docker import - "$base_image" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
}

stage_binary() {
  local binary="${FAKES3_BINARY:-}"
  if [[ -z "$binary" ]]; then
    log "./pack.sh --binaries-only linux-x64"
    "$repo/pack.sh" --binaries-only linux-x64
    binary="$repo/artifacts/bin/linux-x64/fakes3"
  fi
  [[ -x "$binary" ]] || { log "no executable server binary at $binary"; exit 1; }
  rm -rf "$repo/docker/out" && mkdir -p "$repo/docker/out/amd64"
  cp "$binary" "$repo/docker/out/amd64/fakes3"
}

buildkit_build() {
  if docker buildx version >/dev/null 2>&1; then
    docker buildx build --load "$@"
  elif [[ -x /usr/bin/docker ]] && DOCKER_BUILDKIT=1 /usr/bin/docker build --help >/dev/null 2>&1; then
    DOCKER_BUILDKIT=1 /usr/bin/docker build "$@"
  else
    log "BuildKit is needed (docker buildx, or Debian's docker.io client at /usr/bin/docker)"; exit 1
  fi
}

build_base_image
stage_binary
log "docker build -> $image (BuildKit, APP_SOURCE=prebuilt)"
buildkit_build -q --build-arg APP_SOURCE=prebuilt --build-arg "BASE_IMAGE=$base_image" -t "$image" -f "$repo/docker/Dockerfile" "$repo" >/dev/null
log "done: $image"
