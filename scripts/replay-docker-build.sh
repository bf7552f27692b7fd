#!/usr/bin/env bash
# Replays the Dockerfile without Docker, so that the image cannot break unnoticed: its build stage's
# COPY set goes into an empty folder (the tracked files, as a clean clone's build context holds them),
# its RUN commands run there with empty NuGet caches, and the runtime stage's ENV and
# ENTRYPOINT start the published API, which must pass the image's own HEALTHCHECK and answer /.
# Absolute paths in the Dockerfile (/src, /app) are taken inside the folder.
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(mktemp -d)
api_pid=""
cleanup() {
    [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
    rm -rf "$root"
}
trap cleanup EXIT

export NUGET_PACKAGES="$root/nuget-packages" NUGET_HTTP_CACHE_PATH="$root/nuget-http-cache" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$NUGET_PACKAGES"
inside() { sed -E "s#(^|[ =\"])/#\1$root/#g" <<<"$1"; }

stage=""
workdir="$root"
runtime_env=()
entrypoint=""
healthcheck=""
while IFS= read -r line; do
    case "$line" in
        FROM*" AS build"*) stage=build; workdir="$root" ;;
        FROM*) stage=runtime; workdir="$root/runtime"; mkdir -p "$workdir" ;;
        WORKDIR*) [ "$stage" = build ] && workdir=$(inside "${line#WORKDIR }") && mkdir -p "$workdir" ;;
        COPY\ --from=build*)
            read -r _ _ source target <<<"$line"
            cp -a "$(inside "$source")/." "$workdir/$target" ;;
        COPY*)
            read -r -a words <<<"${line#COPY }"
            target=${words[-1]}
            for source in "${words[@]:0:${#words[@]}-1}"; do
                git ls-files -z -- "$source" | while IFS= read -r -d '' file; do
                    if [ "${target: -1}" = / ] && [ "${source: -1}" = / ]; then dest="$workdir/$target${file#"$source"}"; else dest="$workdir/$target$(basename "$file")"; fi
                    mkdir -p "$(dirname "$dest")" && cp "$file" "$dest"
                done
            done ;;
        RUN*)
            [ "$stage" = build ] || continue
            echo "==> ${line#RUN }"
            (cd "$workdir" && bash -euo pipefail -c "$(inside "${line#RUN }")") ;;
        ENV*) [ "$stage" = runtime ] && read -r -a pairs <<<"${line#ENV }" && runtime_env+=("${pairs[@]}") ;;
        ENTRYPOINT*) entrypoint=$(python3 -c 'import json,sys; print(" ".join(json.loads(sys.argv[1])))' "${line#ENTRYPOINT }") ;;
        *"CMD ["*) [ "$stage" = runtime ] && healthcheck=$(python3 -c 'import json,sys; c=json.loads(sys.argv[1]); print(c[-1])' "${line#*CMD }") ;;
    esac
done < <(sed -e ':a' -e '/\\$/N; s/\\\n[[:space:]]*/ /; ta' Dockerfile)

echo "==> ${entrypoint} (with ${runtime_env[*]})"
(cd "$workdir" && exec env "${runtime_env[@]}" $entrypoint >"$root/api.log" 2>&1) &
api_pid=$!
for _ in $(seq 1 50); do
    bash -c "$healthcheck" 2>/dev/null && break
    sleep 0.2
done
if ! bash -c "$healthcheck"; then
    echo "the image's HEALTHCHECK fails:"; cat "$root/api.log"; exit 1
fi
port=$(sed -n 's#.*ASPNETCORE_URLS=http://+:\([0-9]*\).*#\1#p' <<<"${runtime_env[*]}")
answer=$(curl -fsS "http://127.0.0.1:$port/")
[ "$answer" = "Hello World" ] || { echo "GET / answered '$answer'"; exit 1; }
echo "The image builds from an empty package cache, passes its HEALTHCHECK and answers GET / with '$answer'."
