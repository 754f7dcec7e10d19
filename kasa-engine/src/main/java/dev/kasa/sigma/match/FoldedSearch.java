package dev.kasa.sigma.match;

/**
 * Whether a value, folded char by char as {@link CaseFold} folds it, contains a folded literal,
 * without building the folded value. Stateless.
 */
final class FoldedSearch {
  private FoldedSearch() {}

  /** True when {@code CaseFold.fold(value)} contains one of {@code folded} (each non-empty). */
  static boolean containsAny(String value, String[] folded) {
    for (String f : folded) {
      if (contains(value, f)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code CaseFold.fold(value)} contains {@code folded} (non-empty, folded). */
  static boolean contains(String value, String folded) {
    return indexOf(value, folded) >= 0;
  }

  /**
   * Where {@code folded} (non-empty, folded) first occurs in {@code CaseFold.fold(value)}, or -1.
   */
  static int indexOf(String value, String folded) {
    int m = folded.length();
    int last = value.length() - m;
    char first = folded.charAt(0);
    // The chars that fold to an ASCII letter are the letter, its upper case and a few beyond
    // ASCII (the Kelvin sign): the common ones are compared, only the rare ones folded.
    char upper = first >= 'a' && first <= 'z' ? (char) (first - 32) : first;
    for (int i = 0; i <= last; i++) {
      char c = value.charAt(i);
      if (c == first || c == upper ? fold(c) != first : c < 128 || fold(c) != first) {
        continue;
      }
      int j = 1;
      while (j < m && fold(value.charAt(i + j)) == folded.charAt(j)) {
        j++;
      }
      if (j == m) {
        return i;
      }
    }
    return -1;
  }

  private static char fold(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.toLowerCase(c);
  }
}
