package dev.kasa.cli.report;

/**
 * The view of the findings asked for on the command line (docs/output.md#views).
 *
 * @param sortByTime order every input's findings by event time, untimed last
 * @param dedup fold copies of one finding (same detection, host, value and second)
 * @param aggregate one row per detection and host instead of one per finding
 * @param buffer rows held in memory before sorting spills sorted runs to temporary files
 */
public record ViewSpec(boolean sortByTime, boolean dedup, boolean aggregate, int buffer) {
  /** Rows held in memory by default: a few hundred MB at most for long rows. */
  public static final int DEFAULT_BUFFER = 50_000;

  public static final ViewSpec NONE = new ViewSpec(false, false, false, DEFAULT_BUFFER);

  /** Whether findings are rewritten as rows in a view rather than written as found. */
  public boolean timeline() {
    return sortByTime || dedup;
  }
}
