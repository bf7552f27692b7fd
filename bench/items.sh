#!/usr/bin/env bash
# The items' speed, on SQLite and on PostgreSQL: GET /items/{id}, GET /items?limit=20, PUT /items/{id} with If-Match
# and POST /items (JSON), for the API side by side with its floor (bench/ItemsFloor: raw Kestrel and the plain ADO.NET
# driver, the store's statements) and the EF Core tutorial's controller (bench/TemplateItems: the controllers template
# with a DbContext injected, FindAsync, tracking queries, SaveChangesAsync), in one run; and the cost of
# a page (GET /items?limit=N, N in LIMITS) for the API and the floor. For each provider and round, each server starts
# on a fresh copy of one seeded database (ITEMS items, the API's migrations' schema); every request is warmed up
# WARMUP s, then measured DURATION s; each page size is warmed up CURVE_WARMUP s, then measured DURATION s.
#   PROVIDERS="sqlite postgres" ROUNDS=3 DURATION=6 WARMUP=10 bash bench/items.sh
#   ROUNDS=1 DURATION=1 WARMUP=1 CURVE_WARMUP=1 bash bench/items.sh     # a smoke run: proves the script, measures nothing
# API_DRIVER_FLOOR=1 also measures the floor on PostgreSQL with the driver settings the API's store adds (Max Auto
# Prepare, No Reset On Close): how much of the API's standing to the floor is the driver's.
# LEVERS="no-pooling tracking no-compiled-queries no-auto-prepare reset-on-close" adds the API built without one of
# its store's levers, EF Core's or Npgsql's (an edit of HEAD's store, as bench/features.sh makes them). Each server is pinned to SERVER_CPU, PostgreSQL to DB_CPU (the
# same by default: a request's whole cost on one core, as with SQLite in process) and wrk to LOAD_CPU.
# Durability is the same on every server: SQLite in WAL mode with synchronous FULL (one e_sqlite3 build, checked);
# PostgreSQL (scripts/postgres.sh) with its defaults, fsync, synchronous_commit and full_page_writes on (checked). The
# databases live in DB_DIR. Prints the tables (bench/items.py) and draws bench/out/items-page-cost.png (a real run's copy
# is docs/performance/items-page-cost.png); exits 1 if any answer was not a 2xx
# or any socket failed, in any phase.
set -euo pipefail
cd "$(dirname "$0")/.."

PROVIDERS=${PROVIDERS:-"sqlite postgres"}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-10}
CURVE_WARMUP=${CURVE_WARMUP:-2}
LIMITS=${LIMITS:-"1 5 10 20 50 100"}
ITEMS=${ITEMS:-1000}
LEVERS=${LEVERS:-}
# A slower answer counts as a socket error: the API's own database timeout is 5 s.
WRK_TIMEOUT=${WRK_TIMEOUT:-10}
source bench/lib.sh
# A free port by default: other servers may run on this machine.
PORT=${PORT:-$(free_port)}
DB_CPU=${DB_CPU:-$SERVER_CPU}
DB_DIR=${DB_DIR:-$out/items-db}
require sqlite3
require gnuplot gnuplot-nox
read -r -a image <<<"$(image_env)"

