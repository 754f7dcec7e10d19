#!/usr/bin/env bash
# The federation's update latency (docs/benchmarks.md): two nodes on 127.0.0.1, bravo pulling
# alpha's collection over a link. First the single-node update latency at bravo (kasa-bench
# DetectorLatency at a small N: the indicators it posts itself), then FederationLatency: single-
# indicator bundles POSTed to alpha's TAXII collection, one every INTERVAL ms, while a prober posts
# an event for each pending indicator every 10 ms to bravo's /kasa/v1/events: p99 from the POST's
# 202 at alpha to the first probe that matched at bravo. Once with the live-update path (kasa
# serve), once with polling alone (kasa-bench PollingNode: the same node with the links' live path
# off, polling every 10 s as against other TAXII servers). Ratios to the single-node figure last.
#
# Usage: bench/federation-bench.sh [POSTS] [INTERVAL_MS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
posts=${1:-300}
interval=${2:-200}
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
(cd "$root" && mvn -B -q -o -DskipTests -pl kasa-cli,kasa-bench -am package)
work=$(mktemp -d "${TMPDIR:-/tmp}/kasa-federation-bench.XXXXXX")
cp "$root/kasa-cli/target/kasa.jar" "$root/kasa-bench/target/kasa-bench.jar" "$work/"
kasa_jar="$work/kasa.jar"
bench_jar="$work/kasa-bench.jar"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
jvm=("$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}")
kasa() { "$java" --enable-native-access=ALL-UNNAMED -jar "$kasa_jar" "$@"; }

printf 'bench-password\n' >"$work/pw"
printf 'sensor-password\n' >"$work/spw"
printf 'bravo-password\n' >"$work/bravo.pw"
for n in alpha bravo; do
  kasa node init "$work/$n" --name "$n" >/dev/null
  kasa user add "$work/$n" bench --role admin --password-file "$work/pw" >/dev/null
  kasa node cert "$work/$n" >"$work/$n.pem"
done
kasa user add "$work/bravo" probe --role sensor --password-file "$work/spw" >/dev/null
pub=$(kasa collection add "$work/alpha" pub --title "alpha's indicators")
own=$(kasa collection add "$work/bravo" own --title "bravo's own indicators")
kasa partner add "$work/alpha" bravo --password-file "$work/bravo.pw" >/dev/null
kasa grant "$work/alpha" bravo pub --read >/dev/null

start() { # NAME URL_VAR COMMAND...: starts a node, waits for "listening on", sets URL_VAR and NAME_pid
  local name=$1 var=$2
  shift 2
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  eval "${name}_pid=$!"
  for _ in $(seq 1 3000); do
    if grep -q '^listening on ' "$work/$name.out" 2>/dev/null; then break; fi
    sleep 0.1
  done
  local url
  url=$(sed -n 's/^listening on //p' "$work/$name.out" | head -n 1)
  [ -n "$url" ] || { cat "$work/$name.err" >&2; exit 1; }
  eval "$var=$url"
}

echo "federation benchmark: $posts posts ${interval} ms apart, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start alpha alpha_url "${jvm[@]}" -jar "$kasa_jar" serve "$work/alpha" --listen 127.0.0.1:0
kasa link add "$work/bravo" alpha --url "$alpha_url/taxii2/" --collection "$pub" --pull \
  --password-file "$work/bravo.pw" --ca-file "$work/alpha.pem" >/dev/null
start bravo bravo_url "${jvm[@]}" -jar "$kasa_jar" serve "$work/bravo" --listen 127.0.0.1:0

single=$("$java" -cp "$bench_jar" dev.kasa.bench.node.DetectorLatency "$bravo_url" "$own" \
  bench:bench-password "$work/bravo.pem" probe:sensor-password "$posts")
echo "single node (bravo, DetectorLatency): $single"
live=$("$java" -cp "$bench_jar" dev.kasa.bench.node.FederationLatency "$alpha_url" "$pub" \
  bench:bench-password "$work/alpha.pem" "$bravo_url" "$work/bravo.pem" probe:sensor-password \
  "$posts" "$interval" 11 live-updates)
echo "$live"

kill -TERM "$bravo_pid"; wait "$bravo_pid" || true
start bravo bravo_url "${jvm[@]}" -cp "$bench_jar" dev.kasa.bench.node.PollingNode "$work/bravo"
polling=$("$java" -cp "$bench_jar" dev.kasa.bench.node.FederationLatency "$alpha_url" "$pub" \
  bench:bench-password "$work/alpha.pem" "$bravo_url" "$work/bravo.pem" probe:sensor-password \
  "$posts" "$interval" 12 polling-only)
echo "$polling"

p99() { sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$1"; }
awk -v s="$(p99 "$single")" -v l="$(p99 "$live")" -v p="$(p99 "$polling")" 'BEGIN {
  printf "p99 ratios to the single node (%.1f ms): live-updates %.1fx, polling-only %.1fx\n", s, l / s, p / s }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$bravo_pid" "$alpha_pid"; wait || true
