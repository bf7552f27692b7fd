#!/usr/bin/env bash
# Shows that each tiered-compilation setting is read, and from where: the API is started cold
# under each variant and loaded at once with GET /test/42 (pinned as in bench/run.sh); the table
# shows start-up and the requests per second (thousands) of each of its first COLD seconds.
# The variants set the knobs through the environment, as the Dockerfile does, and through
# runtimeconfig.json's configProperties, which the runtime does not consult for these knobs; and
# TieredPGO (which the csproj sets, and the runtime reads from both) off each way, for contrast.
set -euo pipefail
cd "$(dirname "$0")/.."

COLD=${COLD:-15}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-5082}
source bench/lib.sh
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
gen0=$(image_env | tr ' ' '\n' | grep '^DOTNET_GCgen0size=' || true)

echo "Publishing the API (Release, linux-x64)..." >&2
publish_api
# copy_with_config folder json: a copy of the published API whose runtimeconfig.json carries more
# configProperties.
copy_with_config() {
  rm -rf "${out:?}/$1" && cp -r "$out/api" "$out/$1"
  python3 - "$out/$1/Api.runtimeconfig.json" "$2" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["runtimeOptions"]["configProperties"].update(json.loads(sys.argv[2]))
json.dump(config, open(sys.argv[1], "w"), indent=2)
PY
}
copy_with_config api-runtimeconfig '{"TC_DelaySingleProcMultiplier": 1, "TC_CallCountingDelayMs": 30}'
copy_with_config api-no-pgo '{"System.Runtime.TieredPGO": false}'
image_tiering=$(image_env | tr " " "\n" | grep "^DOTNET_TC_" | tr "\n" " ")

# label|folder|environment
variants=(
  "runtime defaults|api|"
  "DelaySingleProcMultiplier=1 (environment)|api|DOTNET_TC_DelaySingleProcMultiplier=1"
  "CallCountingDelayMs=30 (environment)|api|DOTNET_TC_CallCountingDelayMs=30"
  "both (environment: the image)|api|$image_tiering"
  "both (runtimeconfig.json)|api-runtimeconfig|"
  "CallCountingDelayMs=0 (environment)|api|DOTNET_TC_CallCountingDelayMs=0"
  "the image, TieredPGO off (environment)|api|$image_tiering DOTNET_TieredPGO=0"
  "the image, TieredPGO off (runtimeconfig.json)|api-no-pgo|$image_tiering"
)

printf '| variant | round | start-up ms |'; for s in $(seq 1 "$COLD"); do printf ' s%s |' "$s"; done; echo
printf '|---|---:|---:|'; for _ in $(seq 1 "$COLD"); do printf -- '---:|'; done; echo
for round in $(seq 1 "$ROUNDS"); do
  for entry in "${variants[@]}"; do
    IFS='|' read -r label folder environment <<<"$entry"
    read -r -a variant_env <<<"$gen0 $environment"
    start_server "$out/$folder/Api.dll" "http://127.0.0.1:$PORT" "${variant_env[@]}" RequestLogging__Enabled=false
    row="| $label | $round | $startup_ms |"
    for _ in $(seq 1 "$COLD"); do
      read -r rps _ < <(load "http://127.0.0.1:$PORT" GET /test/42 "" 1)
      row="$row $(awk -v r="$rps" 'BEGIN { printf "%.0f", r / 1000 }') |"
    done
    stop_server
    echo "$row"
  done
done
