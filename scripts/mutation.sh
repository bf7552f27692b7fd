#!/usr/bin/env bash
# Mutation testing of the product's own logic with Stryker.NET: each change Stryker makes to the folders named
# in Api.Tests/stryker-config.json must make some test fail. Writes the HTML and JSON reports to
# artifacts/mutation/reports/, then prints each folder's score (killed or timed out, of the mutants scored) and
# every mutant that survived, and exits 1 when a folder scores under 95 % (scripts/mutation-score.py).
# About 23 minutes on two cores; not in CI.
# Extra arguments go to Stryker (--mutate '**/Werkzeug/**/*.cs' to try one folder).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

dotnet tool restore >/dev/null
out="$PWD/artifacts/mutation"
rm -rf "$out"
(cd Api.Tests && dotnet stryker --output "$out" "$@")

python3 scripts/mutation-score.py "$out/reports/mutation-report.json"
