#!/usr/bin/env bash
# What each per-request feature costs: the API as built ("api"), and the same build with one feature turned off,
# side by side with raw Kestrel and the controllers template in one run, as bench/compare.sh measures them (the
# four tutorial requests, start-up, RSS). A feature is turned off by one edit of the source in a worktree of HEAD
# (the edit must change the file, or the script stops), or by a setting where the API has one. "api-again" is the
# API built again like the variants with a comment added: its distance from "api" is what the run cannot resolve.
# Each round runs the builds in the other order than the one before: use an even number of rounds.
# FEATURES picks some variants (FEATURES="api-again no-framing"); every round's rows go to artifacts/bench/features.tsv.
#   ROUNDS=2 bash bench/features.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-10}
COLD=${COLD:-2}
PORT=${PORT:-5089}
source bench/lib.sh
read -r -a image <<<"$(image_env)"

# label|file|sed edit|environment: each turns one feature off.
features=(
  "api-again|Api/Program.cs|\$a // Built again, unchanged.|"
  "no-framing|Api/Program.cs|/app.UseServerRules();/d|"
  "no-werkzeug-paths|Api/Program.cs|/app.UseWerkzeugPaths();/d|"
  "no-werkzeug-matching|Api/Werkzeug/WerkzeugExtensions.cs|/Singleton<MatcherPolicy, WerkzeugMatcherPolicy>/d|"
  "no-security-headers|Api/Program.cs|/app.UseSecurityHeaders();/d|"
  "no-activity|Api/Observability/ObservabilityExtensions.cs|/AddSingleton<IStartupFilter, RequestActivities>/d|"
  "no-metrics|||Metrics__Enabled=false"
  "no-problem-pages|Api/Program.cs|/app.UseExceptionHandler();/d;/app.UseStatusCodePages();/d|"
  "no-etag|Api/Responses/BodyFormatter.cs|s/if (response.StatusCode == StatusCodes.Status200OK \&\&/if (response.StatusCode == -1 \&\&/|"
  "no-request-timeouts|Api/Program.cs|/app.UseRequestTimeouts();/d|"
)

for label in ${FEATURES:-}; do
  printf '%s\n' "${features[@]}" | grep -q "^$label|" || { echo "FEATURES: no variant is named '$label'" >&2; exit 2; }
done

results=$(mktemp)
worktrees=$(mktemp -d)
trap '{ [ -n "${pid:-}" ] && kill "$pid"; } 2>/dev/null || true; rm -rf "$worktrees"; git worktree prune || true
  { [ -s "$results" ] && mkdir -p artifacts/bench && cp "$results" artifacts/bench/features.tsv; } || true; rm -f "$results"' EXIT

echo "Publishing the floor, the template, the API and each variant (Release, as the Dockerfile does)..." >&2
publish_peers
publish_api
declare -A dll env
labels=(api)
dll[api]="$out/api/Api.dll"
env[api]=""
for feature in "${features[@]}"; do
  IFS='|' read -r label file edit extra <<<"$feature"
  [[ " ${FEATURES:-$label} " == *" $label "* ]] || continue
  labels+=("$label")
  env[$label]="$extra"
  dll[$label]="$out/api/Api.dll"
  [ -n "$file" ] || continue
  git worktree add -q --detach "$worktrees/$label" HEAD
  sed -i "$edit" "$worktrees/$label/$file"
  if git -C "$worktrees/$label" diff --quiet; then
    echo "$label: the edit '$edit' changed nothing in $file" >&2
    exit 1
  fi
  publish_api "$worktrees/$label/Api" "$out/features/$label"
  dll[$label]="$out/features/$label/Api.dll"
done

measure_rounds floor template "${labels[@]}"

python3 bench/compare.py "$results" "$ROUNDS" "${labels[@]/%/=}"
