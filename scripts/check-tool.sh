#!/usr/bin/env bash
# Packs detente as a .NET tool into ./artifacts, installs it into a temporary tool path and runs it from a directory
# outside the repository, so the shipped data must come from the package. Prints the answer and "tool: ok", or fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d /tmp/detente-tool.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
dotnet pack "$here/src/Detente.Cli" -c Release -v q --nologo
dotnet tool install --tool-path "$scratch/tools" --add-source "$here/artifacts" detente >/dev/null
mkdir "$scratch/elsewhere"
cd "$scratch/elsewhere"
answer="$(env -u DETENTE_DATA "$scratch/tools/detente" world members NATO --at 1997-05-27 --json | tr -d ' \n')"
echo "$answer"
expected='{"alliance":"NATO","at":"1997-05-27","members":["BEL","CAN","DEU","DNK","ESP","FRA","GBR","GRC","ISL","ITA","LUX","NLD","NOR","PRT","TUR","USA"]}'
[ "$answer" = "$expected" ] || { echo "tool: unexpected answer"; exit 1; }
echo "tool: ok"
