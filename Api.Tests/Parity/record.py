#!/usr/bin/env python3
"""Re-records the parity transcripts from a live instance of the tutorial's Flask app.

Each transcript file holds a list of cases: a request (method, raw path, headers, body) and
the response the Flask app gave to it (status, Allow, Content-Type, Content-Length, body).
This script sends every request again, exactly as written (no path normalisation), and
rewrites the responses in place. Usage:

    python3 -m flask --app flask_app run --port 5055   # in the Flask app's folder
    python3 Api.Tests/Parity/record.py --base-url http://127.0.0.1:5055
"""
import argparse
import base64
import glob
import http.client
import json
import os
import sys
import urllib.parse


def request_body(request):
    if "bodyBase64" in request:
        return base64.b64decode(request["bodyBase64"])
    if "body" in request:
        return request["body"].encode("utf-8")
    return None


def record(base_url, case):
    url = urllib.parse.urlsplit(base_url)
    request = case["request"]
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        body = request_body(request)
        connection.putrequest(request["method"], request["path"], skip_accept_encoding=True)
        for name, value in request.get("headers", {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()

    allow = response.getheader("Allow")
    recorded = {
        "status": response.status,
        "allow": sorted(m.strip() for m in allow.split(",")) if allow else None,
        "contentType": response.getheader("Content-Type"),
        "contentLength": int(response.getheader("Content-Length", "0")),
    }
    try:
        recorded["body"] = payload.decode("utf-8")
    except UnicodeDecodeError:
        recorded["bodyBase64"] = base64.b64encode(payload).decode("ascii")
    return recorded


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:5055")
    parser.add_argument("files", nargs="*", help="transcript files (default: all in Transcripts/)")
    args = parser.parse_args()

    files = args.files or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "Transcripts", "*.json")))
    for path in files:
        with open(path, encoding="utf-8") as handle:
            cases = json.load(handle)
        for case in cases:
            case["flask"] = record(args.base_url, case)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(cases, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        print(f"{path}: {len(cases)} cases recorded", file=sys.stderr)


if __name__ == "__main__":
    main()
