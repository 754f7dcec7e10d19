# The summary of bench/speed-report.sh: reads the files it wrote (by name) and prints each of issue
# 14's figures beside its target. Portable awk (no gawk extensions).
#
# Issue 14 states its machine by the Jackson reference: about 650 MB/s on one thread over the OTRF
# Windows events, 550 MB/s over the generated Zeek JSON. The references of this run give this
# machine's factor against that one (the smaller of the two, so as not to flatter), and each
# absolute figure (seconds, events per CPU-second) is also shown scaled by it, "on the issue's
# machine", beside the figure as measured. Ratios need no scaling. The scaling is an estimate: a
# start-up's JIT and a load's two threads need not scale as one thread's parsing does.
function num(s) { gsub(/,/, "", s); return s + 0 }
function verdict(ok) { return ok < 0 ? "" : (ok ? "met" : "NOT met") }
function row(what, value, target, ok) { scaledRow(what, value, target, ok, "", -1) }
function scaledRow(what, value, target, ok, scaled, scaledOk) {
  printf "| %-52s | %-22s | %-10s | %-7s | %-15s | %-7s |\n", what, value, target, verdict(ok), scaled, verdict(scaledOk)
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
    if ($i == "MB/s") { mbps[kind, pass, t] = num($(i - 1)) }
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
  issueMbps = 650
  factor = mbps["sigma", "ref", 1] > 0 ? issueMbps / mbps["sigma", "ref", 1] : 1
  printf "Jackson reference, 1 thread: %.1f MB/s here over the OTRF events, %d MB/s on the issue's machine: factor %.2f\n", \
    mbps["sigma", "ref", 1], issueMbps, factor
  if (mbps["ioc", "ref", 1] > 0) {
    zeek = 550 / mbps["ioc", "ref", 1]
    printf "Jackson reference, 1 thread: %.1f MB/s here over the Zeek JSON, 550 MB/s there: factor %.2f\n", mbps["ioc", "ref", 1], zeek
    if (zeek < factor) { factor = zeek }
  }
  printf "Scaled by the smaller factor, %.2f\n", factor
  print ""
  printf "| %-52s | %-22s | %-10s | %-7s | %-15s | %-7s |\n", "figure", "measured", "target", "", "issue's machine", ""
  printf "|%s|%s|%s|%s|%s|%s|\n", "------------------------------------------------------", "------------------------", "------------", "---------", "-----------------", "---------"
  v = per["sigma", "detect", 1]
  scaledRow("Sigma, 1 thread: events per CPU-second", sprintf("%d", v), ">= 100000", v >= 100000, \
    sprintf("%d", v * factor), v * factor >= 100000)
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
  scaledRow("STIX load, 1M indicators, fresh JVM: wall", sprintf("%.2f s (%.2f CPU)", load, loadCpu), "<= 2 s", load <= 2, \
    sprintf("%.2f s", load / factor), load / factor <= 2)
  row("STIX load: retained heap per indicator", sprintf("%.1f B", perIndicator), "<= 100 B", perIndicator <= 100)
  w = wall["check-none"]
  scaledRow("kasa rules check, no compiled cache: wall", sprintf("%.2f s (%.2f CPU)", w, cpus["check-none"]), "<= 3 s", w <= 3, \
    sprintf("%.2f s", w / factor), w / factor <= 3)
  w = wall["check-cached"]
  scaledRow("kasa rules check, the entry of a run before: wall", sprintf("%.2f s (%.2f CPU)", w, cpus["check-cached"]), "<= 1 s", w <= 1, \
    sprintf("%.2f s", w / factor), w / factor <= 1)
  row("kasa scan --sigma (whole command): peak RSS", sprintf("%.0f MB", rss["scan-sigma"]), "<= 1024 MB", rss["scan-sigma"] <= 1024)
  row("kasa scan --intel (whole command): peak RSS", sprintf("%.0f MB", rss["scan-intel"]), "-", -1)
}
