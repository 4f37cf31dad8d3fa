#!/usr/bin/env bash
# Whole-process figure of opening a node (bench/README.md, "The node"): a process that opens the node over the cached synthetic
# record once (every statement read into the world, every agreement's incremental checker built) and exits, under /usr/bin/time:
# wall seconds, user and system CPU seconds, peak resident memory. The record is built first if it is missing (not timed).
# Usage: bench/node-open.sh [DEPLOYMENTS] [ROUNDS]   (default 1000000 deployments, 3 rounds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deployments="${1:-1000000}"; rounds="${2:-3}"
bench="$here/Detente.Benchmarks/bin/Release/net10.0/Detente.Benchmarks"
[ -x "$bench" ] || dotnet build "$here/Detente.Benchmarks" -c Release -v q --nologo >/dev/null
tmp="${TMPDIR:-/tmp}"
if [ ! -f "$tmp/detente-bench-record-$deployments-$((deployments / 10)).db.complete" ]; then
  echo "building the record of $deployments deployments (once; not timed)"
  "$bench" open-node "$deployments" >/dev/null
fi
echo "load before: $(uptime)"
for i in $(seq "$rounds"); do
  /usr/bin/time -f "open-node %e s wall, %U s user, %S s sys, %M KB peak" "$bench" open-node "$deployments"
done
echo "load after: $(uptime)"
