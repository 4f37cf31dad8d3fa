#!/usr/bin/env bash
# Whole-process timings of record verification, side by side in one run (bench/README.md, "Verification"):
#   Go's reference tlog code (bench/tlogverify) and `detente record verify --tiles` on the same tiles, alternating;
#   `record verify --db` without and with signature checks, and the Ed25519 bound on the same statements;
#   `record export-tiles`.
# Usage: bench/verify-side-by-side.sh DB KEYRING WORKDIR [ROUNDS]   (the record must have a checkpoint; for a suite's cached
#   record, `Detente.Benchmarks checkpoint-record DB KEYRING` gives it a log key and a checkpoint). WITHOUT_SIGNATURES=1 leaves out
#   the two signature runs (verify --db with signatures and the Ed25519 bound), which take most of the time.
# Prints wall seconds, user and system CPU seconds and peak RSS for each run, and the load average before and after.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db="$1"; keyring="$2"; work="$3"; rounds="${4:-3}"
mkdir -p "$work"
cli="$here/../src/Detente.Cli/bin/Release/net10.0/detente"
bench="$here/Detente.Benchmarks/bin/Release/net10.0/Detente.Benchmarks"
[ -x "$cli" ] || dotnet build "$here/../src/Detente.Cli" -c Release -v q --nologo >/dev/null
[ -x "$bench" ] || dotnet build "$here/Detente.Benchmarks" -c Release -v q --nologo >/dev/null
# Debian's x/mod lives in GOPATH /usr/share/gocode: modules off, nothing fetched.
(cd "$here/tlogverify" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE="$work/gocache" go build -o "$work/tlogverify" .)
vkey="$("$cli" record vkey --db "$db" --keyring "$keyring")"
t() { local name="$1"; shift; /usr/bin/time -f "$name %e s wall, %U s user, %S s sys, %M KB peak" "$@" >/dev/null; }
# A tile directory deleted just before the export makes ext4 search past every recently freed inode for each file the export
# creates (find_inode_bit/recently_deleted: 40 % of the export's CPU in one profile), so an old one is moved aside and deleted last.
[ -e "$work/tiles" ] && mv "$work/tiles" "$work/tiles.old-$$"
echo "load before: $(uptime)"
t export-tiles "$cli" record export-tiles "$work/tiles" --db "$db" --keyring "$keyring"
for i in $(seq "$rounds"); do
  t go-tlog-verify "$work/tlogverify" "$work/tiles" "$vkey"
  t detente-verify-tiles "$cli" record verify --tiles "$work/tiles" --vkey "$vkey"
done
t detente-verify-db-without-signatures "$cli" record verify --db "$db" --vkey "$vkey" --skip-signatures
if [ "${WITHOUT_SIGNATURES:-0}" != 1 ]; then
  t detente-verify-db-with-signatures "$cli" record verify --db "$db" --vkey "$vkey"
  "$bench" ed25519-bound "$db"
fi
echo "entries: $("$cli" record verify --tiles "$work/tiles" --vkey "$vkey" | sed -E 's/verified ([0-9]+) entries.*/\1/')"
echo "load after: $(uptime)"
rm -rf "$work/tiles.old-$$"
