#!/usr/bin/env bash
# Builds the artifacts users install (README "Install"):
#   artifacts/packages/*.nupkg    FakeS3, FakeS3.AWSSDK, FakeS3.Testcontainers (libraries) and FakeS3.Tool (dotnet tool)
#   artifacts/bin/<rid>/fakes3    self-contained single-file server for each runtime identifier
# Usage: ./pack.sh [--packages-only | --binaries-only] [rid ...]
# RIDs: the arguments, else FAKES3_RIDS, else every runtime whose packs NuGet serves here (all build offline).
# The version comes from Directory.Build.props (VersionPrefix); VERSION_SUFFIX=ci.1 makes a prerelease.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages=1 binaries=1 rids=()
for arg in "$@"; do
  case "$arg" in
    --packages-only) binaries=0 ;;
    --binaries-only) packages=0 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) rids+=("$arg") ;;
  esac
done
((${#rids[@]})) || read -r -a rids <<<"${FAKES3_RIDS:-linux-x64 linux-arm64 linux-musl-x64 osx-x64 osx-arm64 win-x64}"

log() { printf '[pack] %s\n' "$*" >&2; }
suffix=()
[[ -n "${VERSION_SUFFIX:-}" ]] && suffix=(--version-suffix "$VERSION_SUFFIX")

if ((packages)); then
  rm -rf artifacts/packages && mkdir -p artifacts/packages
  for project in src/FakeS3 src/FakeS3.AWSSDK src/FakeS3.Testcontainers src/FakeS3.Server; do
    log "dotnet pack $project"
    dotnet pack "$project" -c Release -o artifacts/packages "${suffix[@]}" -v quiet -nologo
  done
  ls -1 artifacts/packages >&2
fi

if ((binaries)); then
  for rid in "${rids[@]}"; do
    out="artifacts/bin/$rid"
    log "dotnet publish src/FakeS3.Server -r $rid (self-contained, single file) -> $out/fakes3"
    rm -rf "$out" && mkdir -p "$out"
    # Not trimmed: LiteDB maps records by reflection, and trimming would have to be proven by every test.
    dotnet publish src/FakeS3.Server -c Release -r "$rid" --self-contained -p:PublishSingleFile=true \
      -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -p:GenerateDocumentationFile=false \
      "${suffix[@]}" -o "$out" -v quiet -nologo
    exe=""; [[ "$rid" == win-* ]] && exe=".exe"
    mv "$out/FakeS3.Server$exe" "$out/fakes3$exe"
    ls -l "$out" >&2
  done
fi
