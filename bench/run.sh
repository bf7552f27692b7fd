#!/usr/bin/env bash
# Throughput, latency, start-up and memory of the API against raw Kestrel (bench/Floor), side by
# side in one run: each server pinned to CPU 1, wrk pinned to CPU 0, every endpoint warmed up,
# then measured for DURATION seconds with CONNECTIONS connections, ROUNDS times. Prints the median
# of each figure and the API/floor ratio. Compare ratios, not absolute numbers: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
PORT=${PORT:-5081}
# The request log writes a console line per request; the floor logs nothing. REQUEST_LOG=on
# measures the API with it (its cost is reported in the README).
REQUEST_LOG=${REQUEST_LOG:-off}
# The API runs with the runtime environment its container image sets (the Dockerfile's
# ENV DOTNET_... lines), plus API_ENV (space-separated NAME=value pairs) for experiments.
read -r -a api_env <<<"$(sed -n 's/^ENV \(DOTNET_[A-Za-z0-9_]*=[^ ]*\)$/\1/p' Dockerfile | tr '\n' ' ') ${API_ENV:-}"
out=bench/out
results=$(mktemp)
trap 'rm -f "$results"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

echo "Publishing floor and API (Release)..." >&2
dotnet publish bench/Floor -c Release -o "$out/floor" --nologo -v q >/dev/null
dotnet publish Api -c Release -r linux-x64 --no-self-contained -o "$out/api" --nologo -v q >/dev/null

# name|method|path|body
requests=(
  "GET /|GET|/|"
  "GET /test/42|GET|/test/42|"
  "POST /exemple|POST|/exemple|param1=jeej"
  "POST /test|POST|/test|a=1&b=2&c=3"
)

load() { # url method path body seconds -> "rps p99 non2xx errors"
  BENCH_METHOD=$2 BENCH_PATH=$3 BENCH_BODY=$4 taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNECTIONS" -d"$5"s --latency -s bench/lua/request.lua "$1" 2>&1 |
    sed -n 's/^RESULT rps=\([0-9.]*\) p99_ms=\([0-9.]*\) non2xx=\([0-9]*\) errors=\([0-9]*\)$/\1 \2 \3 \4/p'
}

measure_server() { # label dll round [NAME=value...]
  local label=$1 dll=$2 round=$3 url="http://127.0.0.1:$PORT"
  shift 3
  local started; started=$(date +%s%N)
  # From its own folder, so that its appsettings.json is the configuration it runs with.
  local request_log=true; [ "$REQUEST_LOG" = on ] || request_log=false
  (cd "$(dirname "$dll")" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production RequestLogging__Enabled=$request_log \
    taskset -c "$SERVER_CPU" dotnet "$(basename "$dll")" --urls "$url" >/dev/null 2>&1) &
  pid=$!
  until curl -fs -o /dev/null "$url/"; do sleep 0.005; done
  local startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  for entry in "${requests[@]}"; do
    IFS='|' read -r name method path body <<<"$entry"
    load "$url" "$method" "$path" "$body" "$WARMUP" >/dev/null
  done
  for entry in "${requests[@]}"; do
    IFS='|' read -r name method path body <<<"$entry"
    read -r rps p99 non2xx errors < <(load "$url" "$method" "$path" "$body" "$DURATION")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$name" "$rps" "$p99" "$non2xx" "$errors" >>"$results"
  done
  local rss_kb; rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
  printf '%s\t%s\t%s\t%s\t\t\t\n' "$round" "$label" "start-up ms" "$startup_ms" >>"$results"
  printf '%s\t%s\t%s\t%s\t\t\t\n' "$round" "$label" "RSS MB after load" "$((rss_kb / 1024))" >>"$results"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS..." >&2
  measure_server floor "$out/floor/Floor.dll" "$round"
  measure_server api "$out/api/Api.dll" "$round" "${api_env[@]}"
done

python3 - "$results" "$ROUNDS" "$DURATION" "$CONNECTIONS" "$REQUEST_LOG" "${api_env[*]:-none}" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
def median(label, name, column):
    values = [float(r[column]) for r in rows if r[1] == label and r[2] == name and r[column] != ""]
    return statistics.median(values) if values else float("nan")
names = list(dict.fromkeys(r[2] for r in rows))
print(f"Median of {sys.argv[2]} rounds; {sys.argv[3]} s per request, {sys.argv[4]} connections; servers on one core, wrk on the other; API request log {sys.argv[5]}; API environment: {sys.argv[6]}.\n")
print("| request | floor req/s | API req/s | API/floor | floor p99 ms | API p99 ms | non-2xx (floor/API) | errors (floor/API) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name in names:
    if name.startswith(("start-up", "RSS")):
        continue
    f, a = median("floor", name, 3), median("api", name, 3)
    print(f"| {name} | {f:,.0f} | {a:,.0f} | {a / f:.2f} | {median('floor', name, 4):.2f} | {median('api', name, 4):.2f} "
          f"| {median('floor', name, 5):.0f}/{median('api', name, 5):.0f} | {median('floor', name, 6):.0f}/{median('api', name, 6):.0f} |")
print()
print("| figure | floor | API | API/floor |")
print("|---|---:|---:|---:|")
for name in ("start-up ms", "RSS MB after load"):
    f, a = median("floor", name, 3), median("api", name, 3)
    print(f"| {name} | {f:.0f} | {a:.0f} | {a / f:.2f} |")
PY
