#!/usr/bin/env bash
# Issue 14's proof in one run (docs/benchmarks.md, "The speed report"): every figure the issue names,
# measured with the JVM options the launcher gives every command (bin/java-options), beside the
# Jackson reference read of the same bytes in the same run, then a summary against the targets.
#
#  1. Sigma: the six SigmaHQ folders (example placeholders) over the OTRF Windows datasets:
#     the reference, parse-only and parse + detection, one thread and all cores (one JVM).
#  2. IOC: the generated workload's 1,000,000 STIX indicators over its Zeek JSON logs: the same
#     three passes (one JVM).
#  3. The 1M-indicator STIX load in a fresh JVM (IntelLoadMeasure, one run: the cold figure).
#  4. Loading and compiling the rule set: `kasa rules check` in a fresh JVM, with no compiled
#     cache and with the entry the run before left, with the class data sharing archive ./kasa
#     uses (bin/cds-options; the first run, which writes it, is shown apart).
#  5. Peak RSS of the whole commands `kasa scan --sigma` and `kasa scan --intel`.
#
# Usage: bench/speed-report.sh      (RUNS=2 by default; the least CPU of the runs is kept)
#   KASA_CORPORA=../shared/corpora  the SigmaHQ rules and OTRF datasets
#   KASA_BENCH_DIR=/tmp/kasa-speed  unzipped OTRF logs (logs/), the generated workload (wl/)
#   KASA_BENCH_JARS="KASA_JAR BENCH_JAR"  prebuilt jars instead of this tree's
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpora="${KASA_CORPORA:-$root/../shared/corpora}"
work="${KASA_BENCH_DIR:-/tmp/kasa-speed}"
runs="${RUNS:-2}"
sigma="$corpora/sigma"
[ -d "$sigma" ] || { echo "SigmaHQ rules not found under $corpora; set KASA_CORPORA" >&2; exit 2; }
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
# shellcheck source=bench/otrf-logs.sh
. "$root/bench/otrf-logs.sh"
otrf_logs "$corpora" "$work"

if [ -n "${KASA_BENCH_JARS:-}" ]; then
  read -r kasa_jar bench_jar <<<"$KASA_BENCH_JARS"
else
  (cd "$root" && mvn -B -q -DskipTests -pl kasa-cli,kasa-bench -am package >/dev/null)
  kasa_jar="$root/kasa-cli/target/kasa.jar"
  bench_jar="$root/kasa-bench/target/kasa-bench.jar"
fi
wl="$work/wl"
if [ ! -f "$wl/intel/indicators.json" ]; then
  echo "generating the workload (1,000,000 indicators, 2,000,000 Zeek events) in $wl ..." >&2
  "$java" -cp "$bench_jar" dev.kasa.bench.workload.WorkloadGenerator \
    --indicators 1000000 --events 2000000 --seed 42 --out "$wl" >/dev/null
fi
out="$work/report"
mkdir -p "$out"
cache=$(mktemp -d "${TMPDIR:-/tmp}/kasa-speed-cache.XXXXXX")
trap 'rm -rf "$cache"' EXIT

# /usr/bin/time runs programs, not shell functions: the two commands as arrays.
kasa=("$java" "${jvm_options[@]}" -jar "$kasa_jar")
bench=("$java" "${jvm_options[@]}" -cp "$bench_jar")
timed() { # $1 = the file for "wall user sys rss_kb"; the rest is the command
  local file=$1
  shift
  /usr/bin/time -o "$file" -f "%e %U %S %M" "$@"
}
# `kasa ARGS` as ./kasa runs it, with the command's JVM options (bin/jvm-options COMMAND) and class
# data sharing (bin/cds-options, the archives under $KASA_CACHE_DIR/cds): $1 = the file for "wall
# user sys rss_kb". The subshell's process id is the one /usr/bin/time gets by exec, as the
# launcher's is the JVM's.
kasa_timed() {
  local file=$1
  shift
  (
    pid=$BASHPID
    options=() cds=()
    while read -r option; do
      options+=("$option")
    done < <("$root/bin/jvm-options" "${1:-}")
    while read -r option; do
      cds+=("$option")
    done < <("$root/bin/cds-options" "$java_home" "$kasa_jar" "$pid" "${1:-}" "${options[@]}")
    exec /usr/bin/time -o "$file" -f "%e %U %S %M" "$java" "${options[@]}" ${cds[@]+"${cds[@]}"} \
      -jar "$kasa_jar" "$@"
  )
}
rules=() sigma_args=() folders=()
for d in rules rules-emerging-threats rules-threat-hunting rules-placeholder rules-compliance rules-dfir; do
  rules+=(--rules "$sigma/$d")
  sigma_args+=(--sigma "$sigma/$d")
  folders+=("$sigma/$d")
