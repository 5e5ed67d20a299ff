#!/usr/bin/env bash
# The release job of docs/pipelines.md: ask `rollout gate` at the plan's cadence until it answers. Exit: 0 advance
# (promote to the next stage), 20 roll back, 30 halt (both: stop the release and act as the runbook says; the gate
# already printed why), 10 still holding after MAX_TRIES, 2 unusable input. Needs `rollout` on PATH.
#
# Usage: scripts/rollout-gate-loop.sh PLAN_JSON STAGE PROMETHEUS_URL [EVERY_SECONDS [MAX_TRIES [STARTED_AT]]]
set -uo pipefail
if [ "$#" -lt 3 ]; then
  echo "usage: $0 PLAN_JSON STAGE PROMETHEUS_URL [EVERY_SECONDS [MAX_TRIES [STARTED_AT]]]" >&2
  exit 2
fi
plan="$1" stage="$2" prometheus="$3" every="${4:-60}" tries="${5:-240}" started="${6:-}"

for ((try = 1; try <= tries; try++)); do
  rollout gate "$plan" --stage "$stage" --prometheus "$prometheus" ${started:+--started-at "$started"}
  code=$?
  case "$code" in
    0) echo "rollout-gate-loop: advance: promote past stage $stage"; exit 0 ;;
    10) echo "rollout-gate-loop: hold ($try of $tries); asking again in ${every} s" ;;
    20) echo "rollout-gate-loop: ROLL BACK now (stop-loss crossed); announce it as the runbook says" >&2; exit 20 ;;
    30) echo "rollout-gate-loop: HALT (stop-loss crossed); see the reason above" >&2; exit 30 ;;
    *) echo "rollout-gate-loop: rollout gate failed (exit $code)" >&2; exit 2 ;;
  esac
  if [ "$try" -lt "$tries" ]; then sleep "$every"; fi
done
echo "rollout-gate-loop: still holding after $tries tries; a person decides (the plan's override roles)" >&2
exit 10
