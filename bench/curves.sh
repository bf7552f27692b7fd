#!/usr/bin/env bash
# Cost curves of the API beside raw Kestrel (bench/Floor) and the controllers template, in one run:
#   - form size: POST /test with 1, 10, 100 and 1000 fields, urlencoded and multipart;
#   - body size: POST /exemple with a param1 of 1 KiB to 1 MiB;
#   - connections: GET /test/42 with 1, 16, 64, 256 and 1024 connections, p50 and p99.
# Each server is pinned to one CPU and wrk to the other; each point is warmed up WARMUP seconds,
# then measured DURATION seconds, ROUNDS times (medians). bench/curves.py prints the tables, with
# the cost per field, per KiB and per connection, and draws bench/out/curves-*.png.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-3}
# Tiered compilation needs tens of seconds under MVC: every server gets this much load first.
SERVER_WARMUP=${SERVER_WARMUP:-40}
PORT=${PORT:-5085}
FIELDS=${FIELDS:-"1 10 100 1000"}
KIBS=${KIBS:-"1 4 16 64 256 1024"}
CONNECTION_COUNTS=${CONNECTION_COUNTS:-"1 16 64 256 1024"}
source bench/lib.sh
require gnuplot gnuplot-nox
read -r -a image <<<"$(image_env)"
url="http://127.0.0.1:$PORT"
bodies=$(mktemp -d)
results=$(mktemp)
trap 'rm -rf "$bodies" "$results"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
ulimit -n "$(ulimit -Hn)"

echo "Writing the bodies, publishing the floor, the template and the API (Release)..." >&2
python3 - "$bodies" "$FIELDS" "$KIBS" <<'PY'
import sys
folder, fields, kibs = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
for n in map(int, fields):
    open(f"{folder}/urlencoded-{n}", "w").write("&".join(f"field{i}=value{i}" for i in range(n)))
    parts = "".join(f'--XyZ\r\nContent-Disposition: form-data; name="field{i}"\r\n\r\nvalue{i}\r\n' for i in range(n))
    open(f"{folder}/multipart-{n}", "w").write(parts + "--XyZ--\r\n")
for kib in map(int, kibs):
    open(f"{folder}/param1-{kib}", "w").write("param1=" + "a" * (kib * 1024))
PY
publish_peers
publish_api

# point round server curve x method path body-file content-type
point() {
  local round=$1 server=$2 curve=$3 x=$4 method=$5 path=$6 file=$7 type=$8 rps p50 p99 non2xx errors
  BENCH_BODY_FILE=$file BENCH_CONTENT_TYPE=$type load "$url" "$method" "$path" "" "$WARMUP" >/dev/null
  read -r rps p50 p99 non2xx errors < <(BENCH_BODY_FILE=$file BENCH_CONTENT_TYPE=$type load "$url" "$method" "$path" "" "$DURATION")
  record "$round" "$server" "$curve" "$x" "$rps" "$p50" "$p99" "$((non2xx + errors))"
}

measure() { # round server dll [NAME=value...]
  local round=$1 server=$2 dll=$3
  shift 3
  # The API's body limit (1 MiB) would refuse the largest param1: raised for the curve.
  start_server "$dll" "$url" "$@" RequestLogging__Enabled=false Limits__MaxBodyBytes=4194304
  for request in "GET /test/42" "POST /test" "POST /exemple"; do
    BENCH_BODY_FILE="$bodies/urlencoded-10" load "$url" "${request% *}" "${request#* }" "" $((SERVER_WARMUP / 3)) >/dev/null
  done
  for n in $FIELDS; do
    point "$round" "$server" "form fields, urlencoded" "$n" POST /test "$bodies/urlencoded-$n" application/x-www-form-urlencoded
    point "$round" "$server" "form fields, multipart" "$n" POST /test "$bodies/multipart-$n" "multipart/form-data; boundary=XyZ"
  done
  for kib in $KIBS; do
    point "$round" "$server" "param1 KiB" "$kib" POST /exemple "$bodies/param1-$kib" application/x-www-form-urlencoded
  done
  for connections in $CONNECTION_COUNTS; do
    CONNECTIONS=$connections point "$round" "$server" "connections" "$connections" GET /test/42 "" ""
  done
  stop_server
}

for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS..." >&2
  measure "$round" floor "$out/floor/Floor.dll"
  measure "$round" template "$out/template/Template.dll"
  measure "$round" api "$out/api/Api.dll" "${image[@]}"
done

python3 bench/curves.py "$results" "$ROUNDS" "$DURATION" "$WARMUP" "$SERVER_WARMUP"