done
placeholders="$root/docs/examples/placeholders.yml"

echo "speed report: $(date -u +%FT%TZ), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$java" -version 2>&1 | head -1)"
echo "JVM options: ${jvm_options[*]}"
echo
echo "== 1. Sigma: SigmaHQ (6 folders) over the OTRF Windows datasets"
"${bench[@]}" dev.kasa.bench.DetectionThroughputMeasure --runs "$runs" --placeholders "$placeholders" \
  "${rules[@]}" "$work/logs" | tee "$out/sigma.txt"
echo
echo "== 2. IOC: 1,000,000 STIX indicators over 2,000,000 Zeek JSON events"
"${bench[@]}" dev.kasa.bench.DetectionThroughputMeasure --runs "$runs" --intel "$wl/intel/indicators.json" \
  "$wl/logs" | tee "$out/ioc.txt"
echo
echo "== 3. STIX load, 1,000,000 indicators, fresh JVM"
timed "$out/load.time" "${bench[@]}" dev.kasa.bench.IntelLoadMeasure --runs 1 "$wl/intel/indicators.json" |
  tee "$out/load.txt"
echo
echo "== 4. kasa rules check, 6 folders, fresh JVM, as ./kasa runs it (wall user sys rss_kb)"
check=(rules check --placeholders "$placeholders" "${folders[@]}")
# The first run writes the command's class data sharing archive at exit; the later ones map it.
KASA_CACHE=off KASA_CACHE_DIR="$cache" kasa_timed "$out/check-first.time" "${check[@]}" >/dev/null
KASA_CACHE=off KASA_CACHE_DIR="$cache" kasa_timed "$out/check-none.time" "${check[@]}" >/dev/null
KASA_CACHE_DIR="$cache" kasa_timed /dev/null "${check[@]}" >/dev/null # writes the entry
KASA_CACHE_DIR="$cache" kasa_timed "$out/check-cached.time" "${check[@]}" >/dev/null
echo "no cache, first run (writes the CDS archive): $(cat "$out/check-first.time")"
echo "no cache:   $(cat "$out/check-none.time")"
echo "with entry: $(cat "$out/check-cached.time")"
echo
echo "== 5. whole commands, all cores, no compiled cache (wall user sys rss_kb)"
KASA_CACHE=off timed "$out/scan-sigma.time" "${kasa[@]}" scan "${sigma_args[@]}" \
  --placeholders "$placeholders" --input-format windows-json --format jsonl "$work/logs" >/dev/null 2>&1
timed "$out/scan-intel.time" "${kasa[@]}" scan --intel "$wl/intel/indicators.json" --format jsonl \
  "$wl/logs" >/dev/null 2>&1
echo "kasa scan --sigma: $(cat "$out/scan-sigma.time")"
echo "kasa scan --intel: $(cat "$out/scan-intel.time")"
echo
echo "== summary (issue 14's targets)"
awk -f "$root/bench/speed-summary.awk" "$out"/sigma.txt "$out"/ioc.txt "$out"/load.txt "$out"/load.time \
  "$out"/check-none.time "$out"/check-cached.time "$out"/scan-sigma.time "$out"/scan-intel.time
echo "(wall times hold only on an idle machine; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