# label|file|sed script|text the edit must remove: each turns one of EF Core's levers off in the store.
declare -A levers=(
  [no-pooling]="Api/Features/Items/ItemStoreExtensions.cs|s/AddPooledDbContextFactory</AddDbContextFactory</g|AddPooledDbContextFactory"
  [tracking]="Api/Features/Items/EfItemStore.cs|s/\.AsNoTracking()//g|AsNoTracking"
  [no-auto-prepare]="Api/Features/Items/ItemStoreExtensions.cs|s/postgres\.MaxAutoPrepare = StatementsPrepared;/postgres.MaxAutoPrepare = 0;/|MaxAutoPrepare = StatementsPrepared"
  [reset-on-close]="Api/Features/Items/ItemStoreExtensions.cs|s/postgres\.NoResetOnClose = true;/postgres.NoResetOnClose = false;/|NoResetOnClose = true"
  [no-compiled-queries]="Api/Features/Items/EfItemStore.cs|s/EF\.CompileAsyncQuery(\((TContext db, long after, int take) => .*\));\$/\1.AsAsyncEnumerable();/; s/EF\.CompileAsyncQuery((TContext db, long id, CancellationToken _) => \(.*\)\.FirstOrDefault(\(.*\)));\$/(TContext db, long id, CancellationToken token) => \1.FirstOrDefaultAsync(\2, token);/; s/EF\.CompileAsyncQuery((TContext db, long id, CancellationToken _) => \(.*\)\.Any(\(.*\)));\$/(TContext db, long id, CancellationToken token) => \1.AnyAsync(\2, token);/|EF.CompileAsyncQuery"
)
API_DRIVER_FLOOR=${API_DRIVER_FLOOR:-}
declare -A provider_names=([sqlite]=Sqlite [postgres]=Postgres)
read -r -a providers <<<"$PROVIDERS"
read -r -a lever_labels <<<"$LEVERS"
for provider in "${providers[@]}"; do
  [ -n "${provider_names[$provider]:-}" ] || { echo "PROVIDERS: '$provider' is neither sqlite nor postgres" >&2; exit 2; }
done
for lever in "${lever_labels[@]}"; do
  [ -n "${levers[$lever]:-}" ] || { echo "LEVERS: '$lever' is none of: ${!levers[*]}" >&2; exit 2; }
done
if ((ITEMS < 4 * CONNECTIONS)); then
  echo "ITEMS ($ITEMS) must be at least 4 times CONNECTIONS ($CONNECTIONS): a PUT needs its item's last answer back" >&2
  exit 2
fi

mkdir -p "$DB_DIR"
work=$(mktemp -d "$(cd "$DB_DIR" && pwd)/items.XXXXXX")
chmod 755 "$work"
mkdir "$work/sqlite"
results=$work/results.tsv
worktrees=$(mktemp -d)
pg_bin="" pg_dir="" pg_port=""
cleanup() {
  [ -n "${pid:-}" ] && stop_server
  [ -z "$pg_dir" ] || bash scripts/postgres.sh destroy "$pg_dir" || true
  rm -rf "$work" "$worktrees"
  git worktree prune
}
trap cleanup EXIT

# PostgreSQL: scripts/postgres.sh's cluster with the server's durable defaults (POSTGRES_DURABLE=1; for tests it turns
# fsync off), pinned to DB_CPU (a process's CPUs pass to its children).
psql_in() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d "$@"; }
start_postgres() {
  require pg_ctlcluster postgresql
  pg_bin=$(find /usr/lib/postgresql -path '*/bin/psql' -printf '%h\n' | sort -V | tail -n 1)
  pg_dir=$work/postgres pg_port=$(free_port)
  POSTGRES_DURABLE=1 taskset -c "$DB_CPU" bash scripts/postgres.sh start "$pg_dir" "$pg_port" >/dev/null
  local setting
  for setting in fsync synchronous_commit full_page_writes; do
    [ "$(psql_in postgres -c "SHOW $setting")" = on ] || { echo "PostgreSQL runs with $setting off: not durable" >&2; exit 1; }
  done
}

# The seeded database every server starts from a copy of: the API's migrations (its migrate verb), then ITEMS items.
# A fixed time, 2026-01-01T00:00:00.123456Z: 1767225600123456 µs since 1970.
seed() { # provider connection-string
  # shellcheck disable=SC2046 # the entry point's words
  (cd "$out/api" && env Database__Provider="${provider_names[$1]}" ConnectionStrings__Items="$2" $(cat .entrypoint) migrate >/dev/null)
  local rows="'Item ' || i, CASE WHEN i % 4 = 0 THEN NULL ELSE 'The seeded item number ' || i END, i * 100 + 99"
  local columns="items (name, description, price_cents, created_at, updated_at, version)"
  if [ "$1" = sqlite ]; then
    sqlite3 "$work/sqlite/seed.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ITEMS)
      INSERT INTO $columns SELECT $rows, 1767225600123456, 1767225600123456, 1 FROM n;"
    [ "$(sqlite3 "$work/sqlite/seed.db" 'PRAGMA journal_mode')" = wal ] || { echo "the seeded SQLite file is not in WAL mode" >&2; exit 1; }
  else
    psql_in items_seed -c "INSERT INTO $columns SELECT $rows, '2026-01-01T00:00:00.123456Z', '2026-01-01T00:00:00.123456Z', 1
      FROM generate_series(1, $ITEMS) AS i" -c "VACUUM ANALYZE items"
  fi
}

