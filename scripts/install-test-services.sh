#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, once, before `dotnet test`:
# Debian packages (Prometheus and promtool for the gate tests; Go and the expr library for the Argo condition
# evaluator the export tests run; Node.js and npm when missing), then builds that evaluator into .tools/
# (scripts/build-argo-expr.sh) and installs flagd's evaluator into tools/flagd-eval/ (scripts/install-flagd-eval.sh).
# Safe to run again: it installs only what is missing. Test fixtures never install anything; they
# check that these are present and fail with a line that names this script.
#
# Usage: scripts/install-test-services.sh        (as root, or with sudo available)
set -euo pipefail

apt_packages=(
  prometheus                          # prometheus + promtool: live gate tests (tests/Rollout.Gates.Tests)
  chromium                            # headless browser: the backtest chart renders with its threshold line (tests/Rollout.Cli.Tests)
  golang-go                           # builds .tools/argo-expr (scripts/build-argo-expr.sh)
  golang-github-antonmedv-expr-dev    # expr, the language of Argo Rollouts' conditions (tests/Rollout.Export.Tests)
)
here="$(dirname "$0")"
# flagd's reference evaluator (@openfeature/flagd-core, tests/Rollout.Export.Tests) runs on Node.js; any node 18+ will do.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then apt_packages+=(nodejs npm); fi

missing=()
for package in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "test services: all present (${apt_packages[*]})"
  "$here/build-argo-expr.sh"
  "$here/install-flagd-eval.sh"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "test services: missing ${missing[*]}; run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Another apt or dpkg (a second test run, unattended upgrades) may hold the lock: wait for it
# instead of failing at once, which is apt's default.
apt_options=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
export DEBIAN_FRONTEND=noninteractive
echo "test services: installing ${missing[*]}"
start=$(date +%s)
"${sudo[@]}" apt-get "${apt_options[@]}" update -qq
"${sudo[@]}" apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test services: installed ${missing[*]} in $(( $(date +%s) - start )) s"
"$here/build-argo-expr.sh"
"$here/install-flagd-eval.sh"
