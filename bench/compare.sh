#!/usr/bin/env bash
# Builds of the API side by side with raw Kestrel and the controllers template in one run, to keep or drop a change by its figure.
# Each VARIANT is label=git-revision (published as the Dockerfile does, with the image's runtime
# environment) or label=revision+NAME=value,NAME=value (the same build with more environment).
# Each round measures every server in turn as bench/run.sh does (measure_server in bench/lib.sh): start-up,
# COLD seconds of GET /test/42 from the first answer, the four tutorial requests (all warmed up WARMUP s
# each, then each measured DURATION s), and RSS.
# Each round runs the servers in the other order than the one before (measure_rounds): use an even number of rounds.
#   VARIANTS="before=main after=HEAD" ROUNDS=4 bash bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-4}
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

measure_rounds floor template "${variants[@]%%=*}"

python3 bench/compare.py "$results" "$ROUNDS" "${variants[@]}"
