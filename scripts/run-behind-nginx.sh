#!/usr/bin/env bash
# Scale-out on one machine: two API instances behind Debian's nginx on loopback. Sends requests
# through nginx from a second loopback address (127.0.0.2) and shows that both instances
# answered, and that each saw the client's address (from X-Forwarded-For) rather than nginx's.
set -euo pipefail
cd "$(dirname "$0")/.."

PROXY_PORT=${PROXY_PORT:-8085}
PORTS=(5091 5092)
REQUESTS=${REQUESTS:-20}
work=$(mktemp -d)
pids=()
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
dotnet publish Api -c Release -o bench/out/api --nologo -v q >/dev/null

for port in "${PORTS[@]}"; do
    (cd bench/out/api && ASPNETCORE_ENVIRONMENT=Production \
        ForwardedHeaders__Enabled=true ForwardedHeaders__KnownProxies__0=127.0.0.1 \
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
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            proxy_pass http://api;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
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
exit $status
