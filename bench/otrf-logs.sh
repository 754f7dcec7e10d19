# Sourced by the bench scripts: otrf_logs CORPORA DIR unzips the OTRF atomic Windows host datasets
# (NXLog flat JSON, one event per line) of CORPORA into DIR/logs once; zips without JSON (pcaps)
# are skipped.
otrf_logs() {
  local otrf="$1/otrf/atomic/windows" dir="$2"
  [ -d "$dir/logs" ] && return 0
  [ -d "$otrf" ] || { echo "OTRF datasets not found under $1; set KASA_CORPORA" >&2; return 2; }
  mkdir -p "$dir/logs"
  find "$otrf" -name '*.zip' -path '*/host/*' | sort | while read -r z; do
    unzip -qq -o -d "$dir/logs" "$z" '*.json' -x '__MACOSX/*' 2>/dev/null || true
  done
}