# fresh_database provider name: a copy of the seeded database, as a connection string in $connection.
fresh_database() {
  if [ "$1" = sqlite ]; then
    rm -f "$work/sqlite/$2".db*
    cp "$work/sqlite/seed.db" "$work/sqlite/$2.db"
    connection="Data Source=$work/sqlite/$2.db"
  else
    psql_in postgres -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2 TEMPLATE items_seed"
    connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$2"
  fi
}

# load_items url mode path seconds etags-file -> "rps p50_ms p99_ms non2xx errors" (all failed when wrk gave no result)
load_items() {
  local script=bench/lua/request.lua method=GET body="" result
  case $2 in
  get | put) script=bench/lua/items.lua ;;
  post) method=POST body='{"name":"Widget","description":"Made by the benchmark","price":19.99}' ;;
  esac
  result=$(ITEMS_MODE=$2 ITEMS_COUNT=$ITEMS ITEMS_ETAGS=$5 BENCH_METHOD=$method BENCH_PATH=$3 BENCH_BODY=$body \
    BENCH_CONTENT_TYPE=application/json taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNECTIONS" -d"$4"s --timeout "${WRK_TIMEOUT}s" --latency -s "$script" "$1" 2>&1 |
    sed -n 's/^RESULT rps=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\) non2xx=\([0-9]*\) errors=\([0-9]*\)$/\1 \2 \3 \4 \5/p')
  echo "${result:-0 0 0 0 1}"
}

# row round provider server figure rps p50 p99 non2xx errors: one line of $results.
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }

# name|mode|path, in the order they run: the POSTs last, so that the reads see the seeded table.
item_requests=(
  "GET /items/{id}|get|/"
  "GET /items?limit=20|list|/items?limit=20"
  "PUT /items/{id}|put|/"
  "POST /items|post|/items"
)

# measure_items provider server dll round curve(yes|no) [NAME=value...]
measure_items() {
  local provider=$1 server=$2 dll=$3 round=$4 curve=$5 url="http://127.0.0.1:$PORT" database etags phase seconds name mode path limit
  local rps p50 p99 non2xx errors
  shift 5
  database="items_${server//-/_}_$round"
  # The tags the PUTs know, from the warm-up to the measured run on this database only.
  etags="$work/$provider-$database.etags"
  rm -f "$etags"
  fresh_database "$provider" "$database"
  start_server "$dll" "$url" RequestLogging__Enabled=false "Database__Provider=${provider_names[$provider]}" "ConnectionStrings__Items=$connection${connection_suffix:-}" "$@"
  for phase in warm-up measured; do
    seconds=$WARMUP
    [ "$phase" = measured ] && seconds=$DURATION
    for entry in "${item_requests[@]}"; do
      IFS='|' read -r name mode path <<<"$entry"
      read -r rps p50 p99 non2xx errors <<<"$(load_items "$url" "$mode" "$path" "$seconds" "$etags")"
      [ "$phase" = measured ] || name="warm-up $name"
      row "$round" "$provider" "$server" "$name" "$rps" "$p50" "$p99" "$non2xx" "$errors"
    done
  done
  if [ "$curve" = yes ]; then
    for limit in $LIMITS; do
      for phase in warm-up measured; do
        seconds=$CURVE_WARMUP name="page $limit"
        [ "$phase" = measured ] && seconds=$DURATION
        [ "$phase" = measured ] || name="warm-up page $limit"
        read -r rps p50 p99 non2xx errors <<<"$(load_items "$url" list "/items?limit=$limit" "$seconds" "")"
        row "$round" "$provider" "$server" "$name" "$rps" "$p50" "$p99" "$non2xx" "$errors"
      done
    done
  fi
  stop_server
  if [ "$provider" = sqlite ]; then rm -f "$work/sqlite/$database".db*; else psql_in postgres -c "DROP DATABASE $database"; fi
}

