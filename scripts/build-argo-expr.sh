#!/usr/bin/env bash
# Builds .tools/argo-expr: Argo Rollouts' condition evaluation (tools/argo-expr/main.go) over the expr library
# from Debian's golang-github-antonmedv-expr-dev, in GOPATH mode (no module download). Called by
# scripts/install-test-services.sh; safe to run again: it rebuilds only when the source or expr changed.
set -euo pipefail
cd "$(dirname "$0")/.."

out=.tools/argo-expr
source=tools/argo-expr/main.go
version=$(dpkg-query -W -f='${Version}' golang-github-antonmedv-expr-dev 2>/dev/null || true)
if [ -z "$version" ] || ! command -v go >/dev/null 2>&1; then
  echo "argo-expr: golang-go and golang-github-antonmedv-expr-dev are needed; run scripts/install-test-services.sh" >&2
  exit 1
fi
stamp="$out.stamp"
want="$(sha256sum "$source" | cut -d' ' -f1) $version"
if [ -x "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "argo-expr: up to date (expr $version)"
  exit 0
fi

mkdir -p .tools
gopath=$(mktemp -d)
trap 'rm -rf "$gopath"' EXIT
mkdir -p "$gopath/src/argo-expr"
cp "$source" "$gopath/src/argo-expr/main.go"
# GOPATH mode: imports resolve from $GOPATH/src, then from Debian's /usr/share/gocode/src.
(cd "$gopath/src/argo-expr" && GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" GOFLAGS= GOCACHE="$gopath/cache" \
  go build -ldflags "-X main.exprVersion=${version%%-*}" -o "$OLDPWD/$out" .)
printf '%s' "$want" > "$stamp"
echo "argo-expr: built $out (expr $version)"
