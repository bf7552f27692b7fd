# Shared by the bench scripts: publishing, pinned servers and one wrk run.
SERVER_CPU=${SERVER_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
CONNECTIONS=${CONNECTIONS:-64}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

out=bench/out

# The API published with the Dockerfile's options (ReadyToRun for linux-x64); the floor and the template.
publish_api() { dotnet publish Api -c Release -r linux-x64 --no-self-contained -o "$out/api" --nologo -v q >/dev/null; }
publish_peers() {
  dotnet publish bench/Floor -c Release -o "$out/floor" --nologo -v q >/dev/null
  dotnet publish bench/Template -c Release -o "$out/template" --nologo -v q >/dev/null
}

# The Dockerfile's ENV DOTNET_... lines, as NAME=value words: the API runs as its image runs it.
image_env() { sed -n 's/^ENV \(DOTNET_[A-Za-z0-9_]*=[^ ]*\)$/\1/p' Dockerfile | tr '\n' ' '; }

# start_server dll url [NAME=value...]: starts it from its own folder (as a container does), pinned
# to SERVER_CPU; sets $pid, and $startup_ms: from launch to the first answer of GET /.
start_server() {
  local dll=$1 url=$2 started
  shift 2
  started=$(date +%s%N)
  (cd "$(dirname "$dll")" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production \
    taskset -c "$SERVER_CPU" dotnet "$(basename "$dll")" --urls "$url" >/dev/null 2>&1) &
  pid=$!
  until curl -fs -o /dev/null "$url/"; do sleep 0.005; done
  startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

stop_server() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; }

# load url method path body seconds -> "rps p50_ms p99_ms non2xx errors"
load() {
  BENCH_METHOD=$2 BENCH_PATH=$3 BENCH_BODY=$4 taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNECTIONS" -d"$5"s --latency -s bench/lua/request.lua "$1" 2>&1 |
    sed -n 's/^RESULT rps=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\) non2xx=\([0-9]*\) errors=\([0-9]*\)$/\1 \2 \3 \4 \5/p'
}
