#!/usr/bin/env bash
# Brings PublicAPI.Unshipped.txt in line with the code after a deliberate change of Rollout.Dsl's public API:
# adds what RS0016 reports as new, drops what RS0017 reports as gone, keeps the file sorted. Read the diff after.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
unshipped="$here/PublicAPI.Unshipped.txt"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build "$here/Rollout.Dsl.csproj" -p:UseSharedCompilation=false -nologo -v:q >"$log" 2>&1 || true
added="$(sed -n "s/.*RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p" "$log" | LC_ALL=C sort -u)"
removed="$(sed -n "s/.*RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" "$log" | LC_ALL=C sort -u)"
{
  echo '#nullable enable'
  { grep -v '^#nullable enable$' "$unshipped" | grep -vxF -f <(printf '%s\n' "$removed") || true; printf '%s\n' "$added"; } \
    | grep -v '^$' | LC_ALL=C sort -u
} >"$unshipped.new"
mv "$unshipped.new" "$unshipped"
echo "PublicAPI.Unshipped.txt: $(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed"
if grep -q "error" "$log" && ! dotnet build "$here/Rollout.Dsl.csproj" -p:UseSharedCompilation=false -nologo -v:q >/dev/null 2>&1; then
  echo "Rollout.Dsl still does not build:" >&2; grep -E "error" "$log" | grep -v "RS001[67]" | sort -u >&2; exit 1
fi
