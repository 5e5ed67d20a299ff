#!/usr/bin/env bash
# Real-build benchmark: what Rollout.Dsl costs a service's `dotnet build`.
#
#   benchmarks/build.sh [SPECS=200] [PLAIN=200] [RUNS=3]
#
# Packs src/Rollout.Dsl into a temporary folder feed, writes a synthetic service (SPECS specs, PLAIN
# ordinary classes) that references the package as a team would, and builds it alternately WITH and
# WITHOUT the package's analyzers and generator (a target removes the package's Analyzer items before
# CoreCompile; everything else is identical). Prints, per variant, the median of RUNS full compiles and
# of RUNS one-file edits (a plain class changes), the with/without ratios, and the analyzer/generator
# times the compiler reports (-p:ReportAnalyzer=true).
#
# Two rows, one service each (ROLLOUT_BENCH_ROWS="sample light" by default; name one to run only it):
#   sample  what teams write: copies of the committed sample specs (samples/CheckoutService/Specs, cycling
#           NewCheckoutFlow, ContactDeduplication, DarkModeToggle) beside one copy of their CheckoutQueries
#           class; copy N lives in namespace CheckoutService.Specs.CopyN and its plan id gets "-N"
#           (benchmarks/service/sample-copy.sed; ServiceCompilation.cs applies the same two substitutions)
#   light   the lighter template benchmarks/service/Spec.cs.template (no measurements, no queries, one stop-loss)
#
# Two ways the compiler runs, each measured (ROLLOUT_BENCH_COMPILERS="server process" by default; name one to run only it):
#   server   the compiler server (VBCSCompiler), what `dotnet build` uses unless told otherwise: our assemblies are
#            loaded and jitted once and stay warm between builds (warmed up with three builds of each variant first)
#   process  a new compiler process per build (-p:UseSharedCompilation=false), what CI systems often set and what this
#            repository's development machines set in their environment: our code is loaded and jitted in every build
# Both are passed explicitly, so an ambient UseSharedCompilation does not decide which one was measured.
#
# ROLLOUT_BENCH_REPORT_RUNS=N (default 1): that many ReportAnalyzer builds per row, to see the plug-ins' own times through
# the noise of a shared machine; RUNS=0 skips the timed with/without builds (then only the ReportAnalyzer builds run).
#
# ROLLOUT_BENCH_SMOKE=1: one run each, and exit 1 only when a ratio exceeds ROLLOUT_BENCH_MAX_RATIO
# (default 3.0): an order-of-magnitude regression guard for CI, not a measurement.
set -euo pipefail

specs="${1:-200}"
plain="${2:-200}"
runs="${3:-3}"
[ "${ROLLOUT_BENCH_SMOKE:-0}" = "1" ] && runs=1
max_ratio="${ROLLOUT_BENCH_MAX_RATIO:-3.0}"

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rollout-build-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_PACKAGES="$work/packages"

version="0.0.0-bench.$(date -u +%Y%m%d%H%M%S)"
echo "packing Rollout.Dsl $version ..." >&2
dotnet pack "$repo/src/Rollout.Package" -c Release -o "$work/feed" -p:RolloutVersion="$version" -v:q -nologo >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log" >&2; exit 2; }

# The queries class and the copy rule of the sample row, and the sample specs in the order they are cycled.
samples="$repo/samples/CheckoutService/Specs"
sample_specs=("$samples/NewCheckoutFlow.cs" "$samples/ContactDeduplication.cs" "$samples/DarkModeToggle.cs")

# Writes the service of one row into $work/service-$1 and restores it. $1: sample|light
write_service() {
local service="$work/service-$1"
mkdir -p "$service/Specs" "$service/Plain"

# nuget.config: the local feed for Rollout.Dsl, this machine's own sources for everything else.
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration><packageSources><clear />'
  echo "  <add key=\"bench-feed\" value=\"$work/feed\" />"
  i=0
  while read -r state source; do
    [ "$state" = "E" ] || continue
    i=$((i + 1))
    echo "  <add key=\"machine-$i\" value=\"$source\" />"
  done < <(dotnet nuget list source --format short)
  echo '</packageSources></configuration>'
} >"$service/nuget.config"
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$service/$f"; done

cat >"$service/Service.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Rollout.Dsl" Version="$version" />
  </ItemGroup>
  <!-- The "without" variant: the same build minus the package's analyzers and generator. -->
  <Target Name="_BenchWithoutRollout" BeforeTargets="CoreCompile" Condition="'\$(BenchWithoutRollout)' == 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="\$([System.String]::new('%(Analyzer.NuGetPackageId)').Equals('Rollout.Dsl'))" />
    </ItemGroup>
  </Target>
</Project>
EOF

# The same sources the in-process benchmarks compile (ServiceCompilation.cs).
if [ "$1" = "sample" ]; then
  cp "$samples/CheckoutQueries.cs" "$service/Specs/CheckoutQueries.cs"
  for i in $(seq 1 "$specs"); do
    sed -f "$repo/benchmarks/service/sample-copy.sed" "${sample_specs[$(( (i - 1) % 3 ))]}" | sed "s/__N__/$i/g" >"$service/Specs/Plan$i.cs"
  done
else
  for i in $(seq 1 "$specs"); do sed "s/__N__/$i/g" "$repo/benchmarks/service/Spec.cs.template" >"$service/Specs/Plan$i.cs"; done
fi
for i in $(seq 1 "$plain"); do sed "s/__N__/$i/g" "$repo/benchmarks/service/Plain.cs.template" >"$service/Plain/Type$i.cs"; done

