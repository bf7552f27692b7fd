# shellcheck shell=bash
# Sourced by scripts/check-image.sh. Podman from Debian's packages, set up for a sandbox without
# systemd through a containers.conf of its own (CONTAINERS_CONF, never the global one), and local
# stand-ins for the two Microsoft images the Dockerfile starts FROM, for a machine that reaches no
# container registry: a Debian minbase from the machine's own apt sources with the runtime's native
# dependencies and the `app` user (uid and gid 1654, as in Microsoft's images), plus the machine's
# installed .NET runtime (aspnet) and SDK (sdk). A real image of the same name is used as it is.

# podman_ready FOLDER: installs what is missing and writes FOLDER/containers.conf.
podman_ready() {
    local missing=() tool
    for tool in podman runc mmdebstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    local nofile nproc pid_max
    nofile=$(ulimit -Hn) nproc=$(ulimit -Hu) pid_max=$(cat /proc/sys/kernel/pid_max)
    [ "$nofile" = unlimited ] && nofile=1048576
    { [ "$nproc" = unlimited ] || [ "$nproc" -gt "$pid_max" ]; } && nproc=$pid_max
    cat >"$1/containers.conf" <<CONF
[containers]
# Within this machine's hard limits: podman's defaults raise them, which needs CAP_SYS_RESOURCE.
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
# crun refuses a hybrid cgroup v1/v2 layout; without systemd, podman manages cgroups itself and
# writes its events to a file.
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
    export CONTAINERS_CONF="$1/containers.conf"
}

label() { podman image inspect --format "{{index .Labels \"$2\"}}" "$1" 2>/dev/null; }

# The runtime's native dependencies and the app user, on the machine's own Debian suite.
make_runtime_deps() {
    local name=$1 key=$2 suite=$3 icu ssl hooks=()
    [ -n "$(apt-cache pkgnames libicu)" ] || apt-get update -qq
    icu=$(apt-cache pkgnames libicu | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1)
    ssl=$(apt-cache pkgnames libssl3 | grep -E '^libssl3(t64)?$' | sort | tail -n 1)
    # Trusting the machine's own CA certificates, as the machine does: restore reaches NuGet
    # through them here.
    if [ -n "$(ls -A /usr/local/share/ca-certificates 2>/dev/null)" ]; then
        hooks+=(--customize-hook='copy-in /usr/local/share/ca-certificates /usr/local/share'
            --customize-hook='chroot "$1" update-ca-certificates >/dev/null 2>&1')
    fi
    mmdebstrap --quiet --variant=minbase \
        --include="ca-certificates,libc6,libgcc-s1,$icu,$ssl,libstdc++6,tzdata" "${hooks[@]}" \
        --customize-hook='chroot "$1" groupadd --gid=1654 app' \
        --customize-hook='chroot "$1" useradd -l --uid=1654 --gid=1654 --create-home app' \
        "$suite" - "${apt_sources[@]}" |
        podman import --quiet \
            --change 'ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true' \
            --change "LABEL stand-in=\"Debian $suite minbase with .NET's native dependencies and the app user\"" \
            --change "LABEL stand-in.key=$key" \
            - "$name" >/dev/null
}

# The machine's .NET runtime (aspnet) or that plus its SDK (sdk), from the folder of `dotnet`.
make_dotnet_stand_in() {
    local kind=$1 name=$2 key=$3 from=$4 description=$5 containerfile=$stand_in_folder/$1.Containerfile
    {
        echo "FROM $from"
        if [ "$kind" = aspnet ]; then
            echo "ENV DOTNET_VERSION=$runtime ASPNET_VERSION=$aspnet"
            echo "COPY dotnet LICENSE.txt ThirdPartyNotices.txt /usr/share/dotnet/"
            echo "COPY host /usr/share/dotnet/host/"
            echo "COPY shared/Microsoft.NETCore.App/$runtime /usr/share/dotnet/shared/Microsoft.NETCore.App/$runtime/"
            echo "COPY shared/Microsoft.AspNetCore.App/$aspnet /usr/share/dotnet/shared/Microsoft.AspNetCore.App/$aspnet/"
            echo "RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet"
        else
            echo "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false DOTNET_NOLOGO=true DOTNET_SDK_VERSION=$sdk DOTNET_USE_POLLING_FILE_WATCHER=true NUGET_XMLDOC_MODE=skip"
            # The machine's NuGet setting: online revocation checks time out behind its network.
            [ -n "${NUGET_CERT_REVOCATION_MODE:-}" ] && echo "ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE"
            echo "COPY sdk/$sdk /usr/share/dotnet/sdk/$sdk/"
            echo "COPY sdk-manifests /usr/share/dotnet/sdk-manifests/"
            echo "COPY packs /usr/share/dotnet/packs/"
            echo "COPY templates /usr/share/dotnet/templates/"
        fi
        echo "LABEL stand-in=\"$description\" stand-in.key=$key"
    } >"$containerfile"
    podman build --quiet --pull=never --format docker -f "$containerfile" -t "$name" "$dotnet_root" >/dev/null
}

