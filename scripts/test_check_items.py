"""scripts/check-items.py finds what it promises to find, against a small items server in this process that keeps
its writes, or loses one, makes a create twice, or answers a 502: only the first passes. .ci/run runs them."""
import json
import os
import re
import subprocess
import sys
import threading
import unittest
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-items.py")


class Items(BaseHTTPRequestHandler):
    """/items as the API answers it, with one fault when the server's `fault` says so."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def answer(self, status, item=None, body=None):
        data = json.dumps(item if body is None else body).encode() if item is not None or body is not None else b""
        self.send_response(status)
        if item is not None:
            self.send_header("ETag", f'"{item["id"]}.{item["version"]}"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def shown(self, item):
        return {key: value for key, value in item.items() if key != "version"}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        store = self.server.store
        with self.server.lock:
            if url.path == "/items":
                query = urllib.parse.parse_qs(url.query)
                after, limit = int(query.get("after", ["0"])[0]), int(query.get("limit", ["20"])[0])
                ids = sorted(i for i in store if i > after)
                page = [self.shown(store[i]) for i in ids[:limit]]
                next_page = f"/items?after={ids[limit - 1]}&limit={limit}" if len(ids) > limit else None
                return self.answer(200, body={"items": page, "next": next_page})
            item = store.get(int(url.path.rsplit("/", 1)[1]))
        if item is None:
            return self.answer(404, body={"status": 404})
        self.answer(200, body=self.shown(item), item=item)

    def do_POST(self):
        fields = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            self.server.creates += 1
            copies = 2 if self.server.fault == "create twice" and self.server.creates == 5 else 1
            for _ in range(copies):
                self.server.last_id += 1
                item = {"id": self.server.last_id, "name": fields["name"], "description": None, "price": fields["price"], "version": 1}
                self.server.store[item["id"]] = item
        if self.server.fault == "create answered 502" and self.server.creates == 3:
            return self.answer(502, body={"status": 502})
        self.answer(201, body=self.shown(item), item=item)

    def do_PUT(self):
        fields = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            item = self.server.store.get(int(self.path.rsplit("/", 1)[1]))
            if item is None:
                return self.answer(404, body={"status": 404})
            if self.headers["If-Match"] != f'"{item["id"]}.{item["version"]}"':
                return self.answer(412, body={"status": 412})
            self.server.replaces += 1
            if self.server.fault == "502" and self.server.replaces == 2:
                return self.answer(502, body={"status": 502})
            replaced = dict(item, name=fields["name"], price=fields["price"], version=item["version"] + 1)
            if not (self.server.fault == "lose a replace" and self.server.replaces > 3):
                self.server.store[item["id"]] = replaced
        self.answer(200, body=self.shown(replaced), item=replaced)

    def do_DELETE(self):
        with self.server.lock:
            item = self.server.store.get(int(self.path.rsplit("/", 1)[1]))
            if item is None:
                return self.answer(404, body={"status": 404})
            if self.headers["If-Match"] != f'"{item["id"]}.{item["version"]}"':
                return self.answer(412, body={"status": 412})
            del self.server.store[item["id"]]
        self.answer(204)


def check(*arguments, fault=None):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Items)
    server.store, server.lock, server.fault = {}, threading.Lock(), fault
    server.last_id = server.creates = server.replaces = 0
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        command = [sys.executable, CHECKER, *[url if a == "URL" else a for a in arguments]]
        run = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        return run.returncode, run.stdout + run.stderr
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class CheckItemsTests(unittest.TestCase):
    def test_a_server_that_keeps_every_write_passes(self):
        status, output = check("load", "URL", "--clients", "2", "--seconds", "1")
        self.assertEqual(status, 0, output)
        self.assertRegex(output, r"PASS every acknowledged write \([1-9][0-9]* answered 2xx\)")
        self.assertNotIn("FAIL", output)

    def test_a_replace_answered_200_but_not_kept_is_named(self):
        status, output = check("load", "URL", "--clients", "2", "--seconds", "1", fault="lose a replace")
        self.assertEqual(status, 1, output)
        self.assertRegex(output, r"FAIL (item \d+: acknowledged .* version [2-9]\d*, stored|GET /items/\d+: 200 .*not the last acknowledged)")

    def test_a_create_made_twice_is_named(self):
        status, output = check("load", "URL", "--clients", "2", "--seconds", "1", fault="create twice")
        self.assertEqual(status, 1, output)
        self.assertRegex(output, r"FAIL item \d+ '[0-9a-f]{8} client \d step \d+' is stored, but no create answered it: a create made twice")

    def test_a_5xx_fails_the_check_and_its_write_is_left_either_way(self):
        status, output = check("load", "URL", "--clients", "1", "--seconds", "1", fault="502")
        self.assertEqual(status, 1, output)
        self.assertRegex(output, r"FAIL PUT /items/\d+: 502")
        self.assertTrue(re.search(r"\b1 written without an answer and in either state", output), output)

    def test_a_create_made_but_answered_502_is_a_failure_and_its_item_is_not_taken_for_a_create_made_twice(self):
        status, output = check("load", "URL", "--clients", "1", "--seconds", "1", fault="create answered 502")
        self.assertEqual(status, 1, output)
        self.assertIn("FAIL POST /items: 502", output)
        self.assertIn("1 of them from creates without an answer, 0 that no create answered", output)
        self.assertNotIn("made twice", output.replace("none was made twice", ""))

    def test_across_replicas_passes_on_a_server_that_honours_if_match(self):
        status, output = check("across", "URL", "URL")
        self.assertEqual(status, 0, output)
        self.assertEqual(output.count("PASS"), 7, output)


if __name__ == "__main__":
    unittest.main()