echo "Publishing the floor, the template, the API and each lever's variant (Release; the API as the Dockerfile does)..." >&2
dotnet publish bench/ItemsFloor -c Release -o "$out/items-floor" --nologo -v q >/dev/null
dotnet publish bench/TemplateItems -c Release -o "$out/template-items" --nologo -v q >/dev/null
publish_api
declare -A dll=([floor]="$out/items-floor/ItemsFloor.dll" [template]="$out/template-items/TemplateItems.dll" [api]="$out/api/Api.dll")
servers=(floor template api)
for lever in "${lever_labels[@]}"; do
  IFS='|' read -r file edit gone <<<"${levers[$lever]}"
  git worktree add -q --detach "$worktrees/$lever" HEAD
  sed -i "$edit" "$worktrees/$lever/$file"
  if grep -q "$gone" "$worktrees/$lever/$file"; then
    echo "$lever: the edit left '$gone' in $file: bench/items.sh's edit no longer fits the store" >&2
    exit 1
  fi
  publish_api "$worktrees/$lever/Api" "$out/items-levers/$lever"
  dll[api-$lever]="$out/items-levers/$lever/Api.dll"
  servers+=("api-$lever")
done

# One SQLite build for all: the API's EF Core provider and the floor's driver bring the same bundled e_sqlite3, whose
# compile-time default makes synchronous FULL in WAL mode (docs/design.md, "Items: storage").
sqlite_builds=$(for server in "${servers[@]}"; do
  folder=$(dirname "${dll[$server]}")
  sha256sum "$(find "$folder" -name libe_sqlite3.so \( -path "$folder/libe_sqlite3.so" -o -path '*/linux-x64/*' \) | head -n 1)" | cut -d' ' -f1
done | sort -u | wc -l)
[ "$sqlite_builds" -eq 1 ] || { echo "the servers do not bundle the same e_sqlite3 build" >&2; exit 1; }

setup="SQLite: WAL, synchronous FULL, one e_sqlite3 build, files on $(stat -f -c %T "$work")"
for provider in "${providers[@]}"; do
  if [ "$provider" = postgres ]; then
    start_postgres
    seed postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=items_seed"
    setup="$setup; PostgreSQL $(psql_in postgres -c 'SHOW server_version' | cut -d' ' -f1): fsync $(psql_in postgres -c 'SHOW fsync'),"
    setup="$setup synchronous_commit $(psql_in postgres -c 'SHOW synchronous_commit'), full_page_writes $(psql_in postgres -c 'SHOW full_page_writes'), on CPU $DB_CPU"
  else
    seed sqlite "Data Source=$work/sqlite/seed.db"
  fi
done

# The template's EF Core logs each command at Information, which its settings keep: turned down as the API's are, so
# that the comparison is of data access, not of console logging.
for round in $(seq 1 "$ROUNDS"); do
  for provider in "${providers[@]}"; do
    echo "Round $round of $ROUNDS, $provider..." >&2
    measure_items "$provider" floor "${dll[floor]}" "$round" yes
    measure_items "$provider" template "${dll[template]}" "$round" no Logging__LogLevel__Microsoft.EntityFrameworkCore=Warning
    measure_items "$provider" api "${dll[api]}" "$round" yes "${image[@]}"
    # The floor again, with the driver settings the API's store adds to a PostgreSQL connection string.
    if [ "$provider" = postgres ] && [ -n "$API_DRIVER_FLOOR" ]; then
      connection_suffix=";Max Auto Prepare=20;No Reset On Close=true" measure_items "$provider" floor-api-driver "${dll[floor]}" "$round" no
    fi
    for lever in "${lever_labels[@]}"; do
      measure_items "$provider" "api-$lever" "${dll[api-$lever]}" "$round" no "${image[@]}"
    done
  done
done

[ -z "$API_DRIVER_FLOOR" ] || servers+=(floor-api-driver)
python3 bench/items.py "$results" "$ROUNDS" "$DURATION" "$WARMUP" "$CURVE_WARMUP" "$CONNECTIONS" "$ITEMS" "$setup" "${servers[@]}"
