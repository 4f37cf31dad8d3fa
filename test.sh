#!/usr/bin/env bash
# Runs every test of Detente. Installs what is missing (Debian packages as root), starts the servers the tests
# need on loopback only, stops them on exit, and ends with one line: "tests: N passed, N failed[, N skipped]".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
state="$here/.test-state"
mkdir -p "$state"
log="$state/test-output.log"

say() { printf '== %s\n' "$*"; }

need_apt=()
command -v dotnet >/dev/null 2>&1 || { echo "dotnet SDK not found: install the .NET 10 SDK (see global.json)"; exit 1; }
[ -x /usr/lib/postgresql/15/bin/initdb ] || need_apt+=(postgresql-15)
command -v z3 >/dev/null 2>&1 || need_apt+=(z3)  # the negotiation tests cross-check CP-SAT against z3
# Go's reference tlog/note code checks our tiles, checkpoints and proofs (test/interop/go).
command -v go >/dev/null 2>&1 || need_apt+=(golang-go)
[ -d /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog ] || need_apt+=(golang-golang-x-mod-dev)
# PostGIS for the rules comparison benchmark (bench/Detente.Benchmarks/RulesPostGisBenchmarks.cs).
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need_apt+=(postgresql-15-postgis-3)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing ${need_apt[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need_apt[*]} (run as root, or install them with apt-get)"; exit 1
  fi
fi

# PostgreSQL on loopback for the storage specification suite (run against SQLite and PostgreSQL).
pg_dir=""
pg_port="${DETENTE_TEST_PG_PORT:-55432}"
stop_pg() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_pg EXIT
start_pg() {
  pg_dir="$(mktemp -d /tmp/detente-pg.XXXXXX)"
  chown postgres:postgres "$pg_dir"
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pg_dir" -A trust -U postgres --no-sync >/dev/null || return 1
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pg_dir" -w -l "$pg_dir/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=on -c max_connections=300" start >/dev/null || return 1
  export DETENTE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
}
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
  if start_pg; then say "PostgreSQL started on 127.0.0.1:$pg_port"; else echo "could not start PostgreSQL; see $pg_dir/server.log"; exit 1; fi
else
  echo "PostgreSQL tests need root (to run the server as the postgres user); they will fail with a message saying so"
fi

say "building"
if ! dotnet build Detente.slnx -c Release --nologo -v q >"$state/build.log" 2>&1; then
  grep -E "error" "$state/build.log" | sort -u | head -40
  echo "build failed; see $state/build.log"; echo "tests: 0 passed, 1 failed"; exit 1
fi

say "running tests"
dotnet test Detente.slnx -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
while read -r line; do
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done < <(grep -E "^(Passed|Failed)! " "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
