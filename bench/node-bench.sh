#!/usr/bin/env bash
# The node benchmark (docs/benchmarks.md): N objects (default 1,000,000) in one collection, on
# SQLite or PostgreSQL. The node runs as `kasa serve`; the client (kasa-bench NodeLoad) runs in its
# own process. Phases: POST ingest in bundles of 1,000 (4 concurrent clients); paged GET, pages of
# 1,000, by 8 concurrent readers; one reader's p99 page latency on the otherwise idle node. Then
# the same client against BaselineServer (the same Javalin + TLS + auth stack answering with
# precomputed page bytes, or discarding the POSTed body), for the ratios.
#
# Usage: bench/node-bench.sh sqlite|postgresql [N]
#   postgresql needs KASA_BENCH_POSTGRES=jdbc:postgresql://HOST:PORT/DB?user=U&password=P (an
#   empty database; the script uses a new schema in it and drops it at the end).
# KASA_NODE_JAVA_OPTS adds JVM options to the node (e.g. -XX:StartFlightRecording=filename=node.jfr).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
store=${1:-sqlite}
n=${2:-1000000}
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
(cd "$root" && mvn -B -q -DskipTests -pl kasa-cli,kasa-bench -am package)
work=$(mktemp -d "${TMPDIR:-/tmp}/kasa-node-bench.XXXXXX")
# Copies, so that a build during the run cannot change the jars under the running processes.
cp "$root/kasa-cli/target/kasa.jar" "$root/kasa-bench/target/kasa-bench.jar" "$work/"
kasa_jar="$work/kasa.jar"
bench_jar="$work/kasa-bench.jar"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
kasa() { "$java" --enable-native-access=ALL-UNNAMED -jar "$kasa_jar" "$@"; }

kasa node init "$work/node" --name bench >/dev/null
if [ "$store" = postgresql ]; then
  : "${KASA_BENCH_POSTGRES:?set KASA_BENCH_POSTGRES to a JDBC URL with user and password}"
  schema="bench_$(date +%s)"
  url="$KASA_BENCH_POSTGRES&currentSchema=$schema"
  "$java" -cp "$bench_jar" dev.kasa.bench.node.CreateSchema "$KASA_BENCH_POSTGRES" "$schema"
  escaped=$(printf '%s' "$url" | sed 's/[&#\\]/\\&/g') # '&' and '#' are special to sed
  sed -i "s#url: jdbc:sqlite:store.db#url: \"$escaped\"#" "$work/node/kasa.yml"
fi
printf 'bench-password\n' >"$work/pw"
# The client is a partner with read and write, so that every POST and every page served is a
# crossing the audit chain records (issue 10: the figures hold with the audit on).
kasa partner add "$work/node" bench --password-file "$work/pw" >/dev/null
collection=$(kasa collection add "$work/node" bench --title "Benchmark" 2>/dev/null)
kasa grant "$work/node" bench "$collection" --read --write >/dev/null
kasa node cert "$work/node" >"$work/cert.pem"

start() { # $1 = log name, rest = command; sets url
  "${@:2}" >"$work/$1.out" 2>"$work/$1.err" &
  for _ in $(seq 1 600); do
    if grep -q '^listening on ' "$work/$1.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  url=$(sed -n 's/^listening on //p' "$work/$1.out" | head -n 1)
  [ -n "$url" ] || { cat "$work/$1.err" >&2; exit 1; }
}
load() { "$java" -cp "$bench_jar" dev.kasa.bench.node.NodeLoad "$url" "$collection" bench:bench-password "$work/cert.pem" "$@"; }
value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

echo "node benchmark: $n objects, store $store, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # the options are words
start node "$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" ${KASA_NODE_JAVA_OPTS:-} -jar "$kasa_jar" serve "$work/node" --listen 127.0.0.1:0
node_pid=$!
ingest=$(load ingest "$n"); echo "node     $ingest"
serve=$(load serve "$n"); echo "node     $serve"
p99=$(load p99 "$n"); echo "node     $p99"
kill -TERM "$node_pid"; wait "$node_pid" || true
echo "audit: $(kasa audit "$work/node" | wc -l) entries; $(kasa audit "$work/node" --verify >/dev/null 2>&1 && echo "the chain verifies" || echo "kasa audit --verify FAILED")"

start baseline "$java" "${jvm_options[@]}" -cp "$bench_jar" dev.kasa.bench.node.BaselineServer "$work/node"
base_pid=$!
b_ingest=$(load ingest "$n"); echo "baseline $b_ingest"
b_serve=$(load serve "$n"); echo "baseline $b_serve"
b_p99=$(load p99 "$n"); echo "baseline $b_p99"
kill "$base_pid"; wait "$base_pid" 2>/dev/null || true

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "ratios to the baseline: ingest $(ratio "$(value objects_per_second "$ingest")" "$(value objects_per_second "$b_ingest")")," \
  "serve $(ratio "$(value objects_per_second "$serve")" "$(value objects_per_second "$b_serve")")," \
  "p99 page $(ratio "$(value p99_ms "$p99")" "$(value p99_ms "$b_p99")")x the baseline's"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); store size: $(du -sh "$work/node" | cut -f1)"
if [ "$store" = postgresql ]; then
  "$java" -cp "$bench_jar" dev.kasa.bench.node.CreateSchema "$KASA_BENCH_POSTGRES" "$schema" --drop
fi
rm -rf "$work"
