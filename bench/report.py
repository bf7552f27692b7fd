"""Prints bench/run.sh's tables: medians over the rounds, and each server's ratio to the floor."""
import statistics
import sys

path, rounds, duration, warmup, cold, connections, request_log, api_env = sys.argv[1:9]
rows = [line.rstrip("\n").split("\t") for line in open(path)]
servers = ("floor", "template", "api")


def values(label, name, column=3):
    return [float(r[column]) for r in rows if r[1] == label and r[2] == name and r[column] != ""]


def median(label, name, column=3):
    found = values(label, name, column)
    return statistics.median(found) if found else float("nan")


def cold_seconds(label, first, last, column=3):
    """Per round, the mean of the cold seconds first..last; then the median over the rounds."""
    per_round = []
    for r in sorted({row[0] for row in rows}):
        found = [float(row[column]) for row in rows if row[0] == r and row[1] == label
                 and row[2].startswith("cold ") and first <= int(row[2][5:]) <= last]
        if found:
            per_round.append(statistics.mean(found) if column == 3 else (statistics.median(found) if column == 4 else max(found)))
    return statistics.median(per_round) if per_round else float("nan")


print(f"Median of {rounds} rounds; servers on one core, wrk on the other, {connections} connections; "
      f"API request log {request_log}; API environment: {api_env}.\n")

print(f"Steady: each request warmed up {warmup} s, then measured {duration} s.\n")
print("| request | floor req/s | template req/s | API req/s | template/floor | API/floor | API p99 ms |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in ("GET /", "GET /test/42", "POST /exemple", "POST /test"):
    f, t, a = (median(s, name) for s in servers)
    print(f"| {name} | {f:,.0f} | {t:,.0f} | {a:,.0f} | {t / f:.2f} | {a / f:.2f} | {median('api', name, 5):.2f} |")

print(f"\nCold: GET /test/42 from the moment the server answers, one wrk run per second for {cold} s "
      "(p50: the median second's; p99: the worst second's).\n")
print("| seconds | floor req/s | template req/s | API req/s | template/floor | API/floor | floor p50/p99 ms | template p50/p99 ms | API p50/p99 ms |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for first, last in ((1, 5), (6, 10), (11, 20), (1, 10)):
    f, t, a = (cold_seconds(s, first, last) for s in servers)
    latency = [f"{cold_seconds(s, first, last, 4):.2f}/{cold_seconds(s, first, last, 5):.2f}" for s in servers]
    print(f"| {first - 1}-{last} | {f:,.0f} | {t:,.0f} | {a:,.0f} | {t / f:.2f} | {a / f:.2f} | {' | '.join(latency)} |")

print("\n| figure | floor | template | API | template/floor | API/floor |")
print("|---|---:|---:|---:|---:|---:|")
for name in ("start-up ms", "RSS MB after load"):
    f, t, a = (median(s, name) for s in servers)
    print(f"| {name} | {f:.0f} | {t:.0f} | {a:.0f} | {t / f:.2f} | {a / f:.2f} |")

# The first second from which a server's GET /test/42 holds 90 % of its steady rate.
reached = []
for s in servers:
    steady = median(s, "GET /test/42")
    per_round = []
    for r in sorted({row[0] for row in rows}):
        seconds = sorted((int(row[2][5:]), float(row[3])) for row in rows if row[0] == r and row[1] == s and row[2].startswith("cold "))
        hit = next((second for second, rps in seconds if all(later >= 0.9 * steady for _, later in seconds[second - 1:])), None)
        per_round.append(hit if hit is not None else float("inf"))
    reached.append(statistics.median(per_round))
print("| seconds to 90 % of steady GET /test/42 | " + " | ".join("never" if x == float("inf") else f"{x:.0f}" for x in reached) + " | | |")

# A benchmark of error answers measures something else: every phase's non-2xx answers and socket errors.
counts = []
for s in servers:
    non2xx = sum(int(r[6]) for r in rows if r[1] == s and r[6] != "")
    errors = sum(int(r[7]) for r in rows if r[1] == s and r[7] != "")
    counts.append(f"{s} {non2xx}/{errors}")
print("\nNon-2xx answers / socket errors, all phases and rounds: " + ", ".join(counts) + ".")
