"""Prints bench/compare.sh's and bench/features.sh's table: medians over the rounds, and each server's ratio to the floor."""
import statistics, sys
path, rounds, *variants = sys.argv[1:]
labels = ["floor", "template"] + [v.split("=", 1)[0] for v in variants]
rows = [line.rstrip("\n").split("\t") for line in open(path)]
def figure(label, name):
    return statistics.median([float(r[3]) for r in rows if r[1] == label and r[2] == name])
def cold(label, first, last):
    values = []
    for n in sorted({r[0] for r in rows}):
        found = [float(r[3]) for r in rows if r[0] == n and r[1] == label and r[2].startswith("cold ") and first <= int(r[2][5:]) <= last]
        values.append(statistics.mean(found))
    return statistics.median(values)
print(f"Median of {rounds} rounds, each server on one core and wrk on the other; ratios to the floor in the same run.\n")
print("| figure | " + " | ".join(labels) + " | " + " | ".join(f"{l}/floor" for l in labels[1:]) + " |")
print("|---|" + "---:|" * (2 * len(labels) - 1))
names = ["GET /", "GET /test/42", "POST /exemple", "POST /test"]
for name in names:
    values = [figure(l, name) for l in labels]
    print(f"| {name} req/s | " + " | ".join(f"{v:,.0f}" for v in values) + " | " + " | ".join(f"{v / values[0]:.2f}" for v in values[1:]) + " |")
for first, last in ((1, 5), (1, 10)):
    values = [cold(l, first, last) for l in labels]
    print(f"| first {first - 1}-{last} s req/s | " + " | ".join(f"{v:,.0f}" for v in values) + " | " + " | ".join(f"{v / values[0]:.2f}" for v in values[1:]) + " |")
for name in ("start-up ms", "RSS MB after load"):
    values = [figure(l, name) for l in labels]
    print(f"| {name} | " + " | ".join(f"{v:,.0f}" for v in values) + " | " + " | ".join(f"{v / values[0]:.2f}" for v in values[1:]) + " |")
