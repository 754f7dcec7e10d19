#!/usr/bin/env bash
# The ingest benchmark (docs/benchmarks.md, issue 13): what continuous ingest costs in CPU-seconds
# per event against `kasa scan` on the same events with the same intelligence and rules.
#
# The generated workload (WorkloadGenerator: EVENTS Zeek JSON events, INDICATORS STIX indicators)
# is swept by `kasa scan` in pairs of runs: with the logs once and 1 + KASA_BENCH_WARM times. Each
# run's CPU is read when it reports its intel loaded and when it ends: the difference is its sweep,
# without the JVM's start and the intel load (several seconds of CPU that moved by tenths between
# runs, and which the difference of two whole runs carried). The once-run's sweep is the scan's
# cold cost (JIT and all); the later copies' sweep per copy (the twice-run's sweep less the
# once-run's, over KASA_BENCH_WARM) is its warm cost, what the node's warm passes are compared
# with. KASA_BENCH_SCANS pairs (default 3) run before the node, and the median of each figure is
# taken; one more pair runs right after each of the node's warm passes (KASA_BENCH_INTERLEAVE=0
# leaves them out), since the machine's speed drifts over minutes, and the node's warm mean is also
# compared with the median of all pairs and each warm pass with the pair right after it.
# Then a node (SQLite) holding the same indicators in a collection, and the same Sigma folders in
# `detection.sigma`, takes the same events in 1 + KASA_BENCH_WARM passes (default 1 + 3), each as
# files moved into a tailed folder and over TCP syslog (RFC 5424, octet counting, `field-map: zeek`
# as the scan reads Zeek logs) from kasa-bench SyslogSender in its own process. The node's CPU
# (user + system, /proc/PID/stat) is read before each phase and when GET /kasa/v1/sources counts
# every event. Two things that are not ingest are taken out of every phase: the benchmark's own
# status polls (a TLS request each; the node is polled only when its CPU says it has gone quiet,
# or every 5 s, and each poll's CPU is measured on the idle node afterwards) and the idle node's
# own CPU per second of wall time (its timers; measured before and after the passes, the lesser
# taken) times the phase's wall time. The first pass is compared with the scan's cold cost, the
# mean of the warm passes with the scan's warm cost, and the least warm pass with it too.
# Target: the node's CPU per event ≤ 1.2× the scan's. KASA_BENCH_THREADS=1 also prints the
# node's CPU per thread in each phase.
#
# Usage: bench/ingest-bench.sh [EVENTS] [INDICATORS] [SIGMA_DIR...]   (defaults 1000000, 100000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
events=${1:-1000000}
indicators=${2:-100000}
shift $(($# < 2 ? $# : 2))
# shellcheck source=bench/setup.sh
. "$root/bench/setup.sh"
# KASA_BENCH_JARS="KASA_JAR BENCH_JAR" runs prebuilt jars (another commit's, for an interleaved
# comparison in the same conditions) instead of building this tree's.
work=$(mktemp -d "${TMPDIR:-/tmp}/kasa-ingest-bench.XXXXXX")
if [ -n "${KASA_BENCH_JARS:-}" ]; then
  read -r kasa_jar bench_jar <<<"$KASA_BENCH_JARS"
  cp "$kasa_jar" "$work/kasa.jar"
  cp "$bench_jar" "$work/kasa-bench.jar"
else
  (cd "$root" && mvn -B -q -DskipTests -pl kasa-cli,kasa-bench -am package)
  cp "$root/kasa-cli/target/kasa.jar" "$root/kasa-bench/target/kasa-bench.jar" "$work/"
fi
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
kasa() { "$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" -jar "$work/kasa.jar" "$@"; }
tck=$(getconf CLK_TCK)
cpu() { awk -v t="$tck" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
# KASA_BENCH_THREADS=1: the node's CPU per thread in each phase (where the CPU went: the receiving
# thread, the JIT compilers, the GC), from /proc/PID/task/*/stat.
threads() { # $1 = pid; prints "name seconds" per thread
  for t in /proc/"$1"/task/*; do
    # A thread may end between the listing and the read: skip it (set -e would end the run).
    n=$(tr ' ' '_' 2>/dev/null <"$t/comm") || continue
    awk -v t="$tck" -v n="$n" '{ sub(/^[^)]*\) /, ""); printf "%s %.2f\n", n, ($12 + $13) / t }' "$t/stat" 2>/dev/null || true
  done
}
thread_delta() { # $1, $2 = files of threads(); prints the threads that used CPU in between, most first
  awk 'NR == FNR { a[$1] += $2; next } { b[$1] += $2 } END { for (k in b) if (b[k] - a[k] >= 0.05) printf "  %-28s %.2f\n", k, b[k] - a[k] }' "$1" "$2" | sort -k2 -rn
}
micros() { awk -v c="$1" -v n="$2" 'BEGIN { printf "%.2f", c * 1e6 / n }'; }

echo "ingest benchmark: ${KASA_BENCH_JARS:-jars of this tree}: $events events, $indicators indicators, sigma: ${*:-none}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$java" -cp "$work/kasa-bench.jar" dev.kasa.bench.workload.WorkloadGenerator \
  --indicators "$indicators" --events "$events" --seed 42 --out "$work/wl" >/dev/null
intel="$work/wl/intel/indicators.json"
sigma_args=()
for d in "$@"; do sigma_args+=(--sigma "$d"); done

# 1. kasa scan: the marginal CPU of the events, and their warm CPU.
scans=${KASA_BENCH_SCANS:-3}
warm_passes=${KASA_BENCH_WARM:-3}
# The scan's CPU is read twice: when it reports its intel loaded (the "kasa: intel:" line on
# stderr, polled every 20 ms) and when it ends. What it spends after the line is its sweep of the
# events: the JVM's start and the intel load (about 4.5 s of CPU, moving by several tenths between
# runs) are not in that figure, as they were in the difference of two whole runs.
scan_cpu() { # $1 = logs; prints "total_seconds sweep_seconds" (user + system)
  local tpid pid loaded="" total
  /usr/bin/time -f "%U %S" -o "$work/time" \
    "$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" -jar "$work/kasa.jar" \
    scan --intel "$intel" "${sigma_args[@]}" --format jsonl "$1" >"$work/scan.out" 2>"$work/scan.err" &
  tpid=$!
  pid=""
  while kill -0 "$tpid" 2>/dev/null; do
    if [ -z "$pid" ]; then
      pid=$(cat "/proc/$tpid/task/$tpid/children" 2>/dev/null | awk '{ print $1 }') || pid=""
    elif grep -q '^kasa: intel:' "$work/scan.err" 2>/dev/null; then
      loaded=$(cpu "$pid" 2>/dev/null) || loaded=""
      break
    fi
    sleep 0.02
  done
  wait "$tpid" || true
  total=$(awk '{ printf "%.2f", $1 + $2 }' "$work/time")
  [ -n "$loaded" ] || loaded=$total # ended before the poll saw it: no sweep to tell
  echo "$total $(sub "$total" "$loaded")"
}
least() { printf '%s\n' "$@" | sort -g | head -n 1; }
# The same events 1 + KASA_BENCH_WARM times in one scan: the copies after the first cost the
# scan's warm CPU (its JIT mostly done), what the node's warm passes below are compared with, over
# as many passes of the same events.
mkdir "$work/again"
for f in "$work"/wl/logs/*.log; do
  ln "$f" "$work/again/$(basename "$f")"
  for k in $(seq 1 "$warm_passes"); do ln "$f" "$work/again/again$k-$(basename "$f")"; done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# One pair of scans, the logs once and 1 + W times, back to back: appends the first copy's sweep
# (the cold cost: JIT and all) to scan_cold and the later copies' sweep per copy (the warm cost)
# to scan_warm_runs; prints the pair.
scan_cold=(); scan_warm_runs=()
scan_pair() { # $1 = label
  local once again warm
  read -r once_total once <<<"$(scan_cpu "$work/wl/logs")"
  findings=$(wc -l <"$work/scan.out")
  read -r again_total again <<<"$(scan_cpu "$work/again")"
  warm=$(awk -v a="$again" -v b="$once" -v w="$warm_passes" 'BEGIN { printf "%.2f", (a - b) / w }')
  scan_cold+=("$once"); scan_warm_runs+=("$warm")
  echo "scan     $1: cpu_seconds logs=$once_total (sweep $once) logs_$((1 + warm_passes))_times=$again_total (sweep $again) findings=$findings cold per_event_us=$(micros "$once" "$events") warm per_event_us=$(micros "$warm" "$events")"
}
for r in $(seq 1 "$scans"); do scan_pair "run $r"; done
scan_marginal=$(median "${scan_cold[@]}")
scan_warm=$(median "${scan_warm_runs[@]}")
echo "scan     median of $scans: cold per_event_us=$(micros "$scan_marginal" "$events") warm (per copy of $warm_passes) per_event_us=$(micros "$scan_warm" "$events")"

# 2. The node.
kasa node init "$work/node" --name bench >/dev/null
printf 'bench-password\n' >"$work/pw"
kasa user add "$work/node" bench --role admin --password-file "$work/pw" >/dev/null
kasa collection add "$work/node" bench --title "Benchmark" >/dev/null 2>&1
kasa intel add "$work/node" bench "$intel" --tlp green >/dev/null
port=$((20000 + RANDOM % 20000))
mkdir "$work/tail" "$work/staging"
if [ $# -gt 0 ]; then
  list=$(printf '"%s", ' "$@")
  sed -i "s#^  sigma: \[\]#  sigma: [${list%, }]#" "$work/node/kasa.yml"
fi
cat >>"$work/node/kasa.yml" <<YAML
ingest:
  syslog:
    - name: tcp
      protocol: tcp
      listen: 127.0.0.1:$port
      field-map: zeek
  files:
    - name: files
      path: $work/tail
YAML
"$java" --enable-native-access=ALL-UNNAMED "${jvm_options[@]}" ${KASA_NODE_JAVA_OPTS:-} -jar "$work/kasa.jar" \
  serve "$work/node" --listen 127.0.0.1:0 >"$work/node.out" 2>"$work/node.err" &
node_pid=$!
for _ in $(seq 1 3000); do
  if grep -q '^listening on ' "$work/node.out" 2>/dev/null; then break; fi
  sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/node.out" | head -n 1)
[ -n "$url" ] || { cat "$work/node.err" >&2; exit 1; }
kasa node cert "$work/node" >"$work/cert.pem"
polls=0
counted() { # $1 = source name; prints its events so far
  curl -s --cacert "$work/cert.pem" -u bench:bench-password "$url/kasa/v1/sources" \
    | tr '{' '\n' | sed -n "s/.*\"name\":\"$1\".*\"events\":\([0-9]*\).*/\1/p" | head -n 1
}
# Each poll is a TLS request the node pays for: poll when the node's CPU says it went quiet (less
# than 0.02 s in 0.2 s), at most once a second, or every 5 s whatever it does.
await() { # $1 = source name, $2 = events it must have counted
  local before now since=0
  before=$(cpu "$node_pid")
  for _ in $(seq 1 36000); do
    sleep 0.2
    now=$(cpu "$node_pid")
    since=$((since + 1))
    if { [ "$since" -ge 5 ] && awk -v a="$now" -v b="$before" 'BEGIN { exit !(a - b < 0.02) }'; } || [ "$since" -ge 25 ]; then
      polls=$((polls + 1))
      since=0
      [ "$(counted "$1")" = "$2" ] && return 0
      now=$(cpu "$node_pid")
    fi
    before=$now
  done
  echo "timed out waiting for $1 to count $2 events" >&2
  exit 1
}
idle_rate() { # the idle node's CPU seconds per second of wall time, over 5 s
  local c0 c1 t0 t1
  c0=$(cpu "$node_pid"); t0=$(date +%s.%N)
  sleep 5
  c1=$(cpu "$node_pid"); t1=$(date +%s.%N)
  awk -v a="$c0" -v b="$c1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.4f", (b - a) / (e - s) }'
}
sleep 2 # the detector settles after start (its first tick)
# The benchmark's own status polls are not ingest: warm their path (TLS, the route) before the
# phases, count them during, and take their CPU (measured on the idle node afterwards) out.
for _ in $(seq 1 20); do counted files >/dev/null; done
idle_before=$(idle_rate)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# 1 + KASA_BENCH_WARM passes of each way in: the first right after the start (the node's JIT
# compiles its paths then, as the scan's does within its run), the others warm.
passes=$((1 + warm_passes))
for pass in $(seq 1 "$passes"); do
  for f in "$work"/wl/logs/*.log; do cp "$f" "$work/staging/p$pass-$(basename "$f")"; done
  [ -z "${KASA_BENCH_THREADS:-}" ] || threads "$node_pid" >"$work/threads0"
  c0=$(cpu "$node_pid"); t0=$(date +%s.%N)
  mv "$work"/staging/*.log "$work/tail/"
  polls=0
  await files $((pass * events))
  files_polls[$pass]=$polls
  c1=$(cpu "$node_pid"); t1=$(date +%s.%N)
  files_cpu[$pass]=$(sub "$c1" "$c0")
  files_wall[$pass]=$(sub "$t1" "$t0")
  echo "files    pass $pass: cpu_seconds=${files_cpu[$pass]} wall_seconds=${files_wall[$pass]} polls=$polls per_event_us=$(micros "${files_cpu[$pass]}" "$events")"
  [ -z "${KASA_BENCH_THREADS:-}" ] || { threads "$node_pid" >"$work/threads1"; thread_delta "$work/threads0" "$work/threads1"; }

  c2=$(cpu "$node_pid"); t2=$(date +%s.%N)
  sent=$("$java" -cp "$work/kasa-bench.jar" dev.kasa.bench.node.SyslogSender 127.0.0.1 "$port" "$work"/wl/logs/*.log)
  polls=0
  await tcp $((pass * events))
  tcp_polls[$pass]=$polls
  c3=$(cpu "$node_pid"); t3=$(date +%s.%N)
  tcp_cpu[$pass]=$(sub "$c3" "$c2")
  tcp_wall[$pass]=$(sub "$t3" "$t2")
  echo "syslog   pass $pass: cpu_seconds=${tcp_cpu[$pass]} wall_seconds=${tcp_wall[$pass]} polls=$polls per_event_us=$(micros "${tcp_cpu[$pass]}" "$events") sender: $sent"
  [ -z "${KASA_BENCH_THREADS:-}" ] || { threads "$node_pid" >"$work/threads2"; thread_delta "$work/threads1" "$work/threads2"; }
  # A scan pair right after each warm pass (the node idles meanwhile, and no phase is measured
  # then): the machine's speed drifts over minutes, and the scan's figure should come from the
  # same minutes as the node's.
  if [ "$pass" -gt 1 ] && [ "${KASA_BENCH_INTERLEAVE:-1}" != 0 ]; then
    scan_pair "after pass $pass"
    pass_scan_warm[$pass]=${scan_warm_runs[-1]}
  fi
done
idle_after=$(idle_rate)
idle=$(least "$idle_before" "$idle_after")
c4=$(cpu "$node_pid")
for _ in $(seq 1 20); do counted files >/dev/null; done
poll_cpu=$(awk -v a="$(cpu "$node_pid")" -v b="$c4" 'BEGIN { printf "%.4f", (a - b) / 20 }')
kill -TERM "$node_pid"; wait "$node_pid" || true
# A phase's CPU less its polls and the idle node's CPU over its wall time.
net() { awk -v c="$1" -v n="$2" -v w="$3" -v p="$poll_cpu" -v i="$idle" 'BEGIN { printf "%.2f", c - n * p - w * i }'; }
echo "status polls: $poll_cpu cpu_seconds each; idle node: $idle_before before, $idle_after after the passes, cpu_seconds per wall second ($idle taken out)"
for pass in $(seq 1 "$passes"); do
  files_net[$pass]=$(net "${files_cpu[$pass]}" "${files_polls[$pass]}" "${files_wall[$pass]}")
  tcp_net[$pass]=$(net "${tcp_cpu[$pass]}" "${tcp_polls[$pass]}" "${tcp_wall[$pass]}")
  echo "pass $pass, polls and idle out: files per_event_us=$(micros "${files_net[$pass]}" "$events"), syslog per_event_us=$(micros "${tcp_net[$pass]}" "$events")"
done
echo "first pass against the scan's cold sweep: files per_event_us=$(micros "${files_net[1]}" "$events") ratio $(ratio "${files_net[1]}" "$scan_marginal"), syslog per_event_us=$(micros "${tcp_net[1]}" "$events") ratio $(ratio "${tcp_net[1]}" "$scan_marginal") (target ≤ 1.20)"
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.2f", s / NR }'; }
files_mean=$(mean "${files_net[@]:2}")
tcp_mean=$(mean "${tcp_net[@]:2}")
echo "mean of $warm_passes warm passes against the scan's warm (per copy, the median of $scans pairs before the node): files per_event_us=$(micros "$files_mean" "$events") ratio $(ratio "$files_mean" "$scan_warm"), syslog per_event_us=$(micros "$tcp_mean" "$events") ratio $(ratio "$tcp_mean" "$scan_warm") (target ≤ 1.20)"
files_warm=$(least "${files_net[@]:2}")
tcp_warm=$(least "${tcp_net[@]:2}")
echo "least of $warm_passes warm passes against the same: files per_event_us=$(micros "$files_warm" "$events") ratio $(ratio "$files_warm" "$scan_warm"), syslog per_event_us=$(micros "$tcp_warm" "$events") ratio $(ratio "$tcp_warm" "$scan_warm")"
if [ "${KASA_BENCH_INTERLEAVE:-1}" != 0 ]; then
  scan_warm_all=$(median "${scan_warm_runs[@]}")
  echo "scan     warm, median of all ${#scan_warm_runs[@]} pairs (before and between the passes): per_event_us=$(micros "$scan_warm_all" "$events") (${scan_warm_runs[*]} s per copy)"
  echo "mean of $warm_passes warm passes against it: files ratio $(ratio "$files_mean" "$scan_warm_all"), syslog ratio $(ratio "$tcp_mean" "$scan_warm_all") (target ≤ 1.20)"
  for pass in $(seq 2 "$passes"); do
    echo "pass $pass against the scan pair right after it (warm per_event_us=$(micros "${pass_scan_warm[$pass]}" "$events")): files ratio $(ratio "${files_net[$pass]}" "${pass_scan_warm[$pass]}"), syslog ratio $(ratio "${tcp_net[$pass]}" "${pass_scan_warm[$pass]}"), syslog / files $(ratio "${tcp_net[$pass]}" "${files_net[$pass]}")"
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
