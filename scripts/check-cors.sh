#!/usr/bin/env bash
# CORS in a real browser: the API allows one origin (Cors:AllowedOrigins), and the same page, served
# from that origin and from another one on loopback, fetch()es the API in headless Chromium. From the
# allowed origin the page reads the answers (a form POST /exemple, a preflighted JSON POST /test, the
# exposed ETag), and a PUT the path does not take is refused at its preflight; from the other origin
# every answer is blocked. Needs a built Api (dotnet build); installs Debian's chromium if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require chromium
api_port=$(free_port)
allowed_port=$(free_port)
other_port=$(free_port)
api="http://127.0.0.1:$api_port"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

Cors__AllowedOrigins__0="http://127.0.0.1:$allowed_port" \
    dotnet run --project Api --no-build --no-launch-profile -- --urls "$api" >"$work/api.log" 2>&1 &
pids+=($!)
mkdir "$work/page"
cat >"$work/page/index.html" <<'HTML'
<!doctype html>
<meta charset="utf-8">
<pre id="results">running</pre>
<script>
const api = new URLSearchParams(location.search).get("api");
const attempt = async (name, url, init, read) => {
  try {
    const response = await fetch(api + url, init);
    return [name, `${response.status} ${await read(response)}`];
  } catch (error) {
    return [name, `blocked (${error.name})`];
  }
};
Promise.all([
  attempt("form POST /exemple", "/exemple", { method: "POST", body: new URLSearchParams({ param1: "jeej" }) }, r => r.text()),
  attempt("JSON POST /test (preflighted)", "/test", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }, r => r.text()),
  attempt("PUT /exemple (preflighted)", "/exemple", { method: "PUT" }, r => r.text()),
  attempt("GET /convert/int/42, its ETag", "/convert/int/42", {}, r => r.headers.get("ETag") ? "ETag readable" : "ETag hidden"),
]).then(results => { document.getElementById("results").textContent = JSON.stringify(Object.fromEntries(results)); });
</script>
HTML
for port in "$allowed_port" "$other_port"; do
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/page" >"$work/page-$port.log" 2>&1 &
    pids+=($!)
done
for _ in $(seq 1 60); do
    curl -fs -o /dev/null "$api/readyz" && curl -fs -o /dev/null "http://127.0.0.1:$allowed_port/" &&
        curl -fs -o /dev/null "http://127.0.0.1:$other_port/" && break
    sleep 1
done
curl -fs -o /dev/null "$api/readyz" || { echo "the API did not start:"; cat "$work/api.log"; exit 1; }

for port in "$allowed_port" "$other_port"; do
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$work/profile-$port" \
        --virtual-time-budget=10000 --dump-dom "http://127.0.0.1:$port/index.html?api=$api" >"$work/dom-$port.html" 2>/dev/null
done

if python3 - "$work/dom-$allowed_port.html" "$work/dom-$other_port.html" "$allowed_port" "$other_port" <<'PY'
import html, json, re, sys

def results(path):
    found = re.search(r'<pre id="results">(.*?)</pre>', open(path, encoding="utf-8").read(), re.S)
    try:
        return json.loads(html.unescape(found.group(1)))
    except (AttributeError, ValueError):
        return {}

allowed = {
    "form POST /exemple": '200 {"return1":"jeejAAA"}',
    "JSON POST /test (preflighted)": "200 {}",
    "PUT /exemple (preflighted)": "blocked (TypeError)",
    "GET /convert/int/42, its ETag": "200 ETag readable",
}
expected = {f"http://127.0.0.1:{sys.argv[3]} (allowed)": allowed,
            f"http://127.0.0.1:{sys.argv[4]} (another origin)": {name: "blocked (TypeError)" for name in allowed}}
print("| page's origin | request | the page saw | expected |")
print("|---|---|---|---|")
failed = False
for (origin, wanted), path in zip(expected.items(), sys.argv[1:3]):
    seen = results(path)
    for name, answer in wanted.items():
        failed |= seen.get(name) != answer
        print(f"| {origin} | {name} | {seen.get(name, 'nothing')} | {answer} |")
sys.exit(1 if failed else 0)
PY
then status=0; else status=1; fi

# What reached the API: the preflights, answered 204, and no PUT, which the browser never sent.
preflights=$(grep -c 'Method: OPTIONS .*StatusCode: 204' "$work/api.log" || true)
puts=$(grep -c 'Method: PUT ' "$work/api.log" || true)
echo "the API answered $preflights preflights with 204, and saw $puts PUT"
[ "$preflights" -ge 2 ] && [ "$puts" -eq 0 ] && exit $status
exit 1
