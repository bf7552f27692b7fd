#!/usr/bin/env bash
# What the host builds before the first answer: the controllers template and the API (as its image
# runs it) are started cold ROUNDS times with bench/StartupServices as a startup hook, which records
# from the dependency injection container's own events each service asked for (GetService, from the
# root or a scope) and each call site built, until the first request (GET /) starts. Prints, per server, the median times of
# the first resolution, the server's readiness and the first request (the listener itself slows
# start-up a little), the counts, and the call sites built grouped by the area of their type.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
source bench/lib.sh
PORT=${PORT:-$(free_port)}
traces=$(mktemp -d)
trap 'rm -rf "$traces"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
read -r -a image <<<"$(image_env)"

echo "Publishing the template, the API and the startup hook (Release)..." >&2
publish_peers
publish_api
dotnet publish bench/StartupServices -c Release -o "$out/startup-services" --nologo -v q >/dev/null
hook=$(realpath "$out/startup-services/StartupServices.dll")

for round in $(seq 1 "$ROUNDS"); do
  for entry in "template|$out/template/Template.dll" "API|$out/api/Api.dll"; do
    IFS='|' read -r label dll <<<"$entry"
    environment=(DOTNET_STARTUP_HOOKS="$hook" STARTUP_SERVICES_OUT="$traces/$label.$round.tsv" RequestLogging__Enabled=false)
    [ "$label" = API ] && environment+=("${image[@]}")
    start_server "$dll" "http://127.0.0.1:$PORT" "${environment[@]}"
    stop_server
  done
done

python3 - "$traces" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
folder, rounds = sys.argv[1], int(sys.argv[2])
servers = ["template", "API"]

def read(label, round):
    rows = [line.rstrip("\n").split("\t") for line in open(f"{folder}/{label}.{round}.tsv")]
    return [(float(ms), mark, service) for ms, mark, service in rows]

def first(rows, mark):
    return next(ms for ms, m, _ in rows if m == mark)

def area(service):
    # The innermost type argument names what a generic (IOptions<T>, IValidator<T>, ILogger<T>) is for.
    inner = re.findall(r"\[([^\[\],]+)\]", service)
    name = (inner[-1] if inner else service).split("`")[0].split("+")[0]
    parts = name.split(".")[:-1]
    return ".".join(parts[:3] if parts[:1] == ["Microsoft"] else parts[:2]) or name

print(f"Median of {rounds} cold starts each, ms since launch (with the listener):\n")
print("| server | first service asked for | server ready | first request | GetService calls | call sites built |")
print("|---|---:|---:|---:|---:|---:|")
built = {}
for label in servers:
    runs = [read(label, r) for r in range(1, rounds + 1)]
    median = lambda mark: statistics.median(first(rows, mark) for rows in runs)
    counts = [sum(m == "resolved" for _, m, _ in runs[0]), sum(m == "built" for _, m, _ in runs[0])]
    print(f"| {label} | {median('resolved'):.0f} | {median('ready'):.0f} | {median('request'):.0f} | {counts[0]} | {counts[1]} |")
    built[label] = collections.Counter(area(s) for _, m, s in runs[0] if m == "built")

print("\nCall sites built before the first request, by the area of their type (the innermost type argument of a generic):\n")
print("| area | template | API |")
print("|---|---:|---:|")
for name, count in sorted(built["API"].items(), key=lambda item: (-item[1], item[0])):
    print(f"| {name} | {built['template'].get(name, 0)} | {count} |")
for name in sorted(set(built["template"]) - set(built["API"])):
    print(f"| {name} | {built['template'][name]} | 0 |")
PY
