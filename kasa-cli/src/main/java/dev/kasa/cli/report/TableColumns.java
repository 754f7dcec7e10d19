package dev.kasa.cli.report;

/**
 * The widths of a table's columns for one terminal width: fixed columns keep their width, the
 * others share what is left by weight, each at most its weight, and the last column takes the rest.
 * Cells are clipped to their width with an ellipsis, never wrapped.
 *
 * @param widths each column's width
 * @param clipLeft which columns keep their end when clipped (paths, dotted field names)
 * @param coloured the column coloured by level or TLP, or -1
 */
record TableColumns(int[] widths, boolean[] clipLeft, int coloured) {
  static final int GAP = 2;
  private static final int MIN_WIDTH = 3;

  /**
   * @param fixed each column's fixed width, or 0 when it shares what is left
   * @param min each sharing column's narrowest width (all shrink alike below their sum)
   * @param max each sharing column's widest width; the last sharing column takes any rest
   */
  static TableColumns fit(int total, int[] fixed, int[] min, int[] max) {
    return fit(total, fixed, min, max, new boolean[fixed.length], -1);
  }

  static TableColumns fit(
      int total, int[] fixed, int[] min, int[] max, boolean[] clipLeft, int colouredColumn) {
    int n = fixed.length;
    int rest = total - GAP * (n - 1);
    int mins = 0;
    int room = 0;
    int last = -1;
    for (int i = 0; i < n; i++) {
      rest -= fixed[i];
      if (fixed[i] == 0) {
        mins += min[i];
        room += max[i] - min[i];
        last = i;
      }
    }
    int[] widths = new int[n];
    int given = 0;
    for (int i = 0; i < n; i++) {
      if (fixed[i] > 0) {
        widths[i] = fixed[i];
        continue;
      }
      widths[i] =
          rest <= mins
              ? Math.max(MIN_WIDTH, rest * min[i] / Math.max(1, mins))
              : min[i]
                  + (int)
                      Math.min(
                          max[i] - min[i],
                          (long) (rest - mins) * (max[i] - min[i]) / Math.max(1, room));
      given += widths[i];
    }
    if (last >= 0 && rest > given) {
      widths[last] += rest - given;
    }
    return new TableColumns(widths, clipLeft, colouredColumn);
  }

  /** {@code s} in at most {@code max} characters, its end replaced by an ellipsis if cut. */
  static String clip(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return max <= 1 ? "…".substring(0, max) : s.substring(0, max - 1) + "…";
  }

  /** {@code s} in at most {@code max} characters, its start replaced by an ellipsis if cut. */
  static String clipLeft(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return max <= 1 ? "…".substring(0, max) : "…" + s.substring(s.length() - max + 1);
  }
}
