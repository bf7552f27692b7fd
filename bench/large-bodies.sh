#!/usr/bin/env bash
# Large bodies: CONNECTIONS connections at once (default 300), each sending REQUESTS keep-alive
# POST /exemple (default 20) with a BODY_KIB KiB urlencoded body (default 512), against the API run
# as its image runs it (bench/large-bodies.py is the client). Prints the answers (ok: 200 with the
# expected body), what the API allocated per request, and a table of where the resident memory is
# before the load, at its peak, right after it and after SETTLE seconds idle (default 60): RSS (the
# peak is the kernel's high-water mark), its anonymous part, and the GC's committed memory and heap
# by generation as of its last collection (/metrics). Kestrel's memory pool is pinned 4 KiB blocks,
# part of the pinned object heap (POH). Fails if any answer is not the expected 200.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-300}
REQUESTS=${REQUESTS:-20}
BODY_KIB=${BODY_KIB:-512}
SETTLE=${SETTLE:-60}
source bench/lib.sh
PORT=${PORT:-$(free_port)}
url="http://127.0.0.1:$PORT"
read -r -a image <<<"$(image_env)"
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

echo "Publishing the API (Release)..." >&2
publish_api
start_server "$out/api/Api.dll" "$url" "${image[@]}" RequestLogging__Enabled=false
# Every code path once, then the peak counts from here.
python3 bench/large-bodies.py 127.0.0.1 "$PORT" 2 2 "$BODY_KIB" >/dev/null
echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true

mib() { echo $(( $1 / 1024 )); }
gc() { # generation|committed|allocated -> MiB: the heap as of the last collection, or allocated since the start
  curl -fs "$url/metrics" | awk -v what="$1" '
    what == "committed" && /^dotnet_gc_last_collection_memory_committed_size_bytes/ { printf "%.0f", $NF / 1048576 }
    what == "allocated" && /^dotnet_gc_heap_total_allocated_bytes_total/ { printf "%.0f", $NF / 1048576 }
    /^dotnet_gc_last_collection_heap_size_bytes/ && index($0, "\"" what "\"") { printf "%.0f", $NF / 1048576 }'
}
row() { # label rss_kib
  local anonymous
  anonymous=$(awk '/^Anonymous:/ { print $2 }' "/proc/$pid/smaps_rollup")
  echo "| $1 | $(mib "$2") | $(mib "$anonymous") | $(gc committed) | $(gc gen0) | $(gc gen1) | $(gc gen2) | $(gc loh) | $(gc poh) |"
}
rss() { awk "/^$1:/ { print \$2 }" "/proc/$pid/status"; }

table=("| point | RSS MiB | anonymous MiB | GC committed MiB | gen0 MiB | gen1 MiB | gen2 MiB | LOH MiB | POH MiB |"
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  "$(row "before the load" "$(rss VmRSS)")")
allocated=$(gc allocated)
result=$(taskset -c "$LOAD_CPU" python3 bench/large-bodies.py 127.0.0.1 "$PORT" "$CONNECTIONS" "$REQUESTS" "$BODY_KIB" | sed -n 's/^RESULT //p')
kill -0 "$pid" || { echo "the server died"; exit 1; }
allocated=$(( $(gc allocated) - allocated ))
table+=("| peak (high-water mark) | $(mib "$(rss VmHWM)") | | | | | | | |"
  "$(row "right after the load" "$(rss VmRSS)")")
sleep "$SETTLE"
table+=("$(row "after $SETTLE s idle" "$(rss VmRSS)")")

echo "$CONNECTIONS connections x $REQUESTS keep-alive POST /exemple of $BODY_KIB KiB: $result"
echo "allocated by the API during the load: $allocated MiB, $(( allocated * 1024 / (CONNECTIONS * REQUESTS) )) KiB per request"
echo
printf '%s\n' "${table[@]}"
[[ " $result " == *" other=0 errors=0 "* ]]
