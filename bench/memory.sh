#!/usr/bin/env bash
# Where the resident memory goes: raw Kestrel (bench/Floor), the controllers template and the API
# as its image runs it, plus variants. Each is started cold and loaded with the four tutorial
# requests (36 s in all, pinned as in bench/run.sh); then its resident memory is split, from
# /proc/PID/smaps_rollup, into anonymous pages (the GC heap, JIT'd code, the runtime's data) and
# clean pages mapped from files (assembly code).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
PORT=${PORT:-5083}
source bench/lib.sh
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
read -r -a image <<<"$(image_env)"
url="http://127.0.0.1:$PORT"

echo "Publishing the floor, the template and the API (Release)..." >&2
publish_peers
publish_api

measure() { # label dll [NAME=value...]
  local label=$1 dll=$2
  shift 2
  start_server "$dll" "$url" "$@" RequestLogging__Enabled=false
  load "$url" GET /test/42 "" 15 >/dev/null
  load "$url" POST /exemple "param1=jeej" 8 >/dev/null
  load "$url" POST /test "a=1&b=2&c=3" 8 >/dev/null
  load "$url" GET / "" 5 >/dev/null
  awk -v label="$label" -v round="$round" -v startup="$startup_ms" '
    /^Rss:/ { rss = $2 } /^Anonymous:/ { anon = $2 } /^Shared_Clean:/ { clean += $2 } /^Private_Clean:/ { clean += $2 }
    END { printf "| %s | %s | %d | %.0f | %.0f | %.0f |\n", label, round, startup, rss / 1024, anon / 1024, clean / 1024 }
  ' "/proc/$pid/smaps_rollup"
  stop_server
}

echo "| server | round | start-up ms | RSS MB | anonymous MB | clean file-backed MB |"
echo "|---|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  measure floor "$out/floor/Floor.dll"
  measure "controllers template" "$out/template/Template.dll"
  measure "API (the image)" "$out/api/Api.dll" "${image[@]}"
  measure "API, Metrics:Enabled=false" "$out/api/Api.dll" "${image[@]}" Metrics__Enabled=false
  measure "API, DOTNET_TieredPGO=0" "$out/api/Api.dll" "${image[@]}" DOTNET_TieredPGO=0
  measure "API, DOTNET_GCgen0size=0x400000" "$out/api/Api.dll" "${image[@]}" DOTNET_GCgen0size=0x400000
done
