#!/usr/bin/env bash
# Throughput, latency, start-up and memory of the API against raw Kestrel (bench/Floor) and the
# controllers template with the tutorial's routes (bench/Template), side by side in one run: each
# server pinned to CPU 1 and wrk to CPU 0. For each server, ROUNDS times:
#   - start-up: from launch to the first answer;
#   - cold: loaded with GET /test/42 the moment it answers, one wrk run per second for COLD seconds;
#   - steady: every request warmed up WARMUP seconds, then each measured for DURATION seconds;
#   - resident memory after the load.
# Prints the median of each figure and the ratios to the floor. Compare ratios, not absolute
# numbers: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-10}
COLD=${COLD:-30}
PORT=${PORT:-5081}
# The request log writes a console line per request; the floor logs nothing. REQUEST_LOG=on
# measures the API with it.
REQUEST_LOG=${REQUEST_LOG:-off}
source bench/lib.sh
# API_ENV (space-separated NAME=value pairs) adds to the image's environment, for experiments.
read -r -a api_env <<<"$(image_env) ${API_ENV:-}"
results=$(mktemp)
trap 'rm -f "$results"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

echo "Publishing the floor, the template and the API (Release)..." >&2
publish_peers
publish_api

request_log=false
[ "$REQUEST_LOG" = on ] && request_log=true
for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS..." >&2
  measure_server floor "$out/floor/Floor.dll" "$round"
  measure_server template "$out/template/Template.dll" "$round"
  measure_server api "$out/api/Api.dll" "$round" "${api_env[@]}" RequestLogging__Enabled=$request_log
done

python3 bench/report.py "$results" "$ROUNDS" "$DURATION" "$WARMUP" "$COLD" "$CONNECTIONS" "$REQUEST_LOG" "${api_env[*]:-none}"
