# The summary of bench/speed-report.sh: reads the files it wrote (by name) and prints each of issue
# 14's figures beside its target. Portable awk (no gawk extensions).
function num(s) { gsub(/,/, "", s); return s + 0 }
function verdict(ok) { return ok < 0 ? "" : (ok ? "met" : "NOT met") }
function row(what, value, target, ok) {
  printf "| %-52s | %-22s | %-10s | %-7s |\n", what, value, target, verdict(ok)
}
# A line of DetectionThroughputMeasure: "LABEL threads=N  S s  CPU cpu-s  E events/s  EC events/cpu-s ..."
FILENAME ~ /(sigma|ioc)\.txt$/ && / threads=/ {
  kind = FILENAME ~ /sigma\.txt$/ ? "sigma" : "ioc"
  pass = $1 == "jackson" ? "ref" : ($1 == "parse" ? "parse" : "detect")
  for (i = 1; i <= NF; i++) {
    if ($i ~ /^threads=/) { t = substr($i, 9) }
    if ($i == "cpu-s") { cpu[kind, pass, t] = num($(i - 1)) }
    if ($i == "events/cpu-s") { per[kind, pass, t] = num($(i - 1)) }
    if ($i == "events/s") { eps[kind, pass, t] = num($(i - 1)) }
  }
  if (t > cores) { cores = t }
  next
}
FILENAME ~ /load\.txt$/ && /^run 1:/ {
  for (i = 1; i <= NF; i++) {
    if ($i == "load") { load = num($(i + 1)) }
    if ($i == "cpu" && $(i - 1) == "process") { loadCpu = num($(i + 1)) }
  }
  next
}
FILENAME ~ /load\.txt$/ && /^retained heap/ {
  for (i = 1; i <= NF; i++) if ($i == "bytes" && $(i + 1) == "per") { perIndicator = num($(i - 1)) }
  next
}
FILENAME ~ /\.time$/ && NF == 4 {
  name = FILENAME
  sub(/.*\//, "", name)
  sub(/\.time$/, "", name)
  wall[name] = $1
  cpus[name] = $2 + $3
  rss[name] = $4 / 1024
}
END {
  printf "| %-52s | %-22s | %-10s | %-7s |\n", "figure", "measured", "target", ""
  printf "|%s|%s|%s|%s|\n", "------------------------------------------------------", "------------------------", "------------", "---------"
  v = per["sigma", "detect", 1]
  row("Sigma, 1 thread: events per CPU-second", sprintf("%d", v), ">= 100000", v >= 100000)
  r = cpu["sigma", "detect", 1] / cpu["sigma", "parse", 1]
  row("Sigma, 1 thread: detection / parse-only CPU", sprintf("%.2fx", r), "<= 2x", r <= 2)
  r = cpu["sigma", "parse", 1] / cpu["sigma", "ref", 1]
  row("Sigma, 1 thread: parse-only / Jackson reference CPU", sprintf("%.2fx", r), "<= 1x", r <= 1)
  if (cores > 1) {
    row(sprintf("Sigma, %d threads: events per CPU-second", cores), sprintf("%d", per["sigma", "detect", cores]), "-", -1)
    row(sprintf("Sigma, %d threads: events per second", cores), sprintf("%d", eps["sigma", "detect", cores]), "-", -1)
  }
  row("IOC sweep, 1 thread: events per CPU-second", sprintf("%d", per["ioc", "detect", 1]), "-", -1)
  r = cpu["ioc", "detect", 1] / cpu["ioc", "ref", 1]
  row("IOC sweep, 1 thread: CPU / Jackson reference", sprintf("%.2fx", r), "<= 2x", r <= 2)
  if (cores > 1) {
    r = cpu["ioc", "detect", cores] / cpu["ioc", "ref", cores]
    row(sprintf("IOC sweep, %d threads: CPU / Jackson reference", cores), sprintf("%.2fx", r), "<= 2x", r <= 2)
  }
  row("STIX load, 1M indicators, fresh JVM: wall", sprintf("%.2f s (%.2f CPU)", load, loadCpu), "<= 2 s", load <= 2)
  row("STIX load: retained heap per indicator", sprintf("%.1f B", perIndicator), "<= 100 B", perIndicator <= 100)
  row("kasa rules check, no compiled cache: wall", sprintf("%.2f s (%.2f CPU)", wall["check-none"], cpus["check-none"]), "<= 3 s", wall["check-none"] <= 3)
  row("kasa rules check, the entry of a run before: wall", sprintf("%.2f s (%.2f CPU)", wall["check-cached"], cpus["check-cached"]), "<= 1 s", wall["check-cached"] <= 1)
  row("kasa scan --sigma (whole command): peak RSS", sprintf("%.0f MB", rss["scan-sigma"]), "<= 1024 MB", rss["scan-sigma"] <= 1024)
  row("kasa scan --intel (whole command): peak RSS", sprintf("%.0f MB", rss["scan-intel"]), "-", -1)
}
