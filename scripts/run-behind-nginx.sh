#!/usr/bin/env bash
# Scale-out on one machine: two API instances behind Debian's nginx on loopback. Sends requests
# through nginx from a second loopback address (127.0.0.2) and shows that both instances
# answered, and that each saw the client's address (from X-Forwarded-For) rather than nginx's.
# Then rate limiting: each instance counts its own permits, so a client gets twice the limit
# through two of them (from 127.0.0.3); nginx's limit_req holds one limit for all of them (from
# 127.0.0.4, through a second nginx port).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

PROXY_PORT=${PROXY_PORT:-8085}
LIMITED_PORT=$((PROXY_PORT + 1))
PORTS=(5091 5092)
REQUESTS=${REQUESTS:-20}
LIMIT=20 # requests per client per minute, in each instance and in nginx
BURST=50
work=$(mktemp -d)
pids=()
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

require nginx
dotnet publish Api -c Release -o bench/out/api --nologo -v q >/dev/null

for port in "${PORTS[@]}"; do
    (cd bench/out/api && ASPNETCORE_ENVIRONMENT=Production \
        ForwardedHeaders__Enabled=true ForwardedHeaders__KnownProxies__0=127.0.0.1 RateLimiting__PermitLimit=$LIMIT \
        Logging__Console__FormatterName=json \
        exec dotnet Api.dll --urls "http://127.0.0.1:$port" >"$work/api-$port.log" 2>&1) &
    pids+=($!)
done

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
nginx -c "$work/nginx.conf"

for port in "${PORTS[@]}"; do
    until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.1; done
done

for _ in $(seq 1 "$REQUESTS"); do
    curl -fs --interface 127.0.0.2 -o /dev/null "http://127.0.0.1:$PROXY_PORT/test/42"
done
sleep 1

echo "| instance | requests answered | client addresses seen |"
echo "|---|---:|---|"
status=0
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
read -r ok api proxy < <(burst 127.0.0.4 "$LIMITED_PORT")
echo "| 127.0.0.4 | nginx limit_req, $LIMIT a minute | $BURST | $ok | $api | $proxy |"
# One more may pass if the burst outlasts the 60/LIMIT s nginx takes to free a place.
[ "$ok" -ge "$LIMIT" ] && [ "$ok" -le $((LIMIT + 1)) ] && [ "$api" -eq 0 ] || status=1
exit $status
