#!/usr/bin/env bash
# Sigma throughput on the OTRF Windows attack datasets: every compiled SigmaHQ rule against the
# unzipped events, parse-only vs parse+detect, one thread and every core, in one JVM
# (dev.kasa.bench.DetectionThroughputMeasure); then the whole `kasa scan --sigma` command once.
#
#   bench/sigma-otrf.sh                 # uses ../shared/corpora (or $KASA_CORPORA)
#   KASA_BENCH_DIR=/tmp/kasa-otrf RUNS=3 bench/sigma-otrf.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpora="${KASA_CORPORA:-$root/../shared/corpora}"
work="${KASA_BENCH_DIR:-/tmp/kasa-otrf}"
runs="${RUNS:-3}"
otrf="$corpora/otrf/atomic/windows"
sigma="$corpora/sigma"
[ -d "$otrf" ] && [ -d "$sigma" ] || { echo "corpora not found under $corpora; set KASA_CORPORA" >&2; exit 2; }

# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
# shellcheck source=bench/otrf-logs.sh
. "$root/bench/otrf-logs.sh"
otrf_logs "$corpora" "$work"
echo "events: $(cat "$work"/logs/*.json | wc -l) lines, $(du -sh "$work/logs" | cut -f1) in $work/logs"

(cd "$root" && mvn -B -q -o -DskipTests package -pl kasa-bench -am >/dev/null)
rules=()
for d in rules rules-emerging-threats rules-threat-hunting rules-placeholder rules-compliance rules-dfir; do
  [ -d "$sigma/$d" ] && rules+=(--rules "$sigma/$d")
done
"$java" "${jvm_options[@]}" -cp "$root/kasa-bench/target/kasa-bench.jar" \
  dev.kasa.bench.DetectionThroughputMeasure --runs "$runs" \
  --placeholders "$root/docs/examples/placeholders.yml" "${rules[@]}" "$work/logs"

echo "whole command: kasa scan --sigma (all cores, jsonl to /dev/null)"
sigma_args=()
for d in rules rules-emerging-threats rules-threat-hunting rules-placeholder rules-compliance; do
  sigma_args+=(--sigma "$sigma/$d")
done
/usr/bin/time -f "%e s wall, %U s user, %M KB max RSS" \
  "$root/kasa" scan "${sigma_args[@]}" --placeholders "$root/docs/examples/placeholders.yml" \
  --input-format windows-json --format jsonl "$work/logs" >/dev/null
