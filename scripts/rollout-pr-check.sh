#!/usr/bin/env bash
# The pull-request check of docs/pipelines.md: validate the head's plans, diff them against the base's, and write
# the diff as markdown for a PR comment. Exit: 0 unchanged, 1 changed (none riskier), 3 riskier (ask a second
# reviewer), 2 unusable input or a plan that is not ready. Needs `rollout` on PATH.
#
# Usage: scripts/rollout-pr-check.sh BASE_PLANS_DIR HEAD_PLANS_DIR COMMENT_FILE
set -uo pipefail
if [ "$#" -ne 3 ]; then
  echo "usage: $0 BASE_PLANS_DIR HEAD_PLANS_DIR COMMENT_FILE" >&2
  exit 2
fi
base="$1" head="$2" comment="$3"

rollout validate "$head"
validate=$?
if [ "$validate" -ne 0 ]; then
  echo "rollout-pr-check: the head's plans are not ready (rollout validate exit $validate)" >&2
  exit 2
fi

rollout diff "$base" "$head" --format markdown > "$comment"
diff=$?
case "$diff" in
  0) echo "rollout-pr-check: rollout plans unchanged" ;;
  1) echo "rollout-pr-check: rollout plans changed, none riskier (see $comment)" ;;
  3) echo "rollout-pr-check: a rollout plan got riskier: needs a second reviewer (see $comment)" ;;
  *) echo "rollout-pr-check: rollout diff could not compare the plans (exit $diff)" >&2 ;;
esac
exit "$diff"
