#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for tests (.ci/run, and the store's fault tests):
#   bash scripts/postgres.sh start DIR PORT   initdb in DIR unless it holds a cluster already (as the postgres user
#                                             when run as root, since initdb refuses root), start it on
#                                             127.0.0.1:PORT with its socket in DIR, and print a connection string
#                                             for the superuser postgres
#   bash scripts/postgres.sh stop DIR         stop it (start starts it again)
#   bash scripts/postgres.sh destroy DIR      stop it and remove DIR
# Installs Debian's postgresql when it is missing. Trust authentication, fsync and full_page_writes off: for tests
# only; POSTGRES_DURABLE=1 keeps the server's durable defaults (bench/items.sh measures writes as a real server makes them).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# pg_ctlcluster comes with postgresql-common, which only the server packages bring.
require pg_ctlcluster postgresql
bin=$(find /usr/lib/postgresql -path '*/bin/initdb' -printf '%h\n' | sort -V | tail -n 1)

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    [ $# -eq 3 ] || { echo "usage: $0 start DIR PORT" >&2; exit 2; }
    dir=$2 port=$3 durability="-c fsync=off -c full_page_writes=off"
    [ "${POSTGRES_DURABLE:-}" != 1 ] || durability=""
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
        as_postgres "$bin/initdb" --pgdata="$dir" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
            { cat "$dir.initdb.log" >&2; rm -f "$dir.initdb.log"; exit 1; }
        rm -f "$dir.initdb.log"
    fi
    as_postgres "$bin/pg_ctl" --pgdata="$dir" --log="$dir/server.log" --wait --silent \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' $durability" start ||
        { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
stop | destroy)
    [ $# -eq 2 ] || { echo "usage: $0 $1 DIR" >&2; exit 2; }
    dir=$2
    if [ -f "$dir/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" --pgdata="$dir" --mode=fast --wait --silent stop; fi
    [ "$1" = stop ] || rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR | destroy DIR" >&2
    exit 2
    ;;
esac
