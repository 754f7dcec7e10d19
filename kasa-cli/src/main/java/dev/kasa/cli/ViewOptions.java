package dev.kasa.cli;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.report.ViewSpec;
import picocli.CommandLine.Option;

/** The options of {@code kasa scan} that choose a view of the findings: order, folding, sums. */
final class ViewOptions {
  enum SortKey {
    TIME;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Option(
      names = "--sort",
      paramLabel = "KEY",
      description =
          "Order the findings of every input by event time (${COMPLETION-CANDIDATES}); ties"
              + " keep input order, findings without an event time come last. csv and jsonl"
              + " only. Without it findings are written as found, in input order.")
  SortKey sort;

  @Option(
      names = "--dedup",
      description =
          "Fold the findings of one detection (a rule, or an indicator value from any feed) on"
              + " one host with one matched value in one second into one row listing every"
              + " copy's input, line and intelligence source. csv and jsonl only.")
  boolean dedup;

  @Option(
      names = "--aggregate",
      description =
          "Instead of one row per finding, one row per detection (indicator or rule) and host"
              + " with the count, first and last seen. table, csv and jsonl.")
  boolean aggregate;

  @Option(
      names = "--sort-buffer",
      hidden = true,
      paramLabel = "ROWS",
      defaultValue = "" + ViewSpec.DEFAULT_BUFFER,
      description = "Rows --sort and --dedup hold in memory before they spill to temporary files.")
  int buffer;

  /** The values parsed, checked against the output format. */
  ViewSpec spec(OutputFormat format) {
    ViewSpec spec = new ViewSpec(sort == SortKey.TIME, dedup, aggregate, buffer);
    if (buffer < 1) {
      throw usage("--sort-buffer must be at least 1 row, got " + buffer);
    }
    if (aggregate && (sort != null || dedup)) {
      throw usage(
          "--aggregate sums findings per detection and host (most hit first): it cannot be"
              + " combined with "
              + (sort != null ? "--sort" : "--dedup"));
    }
    String option = aggregate ? "--aggregate" : sort != null ? "--sort" : dedup ? "--dedup" : null;
    if (option == null) {
      return spec;
    }
    boolean honoured =
        switch (format) {
          case CSV, JSONL -> true;
          case TABLE -> aggregate;
          case STIX -> false;
        };
    if (!honoured) {
      throw usage(
          option
              + " does not apply to --format "
              + format
              + ": it applies to "
              + (aggregate ? "table, csv and jsonl" : "csv and jsonl")
              + (format == OutputFormat.STIX
                  ? " (a STIX bundle sums sightings per indicator and day already)"
                  : ""));
    }
    return spec;
  }

  private static KasaException usage(String message) {
    return new KasaException(ErrorCode.USAGE, message);
  }
}
