#!/usr/bin/env python3
"""Items through replicas, checked from outside (scripts/run-behind-nginx.sh and scripts/check-image.sh run it).

  python3 scripts/check-items.py across URL_A URL_B
      An item's ETag read from one replica works as If-Match on the other, and a stale one is refused there: one
      line per step.

  python3 scripts/check-items.py load URL [--clients N] [--seconds S]
      N clients (threads) read and write items through URL until S seconds have passed or SIGINT or SIGTERM comes.
      Each works on items of its own, so that the final state of each is known: it creates (POST), reads back (GET,
      which must show its last acknowledged write), replaces with If-Match (PUT), deletes with If-Match (DELETE), and
      lists a page. Every request has a client timeout: one without a whole answer by then is a hang. Then everything
      is read back: every 201, 200 and 204 must be in the final state (created items with their fields, replaced ones
      at the version their answer gave, deleted ones gone); an item whose write got no answer is in one of its two
      states; and every item of the run that is stored is one whose create was answered 201, or at most one per create
      that got no answer (else a create was made twice).

Prints what it checked and a table of the requests; exits 1 on any 5xx, hang, unexpected answer or difference.
"""
import argparse
import http.client
import json
import secrets
import signal
import sys
import threading
import time
import urllib.parse
from decimal import Decimal

CLIENT_TIMEOUT = 10  # seconds; the store's own timeout is 5 s


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body, parse_float=Decimal)

    @property
    def etag(self):
        return self.headers.get("ETag")


