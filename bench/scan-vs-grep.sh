#!/usr/bin/env bash
# Whole-command benchmark: `kasa scan` against `grep -F -f` over the same generated Zeek logs.
#
# Usage: bench/scan-vs-grep.sh [INDICATORS [EVENTS]]        (defaults 1000000 2000000)
# Environment:
#   KASA_BENCH_SEED=42           generator seed
#   KASA_BENCH_DIR=DIR           workload directory (default /tmp/kasa-bench-N-M-SEED; reused when
#                                its workload.properties matches)
#   KASA_BENCH_RUNS=1            timed runs per command; the best (lowest) wall time is reported
#   KASA_BENCH_GREP_UTF8=1       also time grep in the C.UTF-8 locale (0 to skip)
#   KASA_BENCH_GREP_DETAIL=0     1: one more grep -n run, to split grep's count into substring
#                                false positives and misses against the expected hit lines
#   KASA_BENCH_THREADS_ALL=      --threads for the "all cores" runs (default: option omitted)
#   KASA_BENCH_KASA=./kasa       the Kasa command, run from the repository root
# Exit status: 0 when every Kasa run found exactly the expected hit events, 1 when a count differs,
# 3 when a Kasa run failed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-${KASA_BENCH_INDICATORS:-1000000}}
M=${2:-${KASA_BENCH_EVENTS:-2000000}}
SEED=${KASA_BENCH_SEED:-42}
DIR=${KASA_BENCH_DIR:-/tmp/kasa-bench-$N-$M-$SEED}
RUNS=${KASA_BENCH_RUNS:-1}
GREP_UTF8=${KASA_BENCH_GREP_UTF8:-1}
GREP_DETAIL=${KASA_BENCH_GREP_DETAIL:-0}
THREADS_ALL=${KASA_BENCH_THREADS_ALL:-}
KASA=${KASA_BENCH_KASA:-./kasa}
BENCH_JAR=$ROOT/kasa-bench/target/kasa-bench.jar
FORMAT=1 # WorkloadGenerator.FORMAT_VERSION this script understands

log() { echo "[scan-vs-grep] $*" >&2; }

