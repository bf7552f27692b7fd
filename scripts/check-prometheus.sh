#!/usr/bin/env bash
# Runs the API and a real Prometheus server (Debian's package) on loopback: Prometheus scrapes
# /metrics every second; after a known number of requests to one route, the script asks
# Prometheus's HTTP API for that route's request count and rate and checks both. Bounded in time,
# everything it started is stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

API_PORT=${API_PORT:-5097}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9097}
REQUESTS=${REQUESTS:-25}
ROUTE='test/{id_test:flask-int}'
api="http://127.0.0.1:$API_PORT"
prometheus="http://127.0.0.1:$PROMETHEUS_PORT"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

require prometheus
dotnet build Api -v q --nologo >/dev/null

ASPNETCORE_ENVIRONMENT=Production dotnet run --project Api --no-build --no-launch-profile -- --urls "$api" >"$work/api.log" 2>&1 &
pids+=($!)
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: api
    static_configs:
      - targets: ["127.0.0.1:$API_PORT"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$work/prometheus.log" 2>&1 &
pids+=($!)

query() { # PromQL -> the first sample's value, or nothing
    curl -fsG "$prometheus/api/v1/query" --data-urlencode "query=$1" |
        python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'
}
wait_for() { # seconds description command...
    local seconds=$1 what=$2; shift 2
    for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    echo "timed out waiting for $what"; cat "$work/api.log" "$work/prometheus.log" | tail -20; exit 1
}
wait_for 60 "the API" curl -fs "$api/healthz"
wait_for 60 "Prometheus" curl -fs "$prometheus/-/ready"
scraped() { [ "$(query 'up{job="api"}')" = 1 ]; }
wait_for 30 "the first scrape" scraped

selector="http_server_request_duration_seconds_count{job=\"api\",http_route=\"$ROUTE\",http_response_status_code=\"200\"}"
count_is() { [ "$(query "$selector")" = "$1" ]; }
send() { for _ in $(seq 1 "$1"); do curl -fs -o /dev/null "$api/test/42"; done; }
# Two batches, each seen by a scrape of its own, so that the rate has two samples to differ.
send 5
wait_for 30 "Prometheus to see 5 requests" count_is 5
send $((REQUESTS - 5))
wait_for 30 "Prometheus to see $REQUESTS requests" count_is "$REQUESTS"
rate=$(query "sum(rate(${selector}[1m]))")

echo "| query | answer |"
echo "|---|---:|"
echo "| \`$selector\` | $REQUESTS |"
echo "| \`sum(rate(...[1m]))\` (requests/s) | $rate |"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0 else 1)" "$rate" || { echo "the request rate is not positive"; exit 1; }
echo "Prometheus scraped /metrics and counted every request to $ROUTE."
