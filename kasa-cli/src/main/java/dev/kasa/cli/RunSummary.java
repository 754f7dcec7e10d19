package dev.kasa.cli;

import dev.kasa.event.ScanTotals;
import dev.kasa.intel.IntelLoader;
import dev.kasa.intel.IntelProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The end-of-run summary on stderr: what was loaded, read, skipped and hit. */
final class RunSummary {
  static final int LISTED = 20;

  private final PrintWriter err;

  RunSummary(PrintWriter err) {
    this.err = err;
  }

  void intel(
      IntelLoader.Report report,
      int entries,
      long duplicates,
      IntelProblems problems,
      long millis) {
    err.printf(
        Locale.ROOT,
        "kasa: intel: %,d indicator values from %,d files in %.1f s",
        entries,
        report.files(),
        millis / 1000.0);
    StringBuilder detail = new StringBuilder();
    for (IntelProblem.Kind kind : IntelProblem.Kind.values()) {
      long n = problems.count(kind);
      if (n > 0) {
        detail
            .append(detail.isEmpty() ? "" : ", ")
            .append(n)
            .append(' ')
            .append(label(kind))
            .append(kind == IntelProblem.Kind.WARNING && n > 1 ? "s" : "");
      }
    }
    if (duplicates > 0) {
      detail
          .append(detail.isEmpty() ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d", duplicates))
          .append(duplicates == 1 ? " duplicate folded" : " duplicates folded")
          .append(" (identical indicators are held once)");
    }
    if (report.mispContext() > 0) {
      detail
          .append(detail.isEmpty() ? "" : ", ")
          .append(report.mispContext())
          .append(" MISP context attributes (not to_ids)");
    }
    err.println(detail.isEmpty() ? "" : "; " + detail);
    for (IntelProblem.Kind kind : IntelProblem.Kind.values()) {
      for (IntelProblem p : problems.listed(kind)) {
        err.println("  " + label(kind) + ": " + p.where() + ": " + p.message());
      }
      long more = problems.count(kind) - problems.listed(kind).size();
      if (more > 0) {
        err.println(
            "  … and "
                + more
                + " more "
                + label(kind)
                + (kind == IntelProblem.Kind.WARNING && more > 1 ? "s" : ""));
      }
    }
    err.flush();
  }

  private static String label(IntelProblem.Kind kind) {
    return switch (kind) {
      case INVALID -> "invalid";
      case PATTERN_PENDING -> "pending (needs the full pattern engine)";
      case UNSUPPORTED -> "unsupported";
      case UNREADABLE -> "unreadable";
      case WARNING -> "warning";
    };
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

  void hits(long hits) {
    err.printf(Locale.ROOT, "kasa: %,d hits%n", hits);
    err.flush();
  }
}
