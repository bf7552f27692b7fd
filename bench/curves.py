"""Prints bench/curves.sh's tables (medians over the rounds) and draws each curve as a PNG with gnuplot.

A server is pinned to one CPU, so 1/rps is the CPU time one request costs: the cost per field, per
KiB or per connection is the growth of that time from one point to the next, divided by the growth
of x. A curve bends where that marginal cost changes by more than half from one step to the next.
"""
import os
import statistics
import subprocess
import sys

path, rounds, duration, warmup, server_warmup = sys.argv[1:6]
rows = [line.rstrip("\n").split("\t") for line in open(path)]
servers = ("floor", "template", "api")
names = {"floor": "raw Kestrel (floor)", "template": "controllers template", "api": "API"}
out = "bench/out"


def median(server, curve, x, column):
    found = [float(r[column]) for r in rows if r[1] == server and r[2] == curve and r[3] == x]
    return statistics.median(found) if found else float("nan")


def xs(curve):
    return sorted({r[3] for r in rows if r[2] == curve}, key=float)


def marginal(curve, server, unit):
    """Microseconds of one CPU per unit of x between consecutive points."""
    points = [(float(x), 1e6 / median(server, curve, x, 4)) for x in xs(curve)]
    return [((x1, x2), (t2 - t1) / (x2 - x1) / unit) for (x1, t1), (x2, t2) in zip(points, points[1:])]


def bends(steps):
    found = [f"{a[0][1]:g}" for a, b in zip(steps, steps[1:]) if a[1] > 0 and not 0.5 <= b[1] / a[1] <= 1.5]
    return ", ".join(found) if found else "none"


print(f"Median of {rounds} rounds; servers on one core, wrk on the other; each server warmed up "
      f"{server_warmup} s, each point {warmup} s, then measured {duration} s. The API runs as its image does.\n")

failures = sum(int(r[7]) for r in rows)
for curve, unit, unit_name in (("form fields, urlencoded", 1, "field"), ("form fields, multipart", 1, "field"),
                               ("param1 KiB", 1, "KiB")):
    print(f"### POST {'/exemple' if unit_name == 'KiB' else '/test'}: {curve}\n")
    print("| x | floor req/s | template req/s | API req/s | template/floor | API/floor | API µs per request |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for x in xs(curve):
        f, t, a = (median(s, curve, x, 4) for s in servers)
        print(f"| {x} | {f:,.0f} | {t:,.0f} | {a:,.0f} | {t / f:.2f} | {a / f:.2f} | {1e6 / a:,.1f} |")
    print(f"\n| µs per {unit_name}, from x to x | " + " | ".join(names[s] for s in servers) + " |")
    print("|---|" + "---:|" * len(servers))
    steps = {s: marginal(curve, s, unit) for s in servers}
    for i, ((x1, x2), _) in enumerate(steps["api"]):
        print(f"| {x1:g} to {x2:g} | " + " | ".join(f"{steps[s][i][1]:.2f}" for s in servers) + " |")
    print("| bends at | " + " | ".join(bends(steps[s]) for s in servers) + " |\n")

print("### GET /test/42: connections\n")
print("| connections | floor req/s | template req/s | API req/s | API/floor | floor p50/p99 ms | template p50/p99 ms | API p50/p99 ms |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for x in xs("connections"):
    f, t, a = (median(s, "connections", x, 4) for s in servers)
    latency = [f"{median(s, 'connections', x, 5):.2f}/{median(s, 'connections', x, 6):.2f}" for s in servers]
    print(f"| {x} | {f:,.0f} | {t:,.0f} | {a:,.0f} | {a / f:.2f} | {' | '.join(latency)} |")
print("\n| p50 added per connection, from x to x | " + " | ".join(names[s] for s in servers) + " |")
print("|---|" + "---:|" * len(servers))
points = {s: [(float(x), median(s, "connections", x, 5)) for x in xs("connections")] for s in servers}
for i in range(len(points["api"]) - 1):
    cells = [f"{(points[s][i + 1][1] - points[s][i][1]) / (points[s][i + 1][0] - points[s][i][0]) * 1000:.2f} µs" for s in servers]
    print(f"| {points['api'][i][0]:g} to {points['api'][i + 1][0]:g} | " + " | ".join(cells) + " |")
print(f"\nNon-2xx answers and socket errors, all points and rounds: {failures}.")

# One PNG per curve: requests per second (log x), and for connections p50 and p99 too.
os.makedirs(out, exist_ok=True)
for curve, file, xlabel in (("form fields, urlencoded", "curves-form-urlencoded", "fields in the form"),
                            ("form fields, multipart", "curves-form-multipart", "parts in the form"),
                            ("param1 KiB", "curves-body", "param1 KiB"),
                            ("connections", "curves-connections", "connections")):
    data = f"{out}/{file}.dat"
    with open(data, "w") as handle:
        for x in xs(curve):
            handle.write(x + " " + " ".join(f"{median(s, curve, x, 4):.0f} {median(s, curve, x, 5):.3f} {median(s, curve, x, 6):.3f}"
                                            for s in servers) + "\n")
    plots = ", ".join(f"'{data}' using 1:{2 + 3 * i} with linespoints title '{names[s]} req/s'" for i, s in enumerate(servers))
    latency = ""
    if curve == "connections":
        latency = "set y2label 'ms'; set y2tics; set logscale y2;"
        plots += ", " + ", ".join(f"'{data}' using 1:{3 + 3 * i + k} axes x1y2 with lines dashtype {2 + k} title '{names[s]} p{50 if k == 0 else 99} ms'"
                                  for i, s in enumerate(servers) for k in (0, 1))
    script = (f"set terminal png size 900,560; set output '{out}/{file}.png'; set logscale x; set grid; "
              f"set key outside bottom center horizontal; set xlabel '{xlabel}'; set ylabel 'requests per second'; "
              f"set title '{curve}'; {latency} plot {plots}")
    subprocess.run(["gnuplot", "-e", script], check=True)
    print(f"Drew {out}/{file}.png")
