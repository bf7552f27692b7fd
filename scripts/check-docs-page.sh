#!/usr/bin/env bash
# Loads /docs in headless Chromium and checks that the rendered page shows every operation of
# the OpenAPI document (by its summary). Fails when the page renders blank or misses one.
# Every host but 127.0.0.1 is unresolvable, so the page must work offline.
# Needs a built Api (dotnet build) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${DOCS_CHECK_PORT:-5099}
url="http://127.0.0.1:${port}"
work=$(mktemp -d)
api_pid=""
cleanup() {
    [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

dotnet run --project Api --no-build --no-launch-profile -- --urls "$url" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do
    curl -fs "$url/openapi/v1.json" -o /dev/null && break
    sleep 1
done
curl -fs "$url/openapi/v1.json" -o /dev/null || { echo "the API did not start:"; cat "$work/api.log"; exit 1; }

chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --disable-component-update --disable-sync --disable-quic --user-data-dir="$work/profile" \
    --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" \
    --virtual-time-budget=20000 --dump-dom "$url/docs/" >"$work/dom.html" 2>"$work/chromium.log"

python3 - "$work/dom.html" Api/OpenApi/openapi.json <<'PY'
import html, json, re, sys
dom = html.unescape(open(sys.argv[1], encoding="utf-8").read())
document = json.load(open(sys.argv[2], encoding="utf-8"))
# <wbr> is a line-break hint Scalar puts inside paths: not a space.
text = re.sub(r"<[^>]+>", " ", dom.replace("<wbr>", ""))
operations = [(method.upper(), path, op["summary"]) for path, item in document["paths"].items() for method, op in item.items()]
missing = [f"{m} {p}: {s}" for m, p, s in operations if s not in text]
print(f"/docs rendered {len(dom)} bytes; {len(operations) - len(missing)} of {len(operations)} operations found")
for line in missing:
    print(f"  missing: {line}")
sys.exit(1 if missing or not operations else 0)
PY
