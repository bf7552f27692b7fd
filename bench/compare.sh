#!/usr/bin/env bash
# Builds of the API side by side with raw Kestrel and the controllers template in one run, to keep or drop a change by its figure.
# Each VARIANT is label=git-revision (published as the Dockerfile does, with the image's runtime
# environment) or label=revision+NAME=value,NAME=value (the same build with more environment).
# Each round measures every server in turn as bench/run.sh does (measure_server in bench/lib.sh): start-up,
# COLD seconds of GET /test/42 from the first answer, the four tutorial requests (all warmed up WARMUP s
# each, then each measured DURATION s), and RSS.
#   VARIANTS="before=main after=HEAD" ROUNDS=3 bash bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-10}
COLD=${COLD:-10}
PORT=${PORT:-5087}
read -r -a variants <<<"${VARIANTS:?VARIANTS=label=revision ...}"
source bench/lib.sh
read -r -a image <<<"$(image_env)"
results=$(mktemp)
worktrees=$(mktemp -d)
trap 'rm -f "$results"; rm -rf "$worktrees"; git worktree prune; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

echo "Publishing the floor, the template and each revision (Release, as the Dockerfile does)..." >&2
publish_peers
declare -A dll env
for variant in "${variants[@]}"; do
  label=${variant%%=*} spec=${variant#*=}
  revision=${spec%%+*} extra=""
  [[ $spec == *+* ]] && extra=${spec#*+}
  dir="$out/compare/$(git rev-parse --short "$revision^{commit}")"
  if [ ! -f "$dir/Api.dll" ]; then
    git worktree add -q --detach "$worktrees/$label" "$revision"
    publish_api "$worktrees/$label/Api" "$dir"
  fi
  dll[$label]="$dir/Api.dll"
  env[$label]="${extra//,/ }"
done

for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS..." >&2
  measure_server floor "$out/floor/Floor.dll" "$round"
  measure_server template "$out/template/Template.dll" "$round"
  for variant in "${variants[@]}"; do
    label=${variant%%=*}
    # shellcheck disable=SC2086
    measure_server "$label" "${dll[$label]}" "$round" "${image[@]}" ${env[$label]}
  done
done

python3 - "$results" "$ROUNDS" "${variants[@]}" <<'PY'
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
PY
