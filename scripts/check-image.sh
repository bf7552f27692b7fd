#!/usr/bin/env bash
# The container image, built and run for real with podman. The unchanged Dockerfile is built with
# `podman build --pull=never --format docker` (the OCI format would drop its HEALTHCHECK), from
# stand-ins for Microsoft's base images where no registry is at hand (scripts/podman-stand-ins.sh).
# The image then runs as an operator would run it, read-only and without capabilities, and is
# checked; then two containers on one PostgreSQL database behind nginx, with the settings
# docs/operations.md gives, are restarted one after the other under a mixed load: no request may
# fail, and every acknowledged write of the items must be read back (scripts/check-items.py).
# Prints one line per check and ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.." || exit
source scripts/lib.sh
source scripts/podman-stand-ins.sh

image=localhost/flask-tutorial-api:check
work=$(mktemp -d)
chmod 755 "$work" # nginx's workers write their temporary files here
containers=()
postgres_dir=""
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    [ ${#containers[@]} -gt 0 ] && podman rm --force --time 0 "${containers[@]}" >/dev/null 2>&1
    [ -z "$postgres_dir" ] || bash scripts/postgres.sh destroy "$postgres_dir" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
# check DESCRIPTION COMMAND...: one line, PASS or FAIL.
check() {
    local what=$1
    shift
    if "$@"; then
        echo "PASS $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what"
        failed=$((failed + 1))
    fi
}
summary() {
    echo
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
now() { date +%s.%N; }
since() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1"; }

# run_api NAME PORT: the image as an operator runs it: read-only root filesystem (and no tmpfs
# for /tmp either), no capabilities, the port published on loopback only.
run_api() {
    containers+=("$1")
    podman run --detach --name "$1" --read-only --read-only-tmpfs=false --cap-drop=ALL \
        --publish "127.0.0.1:$2:8080" "$image" >/dev/null 2>>"$work/podman.log"
}
# run_replica NAME PORT: the same, as a replica on the PostgreSQL database $items. The server listens on the
# host's loopback only (a throwaway cluster trusts whoever connects there), which a container on podman's
# bridge network cannot reach: host.containers.internal is the host's address on the bridge. So the
# replica shares the host's network (--network=host) and listens on PORT of its loopback itself.
run_replica() {
    containers+=("$1")
    podman run --detach --name "$1" --read-only --read-only-tmpfs=false --cap-drop=ALL --network=host \
        -e ASPNETCORE_URLS="http://127.0.0.1:$2" -e Database__Provider=Postgres -e ConnectionStrings__Items="$items" \
        "$image" >/dev/null 2>>"$work/podman.log"
}
ready_at=()
ready() {
    local deadline=$(($(date +%s) + ${2:-30}))
    until [ "$(status "http://127.0.0.1:$1/readyz")" = 200 ]; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}

# The API's default settings.
setting() { python3 -c 'import json, sys; print(json.load(open("Api/appsettings.json")).get(sys.argv[1], ""))' "$1"; }

started=$(now)
echo "== podman and the base images"
podman_ready "$work" || { echo "FAIL podman could not be installed"; failed=1; summary; }
stand_ins "$work" || { echo "FAIL the stand-ins for the base images could not be made"; failed=1; summary; }
echo "   ready in $(since "$started") s"

echo "== the image"
build_started=$(now)
build() { podman build --pull=never --format docker -t "$image" . >"$work/build.log" 2>&1; }
check "the Dockerfile builds unchanged (podman build --pull=never --format docker)" build
echo "   built in $(since "$build_started") s"
if [ "$failed" -gt 0 ]; then
    sed 's/^/   /' "$work/build.log" | tail -n 30
    summary
fi

api=flask-tutorial-api-check-$$
port=$(free_port)
url=http://127.0.0.1:$port
run_api "$api" "$port"
started_api() { ready "$port"; }
check "the image starts with a read-only root filesystem, no tmpfs and --cap-drop=ALL: /readyz answers 200" started_api
if [ "$failed" -gt 0 ]; then
    sed 's/^/   /' "$work/podman.log"
    podman logs "$api" 2>&1 | sed 's/^/   /'
    summary
fi

read_only() {
    [ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$api")" = true ] &&
        [[ $(podman exec "$api" bash -c ': >/tmp/probe' 2>&1) == *'Read-only file system'* ]] &&
        [[ $(podman exec "$api" bash -c ': >/home/app/probe' 2>&1) == *'Read-only file system'* ]]
}
check "its root filesystem is read-only: /tmp and /home/app refuse a write" read_only

process_status() { cat "/proc/$(podman inspect --format '{{.State.Pid}}' "$api")/status"; }
runs_as_app() {
    process_status | awk '/^Name:/ { name = $2 } /^(Uid|Gid):/ { for (i = 2; i <= 5; i++) if ($i != 1654) bad = 1 }
        END { exit !(name == "dotnet" && !bad) }'
}
check "the process (dotnet) runs as uid and gid 1654, the image's user app" runs_as_app
no_capabilities() { process_status | awk '/^Cap(Inh|Prm|Eff|Bnd|Amb):/ && $2 !~ /^0+$/ { bad = 1 } END { exit bad }'; }
check "the process holds no capability" no_capabilities

healthy() {
    podman healthcheck run "$api" >/dev/null 2>>"$work/podman.log" &&
        [ "$(podman inspect --format '{{.State.Health.Status}}' "$api")" = healthy ]
}
check "the image's HEALTHCHECK reports healthy (podman healthcheck run)" healthy

# Every curl example in the README (as Api.Tests/Docs/ReadmeTests.cs reads them), against the image.
mkdir "$work/readme"
examples=$(awk -v dir="$work/readme" '
    /^```/ { console = ($0 == "```console"); n_in_block = 0; next }
    console && /^\$ curl / { n++; n_in_block = 1; print substr($0, 3) > (dir "/" n ".command"); printf "" > (dir "/" n ".expected"); next }
    console && n_in_block { print > (dir "/" n ".expected") }
    END { print n + 0 }' README.md)
readme_example() {
    # Trace ids, RFC 3339 times and HTTP dates change from run to run, as in ReadmeTests.
    local base=$work/readme/$1 mask='s/00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]/TRACE-ID/g
        s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?Z/TIME/g
        s/[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT/DATE/g'
    bash -c "$(sed "s#http://localhost:5000#$url#g" "$base.command")" >"$base.printed" 2>/dev/null
    if ! cmp -s <(sed -E "$mask" "$base.printed") <(sed -E "$mask" "$base.expected"); then
        diff <(sed -E "$mask" "$base.expected") <(sed -E "$mask" "$base.printed") | sed 's/^/   /'
        return 1
    fi
}
for n in $(seq 1 "$examples"); do
    check "README: $(cat "$work/readme/$n.command")" readme_example "$n"
done
[ "$examples" -gt 0 ] || check "the README has curl examples" false

metrics() {
    local answer
    answer=$(curl -fsS -w '\n%{content_type}' "$url/metrics") || return 1
    [[ $(tail -n 1 <<<"$answer") == text/plain* ]] &&
        grep '^http_server_request_duration_seconds_count{' <<<"$answer" | grep 'http_request_method="GET"' |
        grep 'http_response_status_code="200"' | grep 'http_route="[^"]*id_test' | grep -q ' [1-9][0-9]*$'
}
check "/metrics answers Prometheus's text format, with the README's GET /test/{id_test} requests counted" metrics

json_logs() {
    podman logs "$api" >"$work/api.stdout" 2>"$work/api.stderr" && [ ! -s "$work/api.stderr" ] &&
        python3 - "$work/api.stdout" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8").read().splitlines()]
assert records and all(isinstance(record, dict) for record in records)
assert any(record.get("State", {}).get("Path") == "/test/007" for record in records)
PY
}
check "its logs are JSON lines on stdout (GET /test/007 among them), nothing on stderr" json_logs

# SIGTERM: /readyz answers 503 at once while requests are still served for the image's
# ShutdownDrainSeconds; then the listener stops and the API exits with code 0. Sampled every
# 0.1 s from outside, as a load balancer sees it.
drain=$(podman image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$image" | sed -n 's/^ShutdownDrainSeconds=//p')
drain=${drain:-0} # the API's own default
stop_timeout=$((drain + $(setting ShutdownTimeoutSeconds) + 10))
stop_started=$(now)
podman stop --time "$stop_timeout" "$api" >/dev/null 2>>"$work/podman.log" &
stopper=$!
not_ready_at="" closed_at="" served=0 unexpected=0
while [ -z "$closed_at" ]; do
    root=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url/")
    readiness=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url/readyz")
    at=$(since "$stop_started")
    if [ "$root" = 000 ] || [ "$readiness" = 000 ]; then
        closed_at=$at
    elif [ "$readiness" = 503 ] && [ "$root" = 200 ]; then
        served=$((served + 1))
        not_ready_at=${not_ready_at:-$at}
    elif [ -n "$not_ready_at" ] || [ "$(echo "$at > 1" | bc)" = 1 ]; then
        unexpected=$((unexpected + 1)) # ready again, or still ready 1 s after SIGTERM
    fi
    sleep 0.1
done
wait "$stopper"
stop_seconds=$(since "$stop_started")
not_ready_at_once() { [ -n "$not_ready_at" ] && [ "$(echo "$not_ready_at <= 1" | bc)" = 1 ]; }
check "podman stop (SIGTERM): /readyz answers 503 within 1 s (at ${not_ready_at:-never} s)" not_ready_at_once
drained() { [ "$unexpected" -eq 0 ] && [ "$(echo "$closed_at >= $drain - 0.2 && $closed_at <= $drain + 3" | bc)" = 1 ]; }
check "then GET / answers 200 and /readyz 503 ($served samples, $unexpected otherwise) until the listener stops at ${closed_at} s (ShutdownDrainSeconds=$drain)" drained
exit_code() { [ "$(podman inspect --format '{{.State.ExitCode}}' "$1")" = 0 ]; }
check "podman stop: the API exits with code 0, ${stop_seconds} s after SIGTERM" exit_code "$api"

echo "== rolling restart behind nginx, on PostgreSQL"
for tool in nginx wrk; do
    require "$tool"
done
# The server: API_TEST_POSTGRES's, else a throwaway cluster; the database is this run's, created by the replicas.
server=${API_TEST_POSTGRES:-}
if [ -z "$server" ]; then
    postgres_dir=$work/postgres
    server=$(bash scripts/postgres.sh start "$postgres_dir" "$(free_port)") || { echo "FAIL PostgreSQL could not be started"; failed=$((failed + 1)); summary; }
fi
items="$server;Database=items_image_$$;Maximum Pool Size=20"
ports=("$(free_port)" "$(free_port)")
proxy_port=$(free_port)
for i in 0 1; do run_replica "$api-$i" "${ports[$i]}"; done
both_ready() { ready "${ports[0]}" 60 && ready "${ports[1]}" 60; }
check "two containers of the image start at once on a fresh PostgreSQL database (--network=host), each migrating it in turn" both_ready
across() {
    python3 scripts/check-items.py across "http://127.0.0.1:${ports[0]}" "http://127.0.0.1:${ports[1]}" >"$work/across.out" 2>&1
    local status=$?
    sed 's/^/   /' "$work/across.out"
    return $status
}
check "an item's ETag from one replica works as If-Match on the other (scripts/check-items.py across)" across

# The proxy is docs/operations.md's nginx block for the instances (`upstream api`), on this run's ports.
awk '/^```nginx$/ { inside = 1; block = ""; next }
    inside && /^```$/ { inside = 0; if (block ~ /upstream api \{/) { printf "%s", block; exit } next }
    inside { block = block $0 "\n" }' docs/operations.md |
    sed -e "s/127\.0\.0\.1:8081/127.0.0.1:${ports[0]}/; s/127\.0\.0\.1:8082/127.0.0.1:${ports[1]}/" \
        -e "s/listen 80;/listen 127.0.0.1:$proxy_port;/" >"$work/upstream.conf"
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
    log_format upstreams '\$msec \$status \$upstream_addr';
    access_log $work/access.log upstreams;
    client_body_temp_path $work;
    proxy_temp_path $work;
    include $work/upstream.conf;
}
CONF
proxy_started() { grep -q "${ports[1]}" "$work/upstream.conf" && nginx -c "$work/nginx.conf" && ready "$proxy_port"; }
check "nginx starts with the settings of docs/operations.md in front of them" proxy_started

settle=4 # longer than fail_timeout, so that nginx sends to a restarted instance again
load_limit=90
# The load runs from 4 s before the first restart until `settle` after the last (wrk reports on SIGINT).
DELAY_MS=5 wrk -t1 -c8 -d"${load_limit}s" -s bench/lua/mixed.lua "http://127.0.0.1:$proxy_port" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
# Beside it, reads, creates, If-Match updates and deletes of items, checked afterwards (it stops on SIGINT too).
python3 scripts/check-items.py load "http://127.0.0.1:$proxy_port" --clients 4 --seconds "$load_limit" >"$work/items.out" 2>&1 &
items_pid=$!
load_started=$(now)
sleep 4
for i in 0 1; do
    stop_started=$(now)
    podman stop --time "$stop_timeout" "$api-$i" >/dev/null 2>>"$work/podman.log"
    stop_seconds=$(since "$stop_started")
    start_started=$(now)
    podman start "$api-$i" >/dev/null 2>>"$work/podman.log"
    restarted() { exit_code "$api-$i" && ready "${ports[$i]}"; }
    check "instance $((i + 1)) stops with exit code 0 (${stop_seconds} s) and is ready again" restarted
    echo "   ready again $(since "$start_started") s after its start"
    ready_at[i]=$(now)
    sleep "$settle"
done
load_seconds=$(since "$load_started")
check "both restarts happened under the load (${load_seconds} s of it)" kill -INT "$wrk_pid" "$items_pid"
wait "$wrk_pid"
wait "$items_pid"
items_status=$?
sed 's/^/   /' "$work/items.out"
items_kept() { [ "$items_status" -eq 0 ]; }
check "items through the restarts: every 201, 200 and 204 is in the final state, no create made twice, no 5xx (scripts/check-items.py load)" items_kept

read -r requests ok client server errors < <(sed -n 's/^RESULT requests=\([0-9]*\) 2xx=\([0-9]*\) 4xx=\([0-9]*\) 5xx=\([0-9]*\) errors=\([0-9]*\)$/\1 \2 \3 \4 \5/p' "$work/wrk.out")
no_failure() { [ -n "${requests:-}" ] && [ "$requests" -gt 0 ] && [ "$server" -eq 0 ] && [ "$errors" -eq 0 ]; }
check "no request failed: ${requests:-?} GET and POST requests, ${server:-?} 5xx, ${errors:-?} connection errors (${ok:-?} 2xx, ${client:-?} 4xx as the mix intends)" no_failure
answered_after_restart() {
    local count
    count=$(awk -v since="${ready_at[$1]}" -v addr="127.0.0.1:${ports[$1]}" '
        { n = split($0, parts, ", "); last = parts[n]; sub(/^.* /, "", last) }
        $1 > since && $2 < 500 && last == addr { c++ } END { print c + 0 }' "$work/access.log")
    echo "   instance $(($1 + 1)) answered $count requests through nginx after its restart"
    [ "$count" -gt 0 ]
}
for i in 0 1; do check "instance $((i + 1)) answers through nginx again after its restart" answered_after_restart "$i"; done
echo "   nginx met $(grep -cE 'connect\(\) failed|prematurely closed|reset by peer' "$work/nginx-error.log") refused, reset or closed connections to a stopping instance (proxy_next_upstream)"
if [ "${server:-1}" -ne 0 ] || [ "${errors:-1}" -ne 0 ]; then
    grep -v 'signal process started' "$work/nginx-error.log" | tail -n 10 | sed 's/^/   /'
fi

echo "   all done in $(since "$started") s"
summary
