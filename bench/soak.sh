#!/usr/bin/env bash
# Soak: a mixed valid and invalid load (bench/lua/mixed.lua) against the real server, run as its
# image runs it, for SECONDS (default 60). Reports requests by status class, connection errors,
# and resident memory at the start and the end. Fails on any 5xx, any connection error, or memory
# that grows by more than MAX_GROWTH percent (default 25).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_=${SECONDS_TO_RUN:-60}
PORT=${PORT:-5083}
MAX_GROWTH=${MAX_GROWTH:-25}
url="http://127.0.0.1:$PORT"
source bench/lib.sh
read -r -a image <<<"$(image_env)"

publish_api
start_server "$out/api/Api.dll" "$url" "${image[@]}" RequestLogging__Enabled=false
trap 'kill "$pid" 2>/dev/null || true' EXIT

rss() { echo $(( $(ps -o rss= -p "$pid" | tr -d ' ') / 1024 )); }
wrk -t2 -c32 -d5s -s bench/lua/mixed.lua "$url" >/dev/null
start_rss=$(rss)
result=$(wrk -t2 -c32 -d"${SECONDS_}"s -s bench/lua/mixed.lua "$url" | sed -n 's/^RESULT //p')
end_rss=$(rss)
kill -0 "$pid" || { echo "the server died"; exit 1; }

eval "$(echo "$result" | sed 's/\([0-9a-z]*\)=\([0-9]*\)/r_\1=\2/g; s/r_2xx/ok/; s/r_4xx/client/; s/r_5xx/server/')"
growth=$(( (end_rss - start_rss) * 100 / start_rss ))
# shellcheck disable=SC2154 # r_requests, ok, client, server and r_errors: assigned by the eval above
cat <<TABLE
| figure | value |
|---|---:|
| duration s | ${SECONDS_} |
| requests | ${r_requests} |
| 2xx | ${ok} |
| 4xx | ${client} |
| 5xx | ${server} |
| connection errors | ${r_errors} |
| RSS MB at start | ${start_rss} |
| RSS MB at end | ${end_rss} |
| RSS growth % | ${growth} |
TABLE
[ "$server" -eq 0 ] && [ "$r_errors" -eq 0 ] && [ "$growth" -le "$MAX_GROWTH" ]
