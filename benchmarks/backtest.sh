#!/usr/bin/env bash
# rollout backtest against a local Prometheus: 30 days of history at 1-minute resolution for 3 metrics
# (requests by status, a latency histogram, payment errors), the sample checkout plan replayed at its
# 1-minute cadence (2 stop-losses, the canary's 2 gates: 4 range queries per chunk). Prints the wall time
# and the peak memory (max RSS) of each run, for 30, 14 and 7 days (memory should not grow with the period).
# Not a unit test. Needs prometheus and promtool (scripts/install-test-services.sh) and python3.
#   benchmarks/backtest.sh [DAYS] [RUNS]
set -euo pipefail
days=${1:-30}
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/rollout-backtest-bench.XXXXXX)
trap 'kill "$prom_pid" 2>/dev/null || true; wait "$prom_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
prom_pid=

echo "== building rollout (Release)"
dotnet build -c Release "$root/src/Rollout.Cli" -o "$work/tool" -v quiet -nologo >/dev/null

echo "== writing $days days of history at 1-minute resolution (seed 7)"
python3 - "$days" > "$work/history.om.txt" <<'PY'
import math, random, sys
days = int(sys.argv[1]); random.seed(7)
start = 1_790_000_000 - 1_790_000_000 % 86400   # a fixed midnight (UTC) in 2026
bounds = ["0.1", "0.2", "0.3", "0.4", "0.5", "+Inf"]; share = [0.90, 0.995, 1, 1, 1, 1]
ok = err = pay = 0.0; buckets = [0.0] * len(bounds)
rows = {"ok": [], "err": [], "pay": [], "b": [[] for _ in bounds]}
for m in range(days * 1440 + 1):
    t = start + 60 * m
    req = 6000 * (1 + 0.5 * math.sin(2 * math.pi * (m / 1440 - 0.25))) * (1 + 0.05 * random.gauss(0, 1))
    bad = max(0, round(req * 0.0005 + random.gauss(0, 1) * math.sqrt(req * 0.0005)))
    ok += round(req - bad); err += bad; pay += 1 if random.random() < 0.05 else 0
    rows["ok"].append((t, ok)); rows["err"].append((t, err)); rows["pay"].append((t, pay))
    for i, s in enumerate(share):
        buckets[i] += round(req * s); rows["b"][i].append((t, buckets[i]))
out = sys.stdout.write
out("# TYPE http_server_requests counter\n")
for status, key in (("200", "ok"), ("500", "err")):
    for t, v in rows[key]: out('http_server_requests_total{service="checkout",status="%s"} %d %d\n' % (status, v, t))
out("# TYPE http_server_request_duration_seconds histogram\n")
for i, le in enumerate(bounds):
    for t, v in rows["b"][i]: out('http_server_request_duration_seconds_bucket{service="checkout",le="%s"} %d %d\n' % (le, v, t))
out("# TYPE checkout_payment_errors counter\n")
for t, v in rows["pay"]: out('checkout_payment_errors_total{service="checkout"} %d %d\n' % (v, t))
out("# EOF\n")
PY
first=$(grep -m1 -o ' [0-9]*$' "$work/history.om.txt" | tr -d ' ')

echo "== backfilling with promtool"
mkdir -p "$work/data"
promtool tsdb create-blocks-from openmetrics "$work/history.om.txt" "$work/data" >/dev/null
printf 'global:\n  evaluation_interval: 1m\nscrape_configs: []\n' > "$work/prometheus.yml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" --storage.tsdb.retention.time=3650d \
  --web.listen-address=127.0.0.1:$port --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break; sleep 0.1; done

iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
from=$(iso $((first + 3600 + 30)))
plan="$root/samples/CheckoutService/rollout/new-checkout-flow.plan.json"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for period in "$days" 14 7; do
  to=$(iso $((first + 3600 + 30 + period * 86400 - 7200)))
  for run in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" dotnet "$work/tool/rollout.dll" backtest "$plan" --prometheus "http://127.0.0.1:$port" \
      --from "$from" --to "$to" --stage canary --format json > "$work/report.json" || true
    read -r seconds kb < "$work/time"
    evaluations=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["stopLosses"][0]["evaluations"], r["rangeQueries"])' "$work/report.json")
    echo "period ${period}d run $run: ${seconds} s wall, peak memory $((kb / 1024)) MiB (evaluations, range queries: $evaluations)"
  done
done
