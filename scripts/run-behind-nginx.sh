#!/usr/bin/env bash
# Scale-out on one machine: two API instances on one PostgreSQL database, behind Debian's nginx on
# loopback. The PostgreSQL server is API_TEST_POSTGRES's, else a throwaway cluster of the script's own
# (scripts/postgres.sh); the database is the run's own, created by the instances as they start at once.
# First the items through both (scripts/check-items.py): an ETag read from one instance works as
# If-Match on the other, and a mixed load through nginx loses no acknowledged write.
# Then, with the instances restarted with a rate limit, it sends requests
# through nginx from a second loopback address (127.0.0.2) and shows that both instances
# answered, and that each saw the client's address (from X-Forwarded-For) rather than nginx's.
# Then rate limiting: each instance counts its own permits, so a client gets twice the limit
# through two of them (from 127.0.0.3); nginx's limit_req holds one limit for all of them (from
# 127.0.0.4, through a second nginx port).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# Free ports, not fixed ones: other runs on the machine must not answer for these instances.
PROXY_PORT=${PROXY_PORT:-$(free_port)}
LIMITED_PORT=$(free_port)
PORTS=("$(free_port)" "$(free_port)")
REQUESTS=${REQUESTS:-20}
LIMIT=20 # requests per client per minute, in each instance and in nginx
BURST=50
work=$(mktemp -d)
pids=()
postgres_dir=""
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    [ -z "$postgres_dir" ] || bash scripts/postgres.sh destroy "$postgres_dir"
    rm -rf "$work"
}
trap cleanup EXIT

require nginx
dotnet publish Api -c Release -o bench/out/api --nologo -v q >/dev/null

server=${API_TEST_POSTGRES:-}
if [ -z "$server" ]; then
    postgres_dir=$(mktemp -d /tmp/api-nginx-postgres.XXXXXX) # outside $work, which only root may enter
    server=$(bash scripts/postgres.sh start "$postgres_dir" "$(free_port)")
fi
# Each instance's pool: 20 connections, as docs/operations.md advises for several replicas.
items="$server;Database=items_nginx_$$;Maximum Pool Size=20"

# start_instances [NAME=VALUE...]: both instances at once, with these settings besides the common ones.
start_instances() {
    pids=()
    for port in "${PORTS[@]}"; do
        (cd bench/out/api && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Items="$items" \
            ForwardedHeaders__Enabled=true ForwardedHeaders__KnownProxies__0=127.0.0.1 \
            Logging__Console__FormatterName=json "$@" \
            dotnet Api.dll --urls "http://127.0.0.1:$port" >>"$work/api-$port.log" 2>&1) &
        pids+=($!)
    done
    for port in "${PORTS[@]}"; do
        local deadline=$((SECONDS + 60))
        until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do
            if [ $SECONDS -ge $deadline ]; then
                echo "The instance on port $port did not become ready:" >&2
                tail -n 20 "$work/api-$port.log" >&2
                exit 1
            fi
            sleep 0.1
        done
    done
    for pid in "${pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || { echo "An instance exited:" >&2; tail -n 5 "$work"/api-*.log >&2; exit 1; }
    done
}
stop_instances() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait "${pids[@]}" 2>/dev/null || true
    pids=()
}

cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work;
    proxy_temp_path $work;
    upstream api { server 127.0.0.1:${PORTS[0]}; server 127.0.0.1:${PORTS[1]}; }
    proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$remote_addr;
    proxy_set_header X-Forwarded-Proto \$scheme;
    # One limit per client address for all instances: $LIMIT at once, then one more every 60/$LIMIT s.
    limit_req_zone \$binary_remote_addr zone=perclient:1m rate=${LIMIT}r/m;
    limit_req_status 429;
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / { proxy_pass http://api; }
    }
    server {
        listen 127.0.0.1:$LIMITED_PORT;
        location / {
            limit_req zone=perclient burst=$((LIMIT - 1)) nodelay;
            proxy_pass http://api;
        }
    }
}
CONF

status=0
# The items, without a rate limit: both instances start at once on a database that does not exist yet.
start_instances
nginx -c "$work/nginx.conf"
echo "Both instances started at once on the fresh database $items (each migrates it at start, in turn under Npgsql's migration lock)."
python3 scripts/check-items.py across "http://127.0.0.1:${PORTS[0]}" "http://127.0.0.1:${PORTS[1]}" || status=1
python3 scripts/check-items.py load "http://127.0.0.1:$PROXY_PORT" --clients 4 --seconds "${ITEMS_SECONDS:-10}" || status=1
echo
stop_instances

start_instances RateLimiting__PermitLimit=$LIMIT

for _ in $(seq 1 "$REQUESTS"); do
    curl -fs --interface 127.0.0.2 -o /dev/null "http://127.0.0.1:$PROXY_PORT/test/42"
done
sleep 1

echo "| instance | requests answered | client addresses seen |"
echo "|---|---:|---|"
for port in "${PORTS[@]}"; do
    lines=$(grep '"Path":"/test/42"' "$work/api-$port.log" || true)
    count=$(printf '%s' "$lines" | grep -c . || true)
    clients=$(printf '%s' "$lines" | sed -n 's/.*"Client":"\([^"]*\)".*/\1/p' | sort -u | paste -sd, -)
    echo "| 127.0.0.1:$port | $count | ${clients:--} |"
    [ "$count" -gt 0 ] && [ "$clients" = "127.0.0.2" ] || status=1
done

# BURST requests from one client; prints how many were answered 200, and by whom the others were
# refused with 429: the API answers problem+json, nginx HTML.
burst() {
    local client=$1 port=$2 ok=0 api=0 proxy=0
    for _ in $(seq 1 "$BURST"); do
        case $(curl -s --interface "$client" -o /dev/null -w '%{http_code} %{content_type}' "http://127.0.0.1:$port/test/42") in
            200*) ok=$((ok + 1)) ;;
            "429 application/problem+json"*) api=$((api + 1)) ;;
            429*) proxy=$((proxy + 1)) ;;
        esac
    done
    echo "$ok $api $proxy"
}
echo
echo "| client | limit held by | requests sent | answered | refused by the instances | refused by nginx |"
echo "|---|---|---:|---:|---:|---:|"
read -r ok api proxy < <(burst 127.0.0.3 "$PROXY_PORT")
echo "| 127.0.0.3 | each instance, $LIMIT a minute | $BURST | $ok | $api | $proxy |"
[ "$ok" -eq $((LIMIT * ${#PORTS[@]})) ] && [ "$proxy" -eq 0 ] || status=1
burst_started=$SECONDS
read -r ok api proxy < <(burst 127.0.0.4 "$LIMITED_PORT")
echo "| 127.0.0.4 | nginx limit_req, $LIMIT a minute | $BURST | $ok | $api | $proxy |"
# nginx frees a place every 60/LIMIT s: one more may pass for each of them the burst lasted (on a busy machine).
freed=$(((SECONDS - burst_started) * LIMIT / 60 + 1))
[ "$ok" -ge "$LIMIT" ] && [ "$ok" -le $((LIMIT + freed)) ] && [ "$api" -eq 0 ] || status=1
exit $status