# (a) build when a jar is missing or a source or pom is newer than it
if [[ ! -f "$BENCH_JAR" ]] || [[ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \
    \( -name '*.java' -o -name pom.xml \) -newer "$BENCH_JAR" -print -quit)" ]]; then
  log "building (mvn -B -q -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
JAVA="$("$ROOT/bin/find-jdk" 21)/bin/java"

# (b) the workload, reused when its parameters match
props="$DIR/workload.properties"
if [[ -f "$props" ]] && grep -qx "format=$FORMAT" "$props" && grep -qx "indicators=$N" "$props" \
    && grep -qx "events=$M" "$props" && grep -qx "seed=$SEED" "$props"; then
  log "reusing workload in $DIR"
else
  log "generating $N indicators and $M events into $DIR"
  rm -rf "$DIR"
  "$JAVA" -Xmx4g -cp "$BENCH_JAR" dev.kasa.bench.workload.WorkloadGenerator \
    --indicators "$N" --events "$M" --seed "$SEED" --out "$DIR"
fi
EXPECTED=$(tr -d '[:space:]' < "$DIR/expected-hits.txt")
LOGS=("$DIR"/logs/*.log)
QLOGS=$(printf '%q ' "${LOGS[@]}")
QVALUES=$(printf '%q' "$DIR/intel/values.txt")
BYTES=$(cat "${LOGS[@]}" | wc -c)
OUT="$DIR/out"
mkdir -p "$OUT"
cat "${LOGS[@]}" > /dev/null # warm the page cache so every command reads from memory

# (c) timing: best wall time of RUNS runs; sets WALL, CPU (user+sys) and RSS_MB; returns the
# command's exit status. hyperfine is used when installed (its "min" is the best run; no RSS).
time_cmd() {
  local best="" t u s cpu rss tf rc=0
  tf=$(mktemp)
  if command -v hyperfine > /dev/null && [[ "${KASA_BENCH_HYPERFINE:-1}" == 1 ]]; then
    hyperfine --runs "$RUNS" --shell=bash --style basic --export-csv "$tf" "$1" >&2 || rc=$?
    if [[ $rc == 0 ]]; then
      read -r t u s < <(tail -1 "$tf" | awk -F, '{ print $(NF - 1), $(NF - 3), $(NF - 2) }')
      WALL=$(awk -v t="$t" 'BEGIN { printf "%.2f", t }')
      CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
      RSS_MB="?"
    fi
    rm -f "$tf"
    return $rc
  fi
  for ((r = 1; r <= RUNS; r++)); do
    if [[ -x /usr/bin/time ]]; then
      /usr/bin/time -f '%e %U %S %M' -o "$tf" bash -c "$1" || rc=$?
      read -r t u s rss < <(tail -1 "$tf")
      cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
    else
      local t0 t1
      t0=$(date +%s%N)
      bash -c "$1" || rc=$?
      t1=$(date +%s%N)
      t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
      cpu="?"
      rss=0
    fi
    [[ $rc == 0 ]] || break
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      CPU=$cpu
      RSS_MB=$((rss / 1024))
    fi
  done
  rm -f "$tf"
  WALL=$best
  return $rc
}

# Distinct log:line pairs in Kasa's jsonl (one object per hit; several hits may share an event).
hit_events() {
  awk '{
    f = ""; l = "";
    if (match($0, /"file":"[^"]*"/)) { f = substr($0, RSTART + 8, RLENGTH - 9); sub(/.*\//, "", f) }
    if (match($0, /"line":[0-9]+/)) l = substr($0, RSTART + 7, RLENGTH - 7);
    print f ":" l
  }' "$1" | sort -u
}

ROWS=()
STATUS=0
row() { # name wall cpu rss count note
  local eps mbs
  eps=$(awk -v m="$M" -v w="$2" 'BEGIN { printf "%.0f", m / w }')
  mbs=$(awk -v b="$BYTES" -v w="$2" 'BEGIN { printf "%.1f", b / w / 1e6 }')
  ROWS+=("$(printf '%-38s %8s %8s %7s %11s %8s %10s  %s' "$1" "$2" "$3" "$4" "$eps" "$mbs" "$5" "$6")")
}

log "grep -F -c (LC_ALL=C)"
time_cmd "LC_ALL=C grep -F -c -f $QVALUES $QLOGS > '$OUT/grep-c.txt' || true"
GREP_WALL=$WALL
GREP_COUNT=$(awk -F: '{ s += $NF } END { print s + 0 }' "$OUT/grep-c.txt")
row "grep -F -c -f values.txt (LC_ALL=C)" "$WALL" "$CPU" "$RSS_MB" "$GREP_COUNT" \
  "lines; $((GREP_COUNT - EXPECTED)) vs expected"
if [[ "$GREP_UTF8" == 1 ]]; then
  log "grep -F -c (LC_ALL=C.UTF-8)"
  time_cmd "LC_ALL=C.UTF-8 grep -F -c -f $QVALUES $QLOGS > '$OUT/grep-c-utf8.txt' || true"
  c=$(awk -F: '{ s += $NF } END { print s + 0 }' "$OUT/grep-c-utf8.txt")
  row "grep -F -c -f values.txt (C.UTF-8)" "$WALL" "$CPU" "$RSS_MB" "$c" "lines"
fi

kasa_run() { # name intel threads-option output
  log "$1"
  if ! time_cmd "cd '$ROOT' && $KASA scan --intel '$2' --format jsonl $3 '$DIR/logs' > '$OUT/$4' 2> '$OUT/$4.stderr'; rc=\$?; [[ \$rc -le 1 ]]"; then
    log "kasa failed; see $OUT/$4.stderr"
    tail -5 "$OUT/$4.stderr" >&2 || true
    exit 3
  fi
  hit_events "$OUT/$4" > "$OUT/$4.events"
  local n
  n=$(wc -l < "$OUT/$4.events")
  local note="events with a hit; exact"
  if [[ "$n" != "$EXPECTED" ]]; then
    note="MISMATCH: expected $EXPECTED ($(comm -13 "$OUT/$4.events" <(sort "$DIR/expected-hit-lines.txt") | wc -l) missed, $(comm -23 "$OUT/$4.events" <(sort "$DIR/expected-hit-lines.txt") | wc -l) extra)"
    STATUS=1
  fi
  row "$1" "$WALL" "$CPU" "$RSS_MB" "$n" "$note; grep/kasa $(awk -v g="$GREP_WALL" -v k="$WALL" 'BEGIN { printf "%.1fx", g / k }')"
}

ALL_OPT=""
[[ -n "$THREADS_ALL" ]] && ALL_OPT="--threads $THREADS_ALL"
kasa_run "kasa scan, STIX bundle, --threads 1" "$DIR/intel/indicators.json" "--threads 1" hits-stix-t1.jsonl
kasa_run "kasa scan, STIX bundle, all cores" "$DIR/intel/indicators.json" "$ALL_OPT" hits-stix-all.jsonl
kasa_run "kasa scan, plain list, all cores" "$DIR/intel/values.txt" "$ALL_OPT" hits-list-all.jsonl

if [[ "$GREP_DETAIL" == 1 ]]; then
  log "grep -F -n (LC_ALL=C) to classify grep's matches"
  LC_ALL=C grep -F -n -H -f "$DIR/intel/values.txt" "${LOGS[@]}" | cut -d: -f1,2 \
    | sed 's#.*/##' | sort -u > "$OUT/grep-lines.txt" || true
  sort "$DIR/expected-hit-lines.txt" > "$OUT/expected-sorted.txt"
  GREP_FP=$(comm -23 "$OUT/grep-lines.txt" "$OUT/expected-sorted.txt" | wc -l)
  GREP_MISS=$(comm -13 "$OUT/grep-lines.txt" "$OUT/expected-sorted.txt" | wc -l)
fi

# (d) the table
{
  echo "kasa scan vs grep -F -f: $N indicators, $M Zeek JSON events, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of logs, seed $SEED"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(grep --version | head -1); best of $RUNS run(s); $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "expected events with a hit: $EXPECTED"
  printf '%-38s %8s %8s %7s %11s %8s %10s  %s\n' command wall_s cpu_s rss_MB events/s MB/s count note
  printf '%s\n' "${ROWS[@]}"
  if [[ "$GREP_DETAIL" == 1 ]]; then
    echo "grep (LC_ALL=C) matched lines: $GREP_FP not expected (substring false positives), $GREP_MISS expected lines missed (CIDR ranges, and any others)"
  fi
} | tee "$OUT/scan-vs-grep.txt"
exit $STATUS
