package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import dev.kasa.cli.filter.FindingFilter;
import dev.kasa.detect.IndicatorIndex;
import dev.kasa.detect.IntelSet;
import dev.kasa.event.ScanTotals;
import dev.kasa.intel.BenignValues;
import dev.kasa.intel.IntelLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end-of-run summary on stderr: what was loaded, read, skipped and hit. */
final class RunSummary {
  static final int LISTED = 20;

  /** The order intel problems are summed up and listed in; any other code follows. */
  private static final List<ErrorCode> INTEL_ORDER =
      List.of(
          ErrorCode.INVALID_INPUT,
          ErrorCode.PATTERN_PENDING,
          ErrorCode.UNSUPPORTED_INTEL,
          ErrorCode.UNREADABLE_INPUT,
          ErrorCode.INTEL_WARNING);

  private final PrintWriter err;

  RunSummary(PrintWriter err) {
    this.err = err;
  }

  void intel(
      IntelLoader.Report report,
      IndicatorIndex index,
      IntelSet versions,
      IntelProblems problems,
      long millis) {
    int entries = index.size();
    // A value repeated in a list is one version applied again: folded like identical indicators.
    long duplicates = index.duplicates() + versions.repeated();
    err.printf(
        Locale.ROOT,
        "kasa: intel: %,d indicator values from %,d files in %.1f s",
        entries,
        report.files(),
        millis / 1000.0);
    List<ErrorCode> codes = new ArrayList<>(INTEL_ORDER);
    problems.codes().stream().filter(c -> !INTEL_ORDER.contains(c)).forEach(codes::add);
    StringBuilder detail = new StringBuilder();
    for (ErrorCode code : codes) {
      long n = problems.count(code);
      if (n > 0) {
        detail
            .append(detail.isEmpty() ? "" : ", ")
            .append(n)
            .append(' ')
            .append(name(code))
            .append(code == ErrorCode.INTEL_WARNING && n > 1 ? "s" : "");
      }
    }
    if (duplicates > 0) {
      detail
          .append(detail.isEmpty() ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d", duplicates))
          .append(duplicates == 1 ? " duplicate folded" : " duplicates folded")
          .append(" (identical indicators are held once)");
    }
    if (versions.superseded() > 0) {
      detail
          .append(detail.isEmpty() ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d", versions.superseded()))
          .append(versions.superseded() == 1 ? " older version" : " older versions")
          .append(" superseded");
    }
    if (versions.revoked() > 0) {
      detail
          .append(detail.isEmpty() ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d", versions.revoked()))
          .append(versions.revoked() == 1 ? " revoked indicator" : " revoked indicators")
          .append(" withdrawn");
    }
    if (report.mispContext() > 0) {
      detail
          .append(detail.isEmpty() ? "" : ", ")
          .append(report.mispContext())
          .append(" MISP context attributes (not to_ids)");
    }
    if (report.notLists() > 0) {
      detail
          .append(detail.isEmpty() ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d", report.notLists()))
          .append(report.notLists() == 1 ? " file" : " files")
          .append(" skipped in directories (neither STIX nor MISP, and not named .txt, .list or")
          .append(" .csv: --intel-list reads one as a plain list)");
    }
    err.println(detail.isEmpty() ? "" : "; " + detail);
    for (ErrorCode code : codes) {
      for (Problem p : problems.listed(code)) {
        err.println("  " + name(code) + ": " + p.text());
      }
      long more = problems.count(code) - problems.listed(code).size();
      if (more > 0) {
        err.println(
            "  … and "
                + more
                + " more "
                + name(code)
                + (code == ErrorCode.INTEL_WARNING && more > 1 ? "s" : ""));
      }
    }
    err.flush();
  }

  /** How the summary names an intel problem's code. */
  private static String name(ErrorCode code) {
    if (code == ErrorCode.PATTERN_PENDING) {
      return "pending (needs the full pattern engine)";
    }
    if (code == ErrorCode.UNSUPPORTED_INTEL) {
      return "unsupported";
    }
    if (code == ErrorCode.INTEL_WARNING) {
      return "warning";
    }
    return code.label();
  }

  void logs(ScanTotals totals, List<String> malformed, List<String> unreadable, long millis) {
    double seconds = Math.max(millis, 1) / 1000.0;
    err.printf(
        Locale.ROOT,
        "kasa: logs: %,d inputs, %,d events, %.1f MB in %.1f s (%,.0f events/s, %.1f MB/s)",
        totals.inputs(),
        totals.records(),
        totals.bytes() / 1e6,
        seconds,
        totals.records() / seconds,
        totals.bytes() / 1e6 / seconds);
    err.println(
        totals.malformed() > 0 ? "; " + totals.malformed() + " malformed records skipped" : "");
    malformed.forEach(m -> err.println("  malformed: " + m));
    if (totals.malformed() > malformed.size()) {
      err.println("  … and " + (totals.malformed() - malformed.size()) + " more malformed records");
    }
    unreadable.forEach(u -> err.println("  unreadable: " + u));
    err.flush();
  }

  /** One line: the indicator values suppressed as well-known benign, and by which lists. */
  void suppressed(BenignValues benign) {
    if (benign.isEmpty()) {
      return;
    }
    Map<String, Long> by = benign.suppressed();
    long total = by.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "kasa: suppressed: %,d indicator values on %d benign-value lists",
                total,
                benign.lists()));
    String sep = " (";
    for (Map.Entry<String, Long> e : by.entrySet()) {
      line.append(sep).append(e.getKey()).append(": ").append(e.getValue());
      sep = ", ";
    }
    err.println(line.append(by.isEmpty() ? "" : ")"));
    err.flush();
  }

  /** One line for the files of log directories skipped as not logs (README, LICENSE, YAML…). */
  void notLogs(List<String> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    List<String> names =
        skipped.stream()
            .limit(3)
            .map(p -> java.nio.file.Path.of(p).getFileName().toString())
            .toList();
    err.printf(
        Locale.ROOT,
        "kasa: warning: %,d %s in log directories skipped, not logs by their names (%s%s)%n",
        skipped.size(),
        skipped.size() == 1 ? "file" : "files",
        String.join(", ", names),
        skipped.size() > names.size() ? ", …" : "");
    err.flush();
  }

  /** What the filters let through and left out. */
  void filtered(long reported, FindingFilter filter) {
    err.printf(
        Locale.ROOT,
        "kasa: filters: %,d findings reported, %,d left out",
        reported,
        filter.leftOut());
    err.println(
        filter.untimedKept() > 0
            ? String.format(
                Locale.ROOT,
                "; %,d without an event time kept by --from/--to",
                filter.untimedKept())
            : "");
    err.flush();
  }

  void hits(long hits) {
    err.printf(Locale.ROOT, "kasa: %,d hits%n", hits);
    err.flush();
  }
}
