"""Prints bench/items.sh's tables (medians over the rounds) and draws the cost of a page as a PNG with gnuplot.

Targets (docs/performance.md, "Items"): the API at least the template's rate on every request, and its writes at
least 0.8 of the floor's; the reads' ratio to the floor is on record. A server is pinned to one CPU (PostgreSQL too,
on the same one unless DB_CPU says otherwise), so 1/rps is the CPU time one request costs there, and the cost per
item of a page is the growth of that time from one page size to the next, divided by the growth of the size.
Exits 1 when any answer, in any phase, was not a 2xx or any socket failed. The tables are laid out as bench/run.sh's
and bench/compare.py's; a script of its own, since compare.py's rows are the tutorial's four requests.
"""
import os
import statistics
import subprocess
import sys

path, rounds, duration, warmup, curve_warmup, connections, items, setup, *servers = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(path)]
providers = [p for p in ("sqlite", "postgres") if any(r[1] == p for r in rows)]
provider_names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
requests = ["GET /items/{id}", "GET /items?limit=20", "PUT /items/{id}", "POST /items"]
writes = {"PUT /items/{id}", "POST /items"}
levers = [s for s in servers if s.startswith("api-")]
tuned_floor = "floor-api-driver" in servers
out = "bench/out"


def median(provider, server, figure, column):
    found = [float(r[column]) for r in rows if r[1] == provider and r[2] == server and r[3] == figure]
    return statistics.median(found) if found else float("nan")


def ratio(a, b):
    return f"{a / b:.2f}" if b > 0 else "n/a"


def cost(rps):
    """Microseconds of one core per request; None when nothing was answered."""
    return 1e6 / rps if rps > 0 else None


def number(value, form):
    return "n/a" if value is None else format(value, form)


print(f"Median of {rounds} rounds; each server on one core (PostgreSQL with it unless DB_CPU says otherwise), wrk on the "
      f"other with {connections} connections; each server on a fresh copy of one database seeded with {items} items; each "
      f"request warmed up {warmup} s, then measured {duration} s; each page size warmed up {curve_warmup} s, then measured "
      f"{duration} s. Compare ratios, not absolute numbers.\n{setup}.\n")

for provider in providers:
    name = provider_names[provider]
    print(f"### {name}\n")
    print("| request | floor req/s | template req/s | API req/s | floor p99 ms | template p99 ms | API p99 ms "
          "| API/floor | API/template | target |")
    print("|---|" + "---:|" * 8 + "---|")
    for request in requests:
        f, t, a = (median(provider, s, request, 4) for s in ("floor", "template", "api"))
        p99 = [median(provider, s, request, 6) for s in ("floor", "template", "api")]
        met = a >= t and (request not in writes or a >= 0.8 * f)
        # A server that answered nothing in the measured seconds (a run too short for it) was not measured.
        verdict = ": not measured" if min(f, t, a) == 0 else ": met" if met else ": NOT met"
        target = ("≥ template, ≥ 0.8 floor" if request in writes else "≥ template (floor on record)") + verdict
        print(f"| {request} | {f:,.0f} | {t:,.0f} | {a:,.0f} | {p99[0]:.2f} | {p99[1]:.2f} | {p99[2]:.2f} "
              f"| {ratio(a, f)} | {ratio(a, t)} | {target} |")
    print()
    if levers:
        print(f"The store's levers on {name}: the API, and the API without one of them; API/variant is what the lever gives.\n")
        print("| request | API req/s | " + " | ".join(f"{l} req/s" for l in levers) + " | "
              + " | ".join(f"API/{l}" for l in levers) + " |")
        print("|---|" + "---:|" * (1 + 2 * len(levers)))
        for request in requests:
            a = median(provider, "api", request, 4)
            values = [median(provider, l, request, 4) for l in levers]
            print(f"| {request} | {a:,.0f} | " + " | ".join(f"{v:,.0f}" for v in values) + " | "
                  + " | ".join(ratio(a, v) for v in values) + " |")
        print()

    if tuned_floor and provider == "postgres":
        print(f"The floor on {name} with the API's driver settings too (Max Auto Prepare, No Reset On Close).\n")
        print("| request | floor req/s | floor with the API's driver settings req/s | API req/s | API/floor with them |")
        print("|---|---:|---:|---:|---:|")
        for request in requests:
            f, d, a = (median(provider, s, request, 4) for s in ("floor", "floor-api-driver", "api"))
            print(f"| {request} | {f:,.0f} | {d:,.0f} | {a:,.0f} | {ratio(a, d)} |")
        print()

sizes = sorted({int(r[3][5:]) for r in rows if r[3].startswith("page ")})
if sizes:
    for provider in providers:
        print(f"### {provider_names[provider]}: GET /items?limit=N\n")
        print("| N | floor req/s | API req/s | API/floor | floor µs per request | API µs per request |")
        print("|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            f, a = (median(provider, s, f"page {n}", 4) for s in ("floor", "api"))
            print(f"| {n} | {f:,.0f} | {a:,.0f} | {ratio(a, f)} | {number(cost(f), ',.1f')} | {number(cost(a), ',.1f')} |")
        print("\n| µs per item, from N to N | floor | API |")
        print("|---|---:|---:|")
        for n1, n2 in zip(sizes, sizes[1:]):
            ends = [(cost(median(provider, s, f"page {n1}", 4)), cost(median(provider, s, f"page {n2}", 4))) for s in ("floor", "api")]
            cells = [None if None in pair else (pair[1] - pair[0]) / (n2 - n1) for pair in ends]
            print(f"| {n1} to {n2} | {number(cells[0], '.2f')} | {number(cells[1], '.2f')} |")
        print()

    os.makedirs(out, exist_ok=True)
    data = f"{out}/items-page-cost.dat"
    with open(data, "w") as handle:
        for n in sizes:
            # gnuplot leaves out a point written as NaN: a size nothing was answered at.
            handle.write(f"{n} " + " ".join(number(cost(median(p, s, f'page {n}', 4)), '.1f').replace('n/a', 'NaN')
                                           for p in providers for s in ("floor", "api")) + "\n")
    plots = ", ".join(f"'{data}' using 1:{2 + 2 * i + k} with linespoints dashtype {1 + k} title '{label} ({provider_names[p]})'"
                      for i, p in enumerate(providers) for k, label in enumerate(("raw Kestrel + ADO.NET (floor)", "API")))
    script = (f"set terminal png size 900,560; set output '{out}/items-page-cost.png'; set grid; "
              f"set key outside bottom center horizontal; set xlabel 'items per page (GET /items?limit=N)'; "
              f"set ylabel 'µs of one core per request (1 / req/s)'; set yrange [0:*]; "
              f"set title 'The cost of a page of items'; plot {plots}")
    subprocess.run(["gnuplot", "-e", script], check=True)
    print(f"Drew {out}/items-page-cost.png\n")

failed = [r for r in rows if int(r[7]) + int(r[8]) > 0]
counts = [f"{s} {sum(int(r[7]) for r in rows if r[2] == s)}/{sum(int(r[8]) for r in rows if r[2] == s)}" for s in servers]
print(f"Non-2xx answers / socket errors, all phases and rounds: {', '.join(counts)}.")
for r in failed:
    print(f"  round {r[0]}, {provider_names[r[1]]}, {r[2]}, {r[3]}: {r[7]} non-2xx, {r[8]} socket errors")
sys.exit(1 if failed else 0)
