#!/usr/bin/env bash
# Installs flagd's reference evaluator for the flag export tests: tools/flagd-eval (package.json pins
# @openfeature/flagd-core 4.0.1, package-lock.json every dependency) with `npm ci` from the machine's npm
# registry. Called by scripts/install-test-services.sh; safe to run again: it reinstalls only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/../tools/flagd-eval"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "flagd-eval: node and npm are needed; run scripts/install-test-services.sh" >&2
  exit 1
fi
stamp=node_modules/.rolloutdsl-stamp
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "flagd-eval: up to date ($(node -p "require('@openfeature/flagd-core/package.json').version"))"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
printf '%s' "$want" > "$stamp"
echo "flagd-eval: installed @openfeature/flagd-core $(node -p "require('@openfeature/flagd-core/package.json').version") into tools/flagd-eval/node_modules"
