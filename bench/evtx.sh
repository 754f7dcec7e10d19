#!/usr/bin/env bash
# Reading .evtx files, side by side in one run on the same files: Kasa (`kasa evtx dump --format
# jsonl`, one command for the whole folder), libevtx's evtxexport (its own text output, once per
# file under `xargs -P $(nproc)`) and python-evtx's evtx_dump.py (its XML, once per file under
# `xargs -P $(nproc)`, on EVTX_PY_FILES of the files and extrapolated by bytes: it is ~100x
# slower). Every output goes to /dev/null. Two sets of files:
#   1. the writer's workload (dev.kasa.bench.workload.EvtxWorkloadGenerator): EVTX_FILES files of
#      EVTX_FILE_MB MiB (default 64 x 16 MiB, over 1 GB), where the targets apply;
#   2. the shared corpus's .evtx files (SigmaHQ regression data), reported only.
#
#   bench/evtx.sh                                  # full size, in /tmp/kasa-evtx
#   EVTX_FILES=8 bench/evtx.sh                     # a quick check
#   RUNS=3 EVTX_PY_FILES=4 KASA_BENCH_DIR=/data/b bench/evtx.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpora="${KASA_CORPORA:-$root/../shared/corpora}"
work="${KASA_BENCH_DIR:-/tmp/kasa-evtx}"
files="${EVTX_FILES:-64}"
file_mb="${EVTX_FILE_MB:-16}"
seed="${EVTX_SEED:-42}"
runs="${RUNS:-1}"
py_files="${EVTX_PY_FILES:-2}"
procs="$(nproc)"
java_home="$("$root/bin/find-jdk" 21)"
wl="$work/workload-$files-$file_mb-$seed"

have() { command -v "$1" >/dev/null 2>&1; }
have evtxexport || echo "evtxexport not found (apt-get install libevtx-utils): its rows are skipped" >&2
have evtx_dump.py || echo "evtx_dump.py not found (apt-get install python3-evtx): its rows are skipped" >&2

mkdir -p "$work"
echo "machine: $procs cores; load average at start:$(uptime | sed 's/.*load average://')"
(cd "$root" && mvn -B -q -o -DskipTests package -pl kasa-cli,kasa-bench -am >/dev/null)
if ! grep -qs "^format=1$" "$wl/workload.properties"; then
  rm -rf "$wl"
  "$java_home/bin/java" -cp "$root/kasa-bench/target/kasa-bench.jar" \
    dev.kasa.bench.workload.EvtxWorkloadGenerator --out "$wl" --files "$files" \
    --file-mb "$file_mb" --seed "$seed"
fi

# best_of LABEL CMD...: the best wall time of $runs runs; prints "wall user sys maxrss_kb".
best_of() {
  local best="" line
  for _ in $(seq "${BEST_RUNS:-$runs}"); do
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>"$work/stderr.txt" || {
      echo "failed: $* (see $work/stderr.txt)" >&2
      return 1
    }
    line=$(tail -n 1 "$work/time.txt")
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$line"
    fi
  done
  echo "$best"
}

# row NAME FILES BYTES RECORDS WALL USER: one line of the table.
row() {
  awk -v n="$1" -v f="$2" -v b="$3" -v r="$4" -v w="$5" -v u="$6" 'BEGIN {
    printf "%-44s %6d %9.1f %10d %9.2f %9.2f %12.0f %8.1f\n", n, f, b / 1e6, r, w, u, r / w, b / 1e6 / w }'
}

set_bench() {
  local label="$1" dir="$2" records="$3"
  local list bytes count
  list="$work/files-$label.txt"
  find "$dir" -name '*.evtx' | sort > "$list"
  count=$(wc -l < "$list")
  bytes=$(xargs -a "$list" -d '\n' stat -c %s | awk '{ s += $1 } END { print s }')
  xargs -a "$list" -d '\n' cat > /dev/null # page cache
  echo
  echo "== $label: $count files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $records records"
  printf "%-44s %6s %9s %10s %9s %9s %12s %8s\n" tool files MB records "wall s" "user s" records/s MB/s
  local k e p
  k=$(best_of "$root/kasa" evtx dump --format jsonl "$dir")
  row "kasa evtx dump --format jsonl (one command)" "$count" "$bytes" "$records" ${k% * *}
  kasa_wall=${k%% *}
  evtxexport_wall=""
  python_wall=""
  if have evtxexport; then
    e=$(best_of sh -c "xargs -a '$list' -d '\n' -P $procs -n 1 evtxexport")
    row "evtxexport (per file, xargs -P $procs)" "$count" "$bytes" "$records" ${e% * *}
    evtxexport_wall=${e%% *}
  fi
  if have evtx_dump.py; then
    local sub="$work/files-$label-python.txt" sub_bytes scale
    if [ "$label" = corpus ] || [ "$py_files" -ge "$count" ]; then
      cp "$list" "$sub"
    else
      head -n "$py_files" "$list" > "$sub"
    fi
    sub_bytes=$(xargs -a "$sub" -d '\n' stat -c %s | awk '{ s += $1 } END { print s }')
    p=$(BEST_RUNS=1 best_of sh -c "xargs -a '$sub' -d '\n' -P $procs -n 1 evtx_dump.py")
    scale=$(awk -v a="$bytes" -v b="$sub_bytes" 'BEGIN { print a / b }')
    set -- $p
    python_wall=$(awk -v w="$1" -v s="$scale" 'BEGIN { printf "%.2f", w * s }')
    local python_user
    python_user=$(awk -v w="$2" -v s="$scale" 'BEGIN { printf "%.2f", w * s }')
    local name="python-evtx evtx_dump.py (xargs -P $procs)"
    if [ "$scale" != 1 ]; then
      name="python-evtx ($(wc -l < "$sub") files, x$(awk -v s="$scale" 'BEGIN { printf "%.0f", s }') extrapolated)"
    fi
    row "$name" "$count" "$bytes" "$records" "$python_wall" "$python_user"
  fi
}

records=$(sed -n 's/^records=//p' "$wl/workload.properties")
set_bench workload "$wl" "$records"
if [ -n "$evtxexport_wall" ]; then
  awk -v k="$kasa_wall" -v e="$evtxexport_wall" 'BEGIN {
    printf "target: Kasa wall <= evtxexport wall: %s (%.2f s vs %.2f s, %.1fx)\n", (k <= e ? "met" : "NOT met"), k, e, e / k }'
fi
if [ -n "$python_wall" ]; then
  awk -v k="$kasa_wall" -v p="$python_wall" 'BEGIN {
    printf "target: Kasa wall <= python-evtx wall / 30: %s (%.2f s vs %.2f s, %.0fx)\n", (k * 30 <= p ? "met" : "NOT met"), k, p / 30, p / k }'
fi

corpus="$corpora/sigma/regression_data"
if [ -d "$corpus" ]; then
  corpus_records=$("$root/kasa" evtx dump "$corpus" | wc -l)
  set_bench corpus "$corpus" "$corpus_records"
else
  echo "corpus not found at $corpus (set KASA_CORPORA): not reported"
fi
echo
echo "load average at end:$(uptime | sed 's/.*load average://')"
