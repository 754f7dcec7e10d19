#!/usr/bin/env bash
# The node detector's update latency (docs/benchmarks.md): N indicators (default 1,000,000) are
# POSTed into one collection (kasa-bench NodeLoad ingest), the node is restarted (the detector's
# start from the store is timed), then DetectorLatency, in its own process, POSTs single-indicator
# bundles to TAXII while a prober posts an event for each pending indicator every 10 ms to
# /kasa/v1/events: p99 from the POST's 202 to the first probe that matched.
#
# Usage: bench/detector-bench.sh [N] [POSTS]
# Environment: KASA_JAVA_OPTS, extra JVM options for the node (e.g. -XX:StartFlightRecording=...);
# KASA_BENCH_KEEP=DIR keeps the loaded node in DIR (made on the first run, reused after: no ingest).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1000000}
posts=${2:-1000}
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
(cd "$root" && mvn -B -q -o -DskipTests -pl kasa-cli,kasa-bench -am package)
work=$(mktemp -d "${TMPDIR:-/tmp}/kasa-detector-bench.XXXXXX")
cp "$root/kasa-cli/target/kasa.jar" "$root/kasa-bench/target/kasa-bench.jar" "$work/"
kasa_jar="$work/kasa.jar"
bench_jar="$work/kasa-bench.jar"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
keep=${KASA_BENCH_KEEP:-}
kasa() { "$java" --enable-native-access=ALL-UNNAMED -jar "$kasa_jar" "$@"; }

loaded=
if [ -n "$keep" ] && [ -f "$keep/collection" ]; then
  cp -r "$keep/node" "$work/node"
  collection=$(cat "$keep/collection")
  loaded=yes
else
  kasa node init "$work/node" --name bench >/dev/null
  printf 'bench-password\n' >"$work/pw"
  printf 'sensor-password\n' >"$work/spw"
  kasa user add "$work/node" bench --role admin --password-file "$work/pw" >/dev/null
  kasa user add "$work/node" probe --role sensor --password-file "$work/spw" >/dev/null
  collection=$(kasa collection add "$work/node" bench --title "Benchmark" 2>/dev/null)
fi
kasa node cert "$work/node" >"$work/cert.pem"

start() { # sets url, node_pid and seconds (to "listening"); not in a subshell, or they are lost
  local t0=$(date +%s.%N)
  "$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" ${KASA_JAVA_OPTS:-} -jar "$kasa_jar" serve "$work/node" \
    --listen 127.0.0.1:0 >"$work/node.out" 2>"$work/node.err" &
  node_pid=$!
  for _ in $(seq 1 3000); do
    if grep -q '^listening on ' "$work/node.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  url=$(sed -n 's/^listening on //p' "$work/node.out" | head -n 1)
  [ -n "$url" ] || { cat "$work/node.err" >&2; exit 1; }
  seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
}

echo "detector benchmark: $n indicators, $posts posts, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -z "$loaded" ]; then
  start
  "$java" -cp "$bench_jar" dev.kasa.bench.node.NodeLoad "$url" "$collection" bench:bench-password \
    "$work/cert.pem" ingest "$n"
  kill -TERM "$node_pid"; wait "$node_pid" || true
  if [ -n "$keep" ]; then
    mkdir -p "$keep" && cp -r "$work/node" "$keep/node" && printf '%s\n' "$collection" >"$keep/collection"
  fi
fi
start
echo "start with $n indicators stored: ${seconds}s to listening (detector built), node RSS $(ps -o rss= -p "$node_pid" | awk '{printf "%d MB", $1/1024}')"
"$java" -cp "$bench_jar" dev.kasa.bench.node.DetectorLatency "$url" "$collection" \
  bench:bench-password "$work/cert.pem" probe:sensor-password "$posts"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$node_pid"; wait "$node_pid" || true
