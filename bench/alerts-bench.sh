#!/usr/bin/env bash
# The page benchmark (issue 13, docs/benchmarks.md): a node's store filled with N alerts (default
# 1,000,000) over 90 days, 10,000 assets and 20 actors (kasa-bench AlertFill: assets and intel
# through the admin API, alerts and their findings as JDBC batches into the node's own schema);
# then the node runs as `kasa serve` and one client in its own process (kasa-bench PageLoad) logs
# in as a browser does and makes 1,000 sequential requests per target, printing p50/p99/max and
# each target's p99 as a ratio to a 50-row GET /kasa/v1/findings (API token) in the same run.
# Runs on SQLite, then on PostgreSQL when KASA_BENCH_POSTGRES names a database (a new schema in
# it, dropped at the end). The generated data stays in a temporary directory, deleted at the end.
#
# Usage: bench/alerts-bench.sh [N [TARGET...]]
#   default targets: /kasa/v1/findings?limit=50 (the baseline), /ui/overview/,
#   /ui/alerts/?status=new&priority=high, /kasa/v1/alerts?status=new&priority=high&limit=50
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1000000}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=('/kasa/v1/findings?limit=50' '/ui/overview/' '/ui/alerts/?status=new&priority=high'
    '/kasa/v1/alerts?status=new&priority=high&limit=50')
fi
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
(cd "$root" && mvn -B -q -DskipTests -pl kasa-cli,kasa-bench -am package)
work=$(mktemp -d "${TMPDIR:-/tmp}/kasa-alerts-bench.XXXXXX")
cp "$root/kasa-cli/target/kasa.jar" "$root/kasa-bench/target/kasa-bench.jar" "$work/"
kasa_jar="$work/kasa.jar"
bench_jar="$work/kasa-bench.jar"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
kasa() { "$java" --enable-native-access=ALL-UNNAMED -jar "$kasa_jar" "$@"; }
printf 'analyst-password\n' >"$work/pw"
printf 'analyst-api-token-0123456789\n' >"$work/token"

stores=(sqlite)
if [ -n "${KASA_BENCH_POSTGRES:-}" ]; then stores+=(postgresql); else
  echo "PostgreSQL skipped: set KASA_BENCH_POSTGRES to a JDBC URL with user and password"; fi

for store in "${stores[@]}"; do
  node="$work/node-$store"
  kasa node init "$node" --name bench >/dev/null
  if [ "$store" = postgresql ]; then
    schema="alerts_bench_$(date +%s)"
    url="$KASA_BENCH_POSTGRES&currentSchema=$schema"
    "$java" -cp "$bench_jar" dev.kasa.bench.node.CreateSchema "$KASA_BENCH_POSTGRES" "$schema"
    escaped=$(printf '%s' "$url" | sed 's/[&#\\]/\\&/g') # '&' and '#' are special to sed
    sed -i "s#url: jdbc:sqlite:store.db#url: \"$escaped\"#" "$node/kasa.yml"
  fi
  kasa user add "$node" analyst --role analyst --password-file "$work/pw" --token-file "$work/token" >/dev/null
  collection=$(kasa collection add "$node" intel --title "Bench intel" 2>/dev/null)
  kasa node cert "$node" >"$work/cert.pem"
  echo "alerts benchmark: $n alerts, store $store, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "fill     %e s wall, %M KiB max RSS" \
    "$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" -cp "$bench_jar" dev.kasa.bench.node.AlertFill "$node" "$collection" "$n"
  if [ "$store" = sqlite ]; then echo "store size: $(du -sh "$node" | cut -f1)"; fi
  "$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" -jar "$kasa_jar" serve "$node" \
    --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
  node_pid=$!
  for _ in $(seq 1 1200); do
    if grep -q '^listening on ' "$work/serve.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  url=$(sed -n 's/^listening on //p' "$work/serve.out" | head -n 1)
  [ -n "$url" ] || { cat "$work/serve.err" >&2; exit 1; }
  "$java" -cp "$bench_jar" dev.kasa.bench.node.PageLoad "$url" "$work/cert.pem" \
    analyst:analyst-password --token analyst-api-token-0123456789 "${targets[@]}"
  kill -TERM "$node_pid"; wait "$node_pid" || true
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$store" = postgresql ]; then
    "$java" -cp "$bench_jar" dev.kasa.bench.node.CreateSchema "$KASA_BENCH_POSTGRES" "$schema" --drop
  fi
  rm -rf "$node"
done
