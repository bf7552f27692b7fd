#!/usr/bin/env bash
# The API behind a real shared cache: Debian's nginx with proxy_cache and proxy_cache_revalidate, in
# front of the API set to Caching:CacheControl="public, max-age=1". A first request is a
# miss the API answers 200; a second is a hit the API never sees; once the answer is stale, nginx
# revalidates it with a conditional GET, which the API answers 304 (its request log shows it) and
# nginx serves its stored body. A client's own If-None-Match is then answered 304 by nginx.
# Needs a built Api (dotnet build); installs Debian's nginx if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require nginx
api_port=$(free_port)
proxy_port=$(free_port)
target=/convert/int/42
work=$(mktemp -d)
api_pid=""
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

Caching__CacheControl="public, max-age=1" \
    dotnet run --project Api --no-build --no-launch-profile -- --urls "http://127.0.0.1:$api_port" >"$work/api.log" 2>&1 &
api_pid=$!

# nginx's workers write the cache; they may run as another user than the master.
chmod a+rx "$work"
mkdir -m 777 "$work/cache"
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/cache;
    proxy_temp_path $work/cache;
    proxy_cache_path $work/cache/api keys_zone=api:1m use_temp_path=off;
    server {
        listen 127.0.0.1:$proxy_port;
        location / {
            proxy_pass http://127.0.0.1:$api_port;
            proxy_cache api;
            proxy_cache_revalidate on;
            add_header X-Cache-Status \$upstream_cache_status always;
        }
    }
}
CONF
nginx -c "$work/nginx.conf"
for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:$api_port/readyz" && break; sleep 1; done

# One request through nginx, then what the client got and what reached the API since the last one.
seen=0
step() {
    local name=$1 expected=$2
    shift 2
    local got
    : >"$work/body"
    got=$(curl -s -o "$work/body" -w '%{http_code} %header{x-cache-status} %header{etag}' "$@" "http://127.0.0.1:$proxy_port$target")
    sleep 0.3 # the API writes its log line just after it answers
    local lines api
    lines=$(grep "Path: $target " "$work/api.log" || true)
    api=$(printf '%s\n' "$lines" | tail -n +$((seen + 1)) | sed -n 's/.*Method: \([A-Z]*\) .*StatusCode: \([0-9]*\) .*/\1 \2/p' | paste -sd, -)
    seen=$(printf '%s' "$lines" | grep -c . || true)
    read -r status cache etag <<<"$got"
    echo "| $name | $status $(wc -c <"$work/body") bytes | $cache | ${api:-nothing} | $expected |"
    [ "$status ${cache} ${api:-nothing}" = "$expected" ] || failed=1
    last_etag=$etag
}

failed=0
echo "| request through nginx | client got | nginx cache | reached the API | expected (status, cache, API) |"
echo "|---|---|---|---|---|"
step "first" "200 MISS GET 200"
step "again at once" "200 HIT nothing"
sleep 1.5
step "once stale (max-age=1)" "200 REVALIDATED GET 304"
step "the client's If-None-Match" "304 HIT nothing" -H "If-None-Match: $last_etag"
echo "the API's log line for nginx's revalidation:"
grep "Path: $target .*StatusCode: 304" "$work/api.log" || failed=1
exit $failed