# key RECIPE-FUNCTION THING...: changes when the recipe or anything it is made from changes.
key() { { declare -f "$1"; shift; printf '%s\n' "$@"; } | sha256sum | cut -c1-16; }

# use_as REAL-NAME STAND-IN: tags the stand-in with the name the Dockerfile uses, unless a real
# image (one without the stand-in label) holds that name. Prints which one the build will use.
use_as() {
    if podman image exists "$1" && [ -z "$(label "$1" stand-in)" ]; then
        echo "   $1: Microsoft's image, already on this machine"
        return
    fi
    podman tag "$2" "$1"
    echo "   $1: stand-in ($(label "$2" stand-in))"
}

# stand_ins FOLDER: makes (or reuses) the stand-ins for the Dockerfile's sdk and aspnet images.
stand_ins() {
    stand_in_folder=$1
    local sdk_ref aspnet_ref channel suite deps deps_key aspnet_key sdk_key made=0
    sdk_ref=$(awk '$1 == "FROM" && $2 ~ /\/dotnet\/sdk:/ { print $2 }' Dockerfile)
    aspnet_ref=$(awk '$1 == "FROM" && $2 ~ /\/dotnet\/aspnet:/ { print $2 }' Dockerfile)
    channel=${aspnet_ref##*:}
    suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    runtime=$(dotnet --list-runtimes | awk -v c="$channel." '$1 == "Microsoft.NETCore.App" && index($2, c) == 1 { v = $2 } END { print v }')
    aspnet=$(dotnet --list-runtimes | awk -v c="$channel." '$1 == "Microsoft.AspNetCore.App" && index($2, c) == 1 { v = $2 } END { print v }')
    sdk=$(dotnet --version)
    if [ -z "$runtime" ] || [ -z "$aspnet" ]; then
        echo "This machine has no .NET $channel runtime and ASP.NET Core runtime to make the stand-ins from." >&2
        return 1
    fi
    apt_sources=()
    for source in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -s "$source" ] && apt_sources+=("$source")
    done

    deps=localhost/stand-in/dotnet-runtime-deps:$suite
    deps_key=$(key make_runtime_deps "$suite" "$(cat "${apt_sources[@]}")" "$(cat /usr/local/share/ca-certificates/* 2>/dev/null)")
    if [ "$(label "$deps" stand-in.key)" != "$deps_key" ]; then
        echo "   making $deps (mmdebstrap from the machine's apt sources)"
        make_runtime_deps "$deps" "$deps_key" "$suite" || return 1
        made=1
    fi
    aspnet_key=$(key make_dotnet_stand_in "$deps_key" "$runtime" "$aspnet" "$dotnet_root")
    if [ "$(label "localhost/stand-in/dotnet-aspnet:$channel" stand-in.key)" != "$aspnet_key" ]; then
        echo "   making localhost/stand-in/dotnet-aspnet:$channel"
        make_dotnet_stand_in aspnet "localhost/stand-in/dotnet-aspnet:$channel" "$aspnet_key" "$deps" \
            "Debian $suite and this machine's .NET $runtime and ASP.NET Core $aspnet" || return 1
        made=1
    fi
    sdk_key=$(key make_dotnet_stand_in "$aspnet_key" "$sdk" "${NUGET_CERT_REVOCATION_MODE:-}")
    if [ "$(label "localhost/stand-in/dotnet-sdk:$channel" stand-in.key)" != "$sdk_key" ]; then
        echo "   making localhost/stand-in/dotnet-sdk:$channel"
        make_dotnet_stand_in sdk "localhost/stand-in/dotnet-sdk:$channel" "$sdk_key" "localhost/stand-in/dotnet-aspnet:$channel" \
            "Debian $suite and this machine's .NET SDK $sdk, .NET $runtime and ASP.NET Core $aspnet" || return 1
        made=1
    fi
    use_as "$sdk_ref" "localhost/stand-in/dotnet-sdk:$channel"
    use_as "$aspnet_ref" "localhost/stand-in/dotnet-aspnet:$channel"
    # The stand-ins that new ones replaced, and the build layers made on them (they carry its
    # labels): none of these layers can serve again.
    [ "$made" = 0 ] || podman image prune --force --filter label=stand-in.key >/dev/null
}
