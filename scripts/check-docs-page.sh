#!/usr/bin/env bash
# Loads /docs in headless Chromium and checks that the rendered page shows every operation of
# the OpenAPI document (by its summary), then that the page's "Test Request" sends a request to
# the API wherever it runs (here on a free port, not 5000) and shows its 200 answer.
# Every host but 127.0.0.1 is unresolvable, so the page must work offline.
# Needs a built Api (dotnet build); installs Debian's chromium if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require chromium
port=${DOCS_CHECK_PORT:-$(free_port)}
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

chromium_flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run
    --disable-component-update --disable-sync --disable-quic
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")

chromium "${chromium_flags[@]}" --user-data-dir="$work/profile" \
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

# The page driven as a person would: "Test Request" on GET /test, then "Send". Chromium is driven
# over the DevTools protocol on a pipe (file descriptors 3 and 4), with nothing but the standard library.
python3 - "$url" "$work/profile-client" "${chromium_flags[@]}" <<'PY'
import json, os, re, subprocess, sys, time

url, profile, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
commands, to_chromium = os.pipe()
from_chromium, replies = os.pipe()


def as_fds_3_and_4():
    os.dup2(commands, 3)
    os.dup2(replies, 4)


chromium = subprocess.Popen(["chromium", *flags, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
                            preexec_fn=as_fds_3_and_4, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(commands)
os.close(replies)
pending, last_id = b"", 0


def send(method, params=None, session=None):
    global pending, last_id
    last_id += 1
    os.write(to_chromium, json.dumps({"id": last_id, "method": method, "params": params or {}, **({"sessionId": session} if session else {})}).encode() + b"\0")
    while True:
        while b"\0" not in pending:
            chunk = os.read(from_chromium, 65536)
            if not chunk:
                sys.exit("Chromium closed the DevTools pipe")
            pending += chunk
        message, pending = pending.split(b"\0", 1)
        reply = json.loads(message)
        if reply.get("id") == last_id:
            return reply.get("result", {})


def evaluate(expression):
    return send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True}, page)["result"].get("value")


def wait_for(expression, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := evaluate(expression):
            return value
        time.sleep(0.25)
    return None


def click(text):
    return evaluate(f"(b => b ? (b.click(), true) : false)([...document.querySelectorAll('button')].find(b => b.innerText.includes({json.dumps(text)})))")


try:
    target = send("Target.createTarget", {"url": f"{url}/docs/"})["targetId"]
    page = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    button = "Test Request\n(get /test)"
    if not wait_for(f"[...document.querySelectorAll('button')].some(b => b.innerText.includes({json.dumps(button)}))") or not click(button):
        sys.exit("the page shows no 'Test Request' button for GET /test")
    if not wait_for("[...document.querySelectorAll('button')].some(b => b.innerText.startsWith('Send'))") or not click("Send"):
        sys.exit("the API client opened by 'Test Request' has no 'Send' button")
    answer = wait_for(r"(t => /Status:\s*200 OK/.test(t) && t.includes('test_endpoint_get') ? t : null)(document.body.innerText)")
    sent_to = re.search(r"Server:\s*(\S+)", evaluate("document.body.innerText") or "")
    print(f"'Test Request' on GET /test, sent to {sent_to.group(1) if sent_to else '?'}: "
          + ("200 OK and test_endpoint_get shown in the page" if answer else "no 200 answer shown in the page"))
    sys.exit(0 if answer and sent_to and sent_to.group(1) == url else 1)
finally:
    chromium.kill()
    chromium.wait()
PY

grep -q 'Method: GET Path: /test .*StatusCode: 200' "$work/api.log" || { echo "the API logged no GET /test answered 200"; exit 1; }
echo "the API logged the page's GET /test, answered 200"