def send(base, method, path, body=None, headers=None):
    """One request on a connection of its own; None when no whole answer came within the client timeout."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=CLIENT_TIMEOUT)
    headers = dict(headers or {})
    data = None
    if body is not None:
        # Prices go as JSON numbers: a float's shortest form is the decimal written, two decimals at most here.
        data = json.dumps(body, default=float).encode()
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, data, headers)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def state_of(answer):
    """(id, name, price, version) of an item answer: version from its ETag, "id.version"."""
    item = answer.json()
    item_id, version = answer.etag.strip('"').split(".")
    assert int(item_id) == item["id"], answer.etag
    return (item["id"], item["name"], Decimal(item["price"]), int(version))


def describe(state):
    return "gone" if state is None else f"{state[0]} {state[1]!r} {state[2]:.2f} version {state[3]}"


# --- across --------------------------------------------------------------------------------------------------------

def across(first, second):
    failures = 0

    def step(what, ok):
        nonlocal failures
        print(f"{'PASS' if ok else 'FAIL'} {what}")
        failures += 0 if ok else 1
        return ok

    created = send(first, "POST", "/items", {"name": "across replicas", "price": Decimal("1.50")})
    if not step(f"POST /items through {first}: 201 with an ETag", created is not None and created.status == 201 and created.etag):
        return 1
    item_id, etag = created.json()["id"], created.etag
    target = f"/items/{item_id}"
    read = send(second, "GET", target)
    step(f"GET {target} through {second}: 200 with the same ETag {etag}", read is not None and read.status == 200 and read.etag == etag)
    replaced = send(second, "PUT", target, {"name": "replaced on the other", "price": Decimal("2.50")}, {"If-Match": etag})
    step(f"PUT {target} through {second} with If-Match {etag}, the ETag the first gave: 200, ETag \"{item_id}.2\"",
         replaced is not None and replaced.status == 200 and replaced.etag == f'"{item_id}.2"')
    stale = send(first, "PUT", target, {"name": "stale", "price": Decimal("3.50")}, {"If-Match": etag})
    step(f"PUT {target} through {first} with the now stale If-Match {etag}: 412", stale is not None and stale.status == 412)
    again = send(first, "GET", target)
    step(f"GET {target} through {first}: the second's replacement and its ETag",
         again is not None and again.status == 200 and again.etag == f'"{item_id}.2"' and again.json()["name"] == "replaced on the other")
    deleted = send(first, "DELETE", target, headers={"If-Match": f'"{item_id}.2"'})
    step(f"DELETE {target} through {first} with If-Match \"{item_id}.2\", the ETag the second gave: 204", deleted is not None and deleted.status == 204)
    gone = send(second, "GET", target)
    step(f"GET {target} through {second}: 404", gone is not None and gone.status == 404)
    return 1 if failures else 0


# --- load ----------------------------------------------------------------------------------------------------------

class Load:
    OPERATIONS = ["POST /items", "GET /items/{id}", "PUT /items/{id}", "DELETE /items/{id}", "GET /items"]

    def __init__(self, base, run):
        self.base, self.run = base, run
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.acknowledged = {}  # id -> state, or None once deleted
        self.unacknowledged = {}  # id -> (state before, state attempted)
        self.unanswered_creates = []  # names of creates that got no answer or a 5xx: stored once, or not at all
        self.problems = []
        self.counts = {operation: {"2xx": 0, "4xx": 0, "5xx": 0, "no answer": 0, "longest": 0.0} for operation in self.OPERATIONS}

    def request(self, operation, method, path, body=None, headers=None):
        started = time.monotonic()
        answer = send(self.base, method, path, body, headers)
        took = time.monotonic() - started
        kind = "no answer" if answer is None else f"{answer.status // 100}xx"
        with self.lock:
            counts = self.counts[operation]
            counts[kind] = counts.get(kind, 0) + 1
            counts["longest"] = max(counts["longest"], took)
            if answer is None or answer.status >= 500:
                self.problems.append(f"{method} {path}: {'no answer within %d s' % CLIENT_TIMEOUT if answer is None else answer.status}")
        return answer

    def surprise(self, method, path, answer, what):
        with self.lock:
            self.problems.append(f"{method} {path}: {answer.status} {answer.body[:200]!r}, {what}")

    def client(self, number):
        try:
            self.steps(number)
        except Exception as failure:  # an answer this client cannot read is a failure, not a silent end
            with self.lock:
                self.problems.append(f"client {number} stopped: {failure!r}")

    def steps(self, number):
        mine = []  # this client's items, as last acknowledged
        step = 0
        while not self.stopping.is_set():
            name = f"{self.run} client {number} step {step}"
            price = Decimal(number) + Decimal(step % 10000) / 100
            action = "create" if not mine else ["create", "read", "replace", "create", "read", "delete"][step % 6]
            pick = step * 7919 % len(mine) if mine else None
            if action == "create":
                self.create(mine, name, price)
            elif action == "read":
                self.read(mine[pick])
            elif action == "replace":
                self.replace(mine, pick, name, price)
            else:
                self.delete(mine, pick)
            if step % 10 == 9:
                page = self.request("GET /items", "GET", "/items?limit=20")
                if page is not None and page.status != 200:
                    self.surprise("GET", "/items?limit=20", page, "not 200")
            step += 1

    def create(self, mine, name, price):
        answer = self.request("POST /items", "POST", "/items", {"name": name, "price": price})
        if answer is not None and answer.status == 201:
            state = state_of(answer)
            if state[1:] != (name, price, 1):
                self.surprise("POST", "/items", answer, f"not {name!r} {price} version 1")
            mine.append(state)
            with self.lock:
                self.acknowledged[state[0]] = state
        else:
            if answer is not None and answer.status < 500:
                self.surprise("POST", "/items", answer, "not 201")
            with self.lock:
                self.unanswered_creates.append(name)

    def read(self, state):
        path = f"/items/{state[0]}"
        answer = self.request("GET /items/{id}", "GET", path)
        if answer is not None and answer.status < 500 and (answer.status != 200 or state_of(answer) != state):
            self.surprise("GET", path, answer, f"not the last acknowledged {describe(state)}")

    def replace(self, mine, pick, name, price):
        state = mine[pick]
        path = f"/items/{state[0]}"
        attempted = (state[0], name, price, state[3] + 1)
        answer = self.request("PUT /items/{id}", "PUT", path, {"name": name, "price": price}, {"If-Match": f'"{state[0]}.{state[3]}"'})
        if answer is not None and answer.status == 200:
            if state_of(answer) != attempted:
                self.surprise("PUT", path, answer, f"not {describe(attempted)}")
            mine[pick] = attempted
            with self.lock:
                self.acknowledged[state[0]] = attempted
            return
        if answer is not None and answer.status < 500:
            self.surprise("PUT", path, answer, "not 200")
        self.abandon(mine, pick, attempted)

    def delete(self, mine, pick):
        state = mine[pick]
        path = f"/items/{state[0]}"
        answer = self.request("DELETE /items/{id}", "DELETE", path, headers={"If-Match": f'"{state[0]}.{state[3]}"'})
        if answer is not None and answer.status == 204:
            del mine[pick]
            with self.lock:
                self.acknowledged[state[0]] = None
            return
        if answer is not None and answer.status < 500:
            self.surprise("DELETE", path, answer, "not 204")
        self.abandon(mine, pick, None)

    def abandon(self, mine, pick, attempted):
        """A write without an answer may or may not have been made: its item is left alone from then on."""
        state = mine.pop(pick)
        with self.lock:
            self.acknowledged.pop(state[0], None)
            self.unacknowledged[state[0]] = (state, attempted)

    def stored(self, item_id):
        answer = send(self.base, "GET", f"/items/{item_id}")
        if answer is None or answer.status not in (200, 404):
            raise RuntimeError(f"GET /items/{item_id} while reading back: {'no answer' if answer is None else answer.status}")
        return state_of(answer) if answer.status == 200 else None

    def listed(self):
        """(id, name) of every stored item of this run, walking the list along next."""
        items, target = [], "/items?limit=100"
        while target:
            answer = send(self.base, "GET", target)
            if answer is None or answer.status != 200:
                raise RuntimeError(f"GET {target} while reading back: {'no answer' if answer is None else answer.status}")
            page = answer.json()
            items += [(item["id"], item["name"]) for item in page["items"] if item["name"].startswith(self.run + " ")]
            target = page["next"]
        return items

    def read_back(self):
        differences = []
        for item_id, expected in sorted(self.acknowledged.items()):
            found = self.stored(item_id)
            if found != expected:
                differences.append(f"item {item_id}: acknowledged {describe(expected)}, stored {describe(found)}")
        for item_id, (before, attempted) in sorted(self.unacknowledged.items()):
            found = self.stored(item_id)
            if found not in (before, attempted):
                differences.append(f"item {item_id}: written without an answer, stored {describe(found)}, neither {describe(before)} nor {describe(attempted)}")
        listed = self.listed()
        unanswered = list(self.unanswered_creates)
        unknown = 0
        for item_id, name in listed:
            if item_id in self.acknowledged or item_id in self.unacknowledged:
                continue
            if name in unanswered:
                unanswered.remove(name)  # a create that got no answer, made once
                continue
            unknown += 1
            differences.append(f"item {item_id} {name!r} is stored, but no create answered it: a create made twice")
        alive = sum(1 for state in self.acknowledged.values() if state is not None)
        print(f"Read back: {alive} items as last acknowledged (of them {sum(1 for s in self.acknowledged.values() if s and s[3] > 1)} replaced), "
              f"{len(self.acknowledged) - alive} deleted and gone, {len(self.unacknowledged)} written without an answer and in either state; "
              f"{len(listed)} items of the run listed, {len(self.unanswered_creates) - len(unanswered)} of them from creates without an answer, "
              f"{unknown} that no create answered.")
        return differences


def load(base, clients, seconds):
    run = secrets.token_hex(4)
    work = Load(base, run)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: work.stopping.set())
    threads = [threading.Thread(target=work.client, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    work.stopping.wait(seconds)
    work.stopping.set()
    for thread in threads:
        thread.join()
    print(f"{clients} clients for {time.monotonic() - started:.1f} s through {base} (run {run}):")
    print("| requests | 2xx | 4xx | 5xx | no answer | longest (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for operation, counts in work.counts.items():
        print(f"| {operation} | {counts['2xx']} | {counts['4xx']} | {counts['5xx']} | {counts['no answer']} | {counts['longest']:.2f} |")
    problems = work.problems + work.read_back()
    for problem in problems[:20]:
        print(f"FAIL {problem}")
    if len(problems) > 20:
        print(f"FAIL and {len(problems) - 20} more")
    acknowledged = sum(work.counts[operation]["2xx"] for operation in Load.OPERATIONS[:4])
    print(f"{'PASS' if not problems else 'FAIL'} every acknowledged write ({acknowledged} answered 2xx) is in the final state, "
          "none was made twice, no request got a 5xx or hung")
    return 1 if problems or acknowledged == 0 else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    pair = commands.add_parser("across")
    pair.add_argument("first")
    pair.add_argument("second")
    mixed = commands.add_parser("load")
    mixed.add_argument("url")
    mixed.add_argument("--clients", type=int, default=4)
    mixed.add_argument("--seconds", type=float, default=60)
    arguments = parser.parse_args()
    if arguments.command == "across":
        return across(arguments.first, arguments.second)
    return load(arguments.url, arguments.clients, arguments.seconds)


if __name__ == "__main__":
    sys.exit(main())