cd "$service"
dotnet restore -v:q -nologo >"$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; exit 2; }
}

# One build of the current row's service with the current compiler mode ($shared); prints its wall-clock seconds.
# $1: with|without, $2: full|edit
build() {
  local flag="false"
  [ "$1" = "without" ] && flag="true"
  if [ "$2" = "edit" ]; then
    echo "// edit $RANDOM$RANDOM" >>"$service/Plain/Type1.cs"
    local extra=()
  else
    local extra=(--no-incremental)
  fi
  local start end
  start=$(date +%s.%N)
  (cd "$service" && dotnet build --no-restore -v:q -nologo -p:UseSharedCompilation="$shared" -p:BenchWithoutRollout="$flag" "${extra[@]}") >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 2; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

status=0
results=""

# Measures one row with one compiler mode: alternating with/without builds, then the ReportAnalyzer build(s).
# $1: sample|light, $2: server|process
measure_row() {
  local row="$1/$2"
  service="$work/service-$1"
  shared="false"
  local warmups=1
  if [ "$2" = "server" ]; then
    shared="true"
    warmups=3
    # A fresh server: it then holds only this row's assemblies, and the warm-up is the same for every row.
    dotnet build-server shutdown >/dev/null 2>&1 || true
  fi
  echo "[$row] warming up ($warmups build(s) of each variant, not counted) ..." >&2
  for _ in $(seq 1 "$warmups"); do
    build with full >/dev/null
    build without full >/dev/null
  done

  declare -A times=()
  local loads=""
  for run in $(seq 1 "$runs"); do
    [ "$runs" -gt 0 ] || break
    for kind in full edit; do
      for variant in with without; do
        t=$(build "$variant" "$kind")
        times[$variant-$kind]+="$t"$'\n'
        echo "[$row] run $run: $kind $variant ${t}s (load $(cut -d' ' -f1 /proc/loadavg))" >&2
      done
    done
    loads+="$(cut -d' ' -f1 /proc/loadavg) "
  done

  local label spec_label="copies of the sample specs (+ CheckoutQueries)"
  if [ "$runs" -eq 0 ]; then results+=$'\n\n'"$row: $specs specs, $plain plain files"; else
  [ "$1" = "light" ] && spec_label="copies of the light template spec"
  results+=$(printf '\n\n%s: %s specs (%s), %s plain files, %s run(s) per cell, %s cores, load average after each run: %s(now %s)\n\n' \
    "$row" "$specs" "$spec_label" "$plain" "$runs" "$(nproc)" "$loads" "$(cut -d' ' -f1-3 /proc/loadavg)")
  results+=$'\n| row | build | with Rollout.Dsl (s) | without (s) | ratio |\n|---|---|---|---|---|'
  for kind in full edit; do
    with=$(printf '%s' "${times[with-$kind]}" | median)
    without=$(printf '%s' "${times[without-$kind]}" | median)
    ratio=$(echo "scale=2; $with / $without" | bc -l)
    label="full compile"; [ "$kind" = "edit" ] && label="one plain file edited"
    results+=$'\n'$(printf '| %s | %s | %s | %s | %.2fx |' "$row" "$label" "$with" "$without" "$ratio")
    if [ "${ROLLOUT_BENCH_SMOKE:-0}" = "1" ] && [ "$(echo "$ratio > $max_ratio" | bc -l)" = "1" ]; then status=1; fi
  done
  fi

  local report_run
  for report_run in $(seq 1 "${ROLLOUT_BENCH_REPORT_RUNS:-1}"); do
  (cd "$service" && dotnet build --no-restore --no-incremental -nologo -v:d -p:UseSharedCompilation="$shared" -p:ReportAnalyzer=true) >"$work/report.log" 2>&1 || { cat "$work/report.log" >&2; exit 2; }
  # At detailed verbosity (not at normal) csc's output includes "Total analyzer execution time: X seconds.",
  # a table per assembly and per analyzer ("0.520  13  Rollout.Analyzers.RolloutSpecAnalyzer (ROLL001, ...)"),
  # and the same for generators. The csc command line names our dlls too (/analyzer:...): left out.
  local report
  report=$(grep -E "Total (analyzer|generator) execution time|Rollout\.(Analyzers|Generators|CodeFixes)" "$work/report.log" | grep -v -- "/analyzer:" | sed -E 's/^ *//; s/ \(ROLL[^)]*\)/ (ROLL...)/' | cut -c1-160 | awk '!seen[$0]++')
  if [ -z "$report" ]; then
    echo "no ReportAnalyzer lines found in the build log ($work/report.log):" >&2
    tail -20 "$work/report.log" >&2
    exit 2
  fi
  results+=$'\n\n'"Compiler-reported times, $row (full build $report_run with -p:ReportAnalyzer=true, load $(cut -d' ' -f1-3 /proc/loadavg)):"$'\n'"$report"
  done
}

rows="${ROLLOUT_BENCH_ROWS:-sample light}"
for row in $rows; do write_service "$row"; done
compilers="${ROLLOUT_BENCH_COMPILERS:-server process}"
for row in $rows; do for compiler in $compilers; do measure_row "$row" "$compiler"; done; done
dotnet build-server shutdown >/dev/null 2>&1 || true

printf '%s\n' "$results"
if [ "${ROLLOUT_BENCH_SMOKE:-0}" = "1" ] && [ "$status" -ne 0 ]; then
  echo "smoke: a with/without ratio exceeds $max_ratio" >&2
fi
exit "$status"
