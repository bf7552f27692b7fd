#!/usr/bin/env bash
# Loads /docs in headless Chromium, as a first visit (an empty profile), and checks that:
#  - Scalar's script comes gzip-compressed;
#  - the page shows the operations, not Scalar's loading skeleton, and prints how long that took;
#  - the sidebar lists the document's operations, by summary, in its order (the tutorial's), HEAD
#    and OPTIONS left out (their tag carries x-scalar-ignore), and leads to their sections;
#  - the page's "Test Request" sends a request to the API wherever it runs (here on a free port,
#    not 5000) and shows its 200 answer.
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

sent=$(curl -fs -H 'Accept-Encoding: gzip' -D "$work/script.headers" -o /dev/null -w '%{size_download}' "$url/docs/scalar.js")
whole=$(curl -fs -o /dev/null -w '%{size_download}' "$url/docs/scalar.js")
grep -qi '^Content-Encoding: gzip' "$work/script.headers" || { echo "/docs/scalar.js is not sent gzip-compressed"; exit 1; }
echo "/docs/scalar.js: ${whole} bytes, ${sent} sent gzip-compressed"

# Chromium driven over the DevTools protocol on a pipe (file descriptors 3 and 4), with nothing but the standard library.
python3 - "$url" "$work/profile" Api/OpenApi/openapi.json <<'PY'
import json, os, re, subprocess, sys, time

url, profile, document_path = sys.argv[1:4]
flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--window-size=1280,900",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
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
        time.sleep(0.05)
    return None


def click(text):
    return evaluate(f"(b => b ? (b.click(), true) : false)([...document.querySelectorAll('button')].find(b => b.innerText.includes({json.dumps(text)})))")


# What the sidebar should list: the document's operations in its order, by tag in the order of `tags`, those under a
# tag Scalar ignores left out.
document = json.load(open(document_path, encoding="utf-8"))
hidden = {tag["name"] for tag in document.get("tags", []) if tag.get("x-scalar-ignore")}
tags = [tag["name"] for tag in document.get("tags", []) if tag["name"] not in hidden]
operations = [(method.upper(), path, operation["summary"], operation["tags"][0])
              for path, item in document["paths"].items() for method, operation in item.items()
              if method != "parameters" and not hidden.intersection(operation["tags"])]
expected = [f"{method} {path}" for tag in tags for method, path, _, operation_tag in operations if operation_tag == tag]

# Sidebar entries of operations: data-sidebar-id "v1/tag/<tag>/<METHOD><path>", the summary as title; the
# operation's section on the page has that id too, and the summary as label.
entries = ("[...document.querySelectorAll('li[data-sidebar-id*=\"/tag/\"]')]"
           ".filter(e => /\\/tag\\/[^/]+\\/[A-Z]+\\//.test(e.dataset.sidebarId))"
           ".map(e => [e.dataset.sidebarId, e.querySelector('a > div:nth-of-type(2)')?.textContent.trim()])")
shown = (f"(ids => ids.length >= {len(expected)} && document.querySelectorAll('[class*=\"skeleton\"]').length === 0"
         " && document.getElementById(ids[0][0])?.getAttribute('label'))(" + entries + ")")

try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    page = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Performance.enable", {}, page)
    started = time.monotonic()
    send("Page.navigate", {"url": f"{url}/docs/"}, page)
    if not wait_for(shown, seconds=60):
        skeletons = evaluate("document.querySelectorAll('[class*=\"skeleton\"]').length")
        sys.exit(f"a first load of /docs shows no operations after 60 s ({skeletons} skeleton elements)")
    elapsed = time.monotonic() - started
    busy = {m["name"]: m["value"] for m in send("Performance.getMetrics", {}, page)["metrics"]}["TaskDuration"]
    print(f"first load of /docs: the operations shown after {elapsed:.2f} s, the page's main thread busy {busy:.2f} s of it", flush=True)

    found = evaluate(entries)
    listed = [re.sub(r"^[^/]+/tag/[^/]+/([A-Z]+)(/.*)$", r"\1 \2", entry) for entry, _ in found]
    titles = [title for _, title in found]
    summaries = [summary for tag in tags for _, _, summary, operation_tag in operations if operation_tag == tag]
    print(f"the sidebar lists {len(listed)} operations: {', '.join(listed)}", flush=True)
    if listed != expected or titles != summaries:
        print(f"  expected, in the document's order: {', '.join(expected)}")
        print(f"  titles: {titles}; the summaries: {summaries}")
        sys.exit(1)
    if any(entry.split()[0] in ("HEAD", "OPTIONS") for entry in listed) or listed[:1] != ["GET /"]:
        sys.exit("the sidebar lists HEAD or OPTIONS operations, or does not start with GET /")

    # Each entry leads to its operation's section, rendered once shown: the last one, then GET /test's.
    for entry, title in (found[-1], found[expected.index("GET /test")]):
        evaluate(f"document.querySelector('li[data-sidebar-id={json.dumps(entry)}] a').click()")
        if wait_for(f"document.getElementById({json.dumps(entry)})?.getAttribute('label')") != title:
            sys.exit(f"the sidebar's entry '{title}' does not lead to its section")
    print(f"the sidebar leads to the sections of '{found[-1][1]}' and '{found[expected.index('GET /test')][1]}'", flush=True)

    # The page driven as a person would: "Test Request" on GET /test, then "Send".
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
