# shellcheck shell=bash
# Shared by the bench scripts: publishing, pinned servers and one wrk run.
SERVER_CPU=${SERVER_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
CONNECTIONS=${CONNECTIONS:-64}

source scripts/lib.sh
require wrk

out=bench/out

# The Dockerfile's publish options (its `RUN dotnet publish Api/Api.csproj ...` line), without its output
# folder and --no-restore: the bench publishes the API as the image does.
dockerfile_publish_options() { # [Dockerfile]
  sed -n 's/^RUN dotnet publish Api\/Api.csproj //p' "${1:-Dockerfile}" | sed 's/ -o [^ ]*//; s/ --no-restore//'
}

# The Dockerfile's ENTRYPOINT as words (["dotnet", "Api.dll"] is dotnet Api.dll).
dockerfile_entrypoint() { sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' "${1:-Dockerfile}" | tr -d '",'; }

# The API published as the image does, and started as it does (start_server reads .entrypoint); the floor and the template.
publish_api() { # [project folder, default Api] [output, default $out/api]
  local project=${1:-Api} output=${2:-$out/api} dockerfile
  dockerfile="$(dirname "$project")/Dockerfile"
  # shellcheck disable=SC2046
  dotnet publish "$project" $(dockerfile_publish_options "$dockerfile") -o "$output" --nologo -v q >/dev/null
  dockerfile_entrypoint "$dockerfile" >"$output/.entrypoint"
}
publish_peers() {
  dotnet publish bench/Floor -c Release -o "$out/floor" --nologo -v q >/dev/null
  dotnet publish bench/Template -c Release -o "$out/template" --nologo -v q >/dev/null
}

# The Dockerfile's ENV DOTNET_... lines, as NAME=value words: the API runs as its image runs it.
image_env() { sed -n 's/^ENV \(DOTNET_[A-Za-z0-9_]*=[^ ]*\)$/\1/p' Dockerfile | tr '\n' ' '; }

# start_server dll url [NAME=value...]: starts it from its own folder (as a container does, with its image's
# entry point where publish_api wrote one), pinned to SERVER_CPU; sets $pid, and $startup_ms: from launch to
# the first answer of GET /.
start_server() {
  local dll=$1 url=$2 started command
  shift 2
  # Another server on the port would answer in this one's place, and this one would fail to listen.
  if curl -s -o /dev/null "$url/"; then echo "something already answers at $url: choose another PORT" >&2; return 1; fi
  command="dotnet $(basename "$dll")"
  [ -f "$(dirname "$dll")/.entrypoint" ] && command=$(cat "$(dirname "$dll")/.entrypoint")
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$(dirname "$dll")" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production \
    taskset -c "$SERVER_CPU" $command --urls "$url" >/dev/null 2>&1) &
  pid=$!
  local deadline=$((SECONDS + 60))
  until curl -fs -o /dev/null "$url/"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server for $url exited before answering" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "the server for $url did not answer within 60 s" >&2; stop_server; return 1; }
    sleep 0.005
  done
  # shellcheck disable=SC2034 # read by the scripts that source this file
  startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

stop_server() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; }

# load url method path body seconds -> "rps p50_ms p99_ms non2xx errors"
load() {
  BENCH_METHOD=$2 BENCH_PATH=$3 BENCH_BODY=$4 taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNECTIONS" -d"$5"s --latency -s bench/lua/request.lua "$1" 2>&1 |
    sed -n 's/^RESULT rps=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\) non2xx=\([0-9]*\) errors=\([0-9]*\)$/\1 \2 \3 \4 \5/p'
}

# The four tutorial requests: name|method|path|body.
requests=(
  "GET /|GET|/|"
  "GET /test/42|GET|/test/42|"
  "POST /exemple|POST|/exemple|param1=jeej"
  "POST /test|POST|/test|a=1&b=2&c=3"
)

# measure_server label dll round [NAME=value...]: starts the server on $PORT (request log off unless the
# arguments turn it on), then appends to $results one row per figure (round, label, figure, req/s or value,
# p50 ms, p99 ms, non-2xx, socket errors): its start-up, COLD seconds of GET /test/42 from its first answer,
# the four requests (all warmed up WARMUP s each, then each measured DURATION s) and its RSS after the load.
measure_server() {
  local label=$1 dll=$2 round=$3 url="http://127.0.0.1:$PORT" rps p50 p99 non2xx errors name method path body
  shift 3
  start_server "$dll" "$url" RequestLogging__Enabled=false "$@"
  record "$round" "$label" "start-up ms" "$startup_ms" "" "" "" ""
  for second in $(seq 1 "$COLD"); do
    read -r rps p50 p99 non2xx errors < <(load "$url" GET /test/42 "" 1)
    record "$round" "$label" "cold $second" "$rps" "$p50" "$p99" "$non2xx" "$errors"
  done
  for entry in "${requests[@]}"; do
    IFS='|' read -r name method path body <<<"$entry"
    load "$url" "$method" "$path" "$body" "$WARMUP" >/dev/null
  done
  for entry in "${requests[@]}"; do
    IFS='|' read -r name method path body <<<"$entry"
    read -r rps p50 p99 non2xx errors < <(load "$url" "$method" "$path" "$body" "$DURATION")
    record "$round" "$label" "$name" "$rps" "$p50" "$p99" "$non2xx" "$errors"
  done
  record "$round" "$label" "RSS MB after load" "$(( $(ps -o rss= -p "$pid" | tr -d ' ') / 1024 ))" "" "" "" ""
  stop_server
}

# record FIELD...: one tab-separated row appended to $results, the file the sourcing script collects its rows in.
# measure_rounds LABEL...: $ROUNDS rounds of measure_server for each label: dll[LABEL] and env[LABEL] (set by the sourcing
# script), and the image's environment for the API's builds. Each round runs in the other order than the one before, so
# that a machine that warms up or slows down over the run weighs on every build alike (with an even number of rounds).
# shellcheck disable=SC2154,SC2086 # dll, env, image: set by the sourcing script; env[LABEL] splits into its settings
measure_rounds() {
  local order=("$@") round label
  for round in $(seq 1 "$ROUNDS"); do
    echo "Round $round of $ROUNDS..." >&2
    for label in "${order[@]}"; do
      case $label in
        floor | template) measure_server "$label" "$out/$label/${label^}.dll" "$round" ;;
        *) measure_server "$label" "${dll[$label]}" "$round" "${image[@]}" ${env[$label]} ;;
      esac
    done
    mapfile -t order < <(printf '%s\n' "${order[@]}" | tac)
  done
}

# shellcheck disable=SC2154 # results: set by the sourcing script
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }
