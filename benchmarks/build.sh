#!/usr/bin/env bash
# Real-build benchmark: what Rollout.Dsl costs a service's `dotnet build`.
#
#   benchmarks/build.sh [SPECS=200] [PLAIN=200] [RUNS=3]
#
# Packs src/Rollout.Dsl into a temporary folder feed, writes a synthetic service (SPECS copies of the
# checkout spec, PLAIN ordinary classes) that references the package as a team would, and builds it
# alternately WITH and WITHOUT the package's analyzers and generator (a target removes the package's
# Analyzer items before CoreCompile; everything else is identical). Prints, per variant, the median of
# RUNS full compiles and of RUNS one-file edits (a plain class changes), the with/without ratios, and
# the analyzer/generator times the compiler reports (-p:ReportAnalyzer=true).
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

service="$work/service"
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

# The same sources the in-process benchmarks compile (ServiceCompilation.cs): benchmarks/service/*.template.
for i in $(seq 1 "$specs"); do sed "s/__N__/$i/g" "$repo/benchmarks/service/Spec.cs.template" >"$service/Specs/Plan$i.cs"; done
for i in $(seq 1 "$plain"); do sed "s/__N__/$i/g" "$repo/benchmarks/service/Plain.cs.template" >"$service/Plain/Type$i.cs"; done

cd "$service"
dotnet restore -v:q -nologo >"$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; exit 2; }

# One build; prints its wall-clock seconds. $1: with|without, $2: full|edit
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
  dotnet build --no-restore -v:q -nologo -p:BenchWithoutRollout="$flag" "${extra[@]}" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 2; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "warming up (one build of each variant, not counted) ..." >&2
build with full >/dev/null
build without full >/dev/null

declare -A times
for run in $(seq 1 "$runs"); do
  for kind in full edit; do
    for variant in with without; do
      t=$(build "$variant" "$kind")
      times[$variant-$kind]+="$t"$'\n'
      echo "run $run: $kind $variant ${t}s" >&2
    done
  done
done

status=0
printf '\n%s specs, %s plain files, %s run(s) per cell, %s cores, load average %s\n\n' "$specs" "$plain" "$runs" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| build | with Rollout.Dsl (s) | without (s) | ratio |\n|---|---|---|---|\n'
for kind in full edit; do
  with=$(printf '%s' "${times[with-$kind]}" | median)
  without=$(printf '%s' "${times[without-$kind]}" | median)
  ratio=$(echo "scale=2; $with / $without" | bc -l)
  label="full compile"; [ "$kind" = "edit" ] && label="one plain file edited"
  printf '| %s | %s | %s | %.2fx |\n' "$label" "$with" "$without" "$ratio"
  if [ "${ROLLOUT_BENCH_SMOKE:-0}" = "1" ] && [ "$(echo "$ratio > $max_ratio" | bc -l)" = "1" ]; then status=1; fi
done

echo
echo "Compiler-reported times (one full build with -p:ReportAnalyzer=true):"
dotnet build --no-restore --no-incremental -nologo -v:d -p:ReportAnalyzer=true >"$work/report.log" 2>&1 || { cat "$work/report.log" >&2; exit 2; }
# At detailed verbosity (not at normal) csc's output includes "Total analyzer execution time: X seconds.",
# a table per assembly and per analyzer ("0.520  13  Rollout.Analyzers.RolloutSpecAnalyzer (ROLL001, ...)"),
# and the same for generators. The csc command line names our dlls too (/analyzer:...): left out.
report=$(grep -E "Total (analyzer|generator) execution time|Rollout\.(Analyzers|Generators|CodeFixes)" "$work/report.log" | grep -v -- "/analyzer:" | sed -E 's/^ *//; s/ \(ROLL[^)]*\)/ (ROLL...)/' | cut -c1-160 | awk '!seen[$0]++')
if [ -z "$report" ]; then
  echo "no ReportAnalyzer lines found in the build log ($work/report.log):" >&2
  tail -20 "$work/report.log" >&2
  exit 2
fi
echo "$report"

if [ "${ROLLOUT_BENCH_SMOKE:-0}" = "1" ] && [ "$status" -ne 0 ]; then
  echo "smoke: a with/without ratio exceeds $max_ratio" >&2
fi
exit "$status"
