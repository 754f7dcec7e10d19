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
   * The value is searched for the literal's rarest ASCII char by {@link String#indexOf(int, int)}
   * (which the JVM searches many chars a step), in both cases for a letter, and the literal is
   * compared only there. Only {@code İ} and the Kelvin sign fold into ASCII from beyond it (to
   * {@code i} and {@code k}), so a literal of no other ASCII char is searched char by char.
   */
  static int indexOf(String value, String folded) {
    int a = anchor(folded);
    if (a < 0) {
      return scan(value, folded);
    }
    int m = folded.length();
    int last = value.length() - m;
    char x = folded.charAt(a);
    char upper = x >= 'a' && x <= 'z' ? (char) (x - 32) : x;
    int lo = value.indexOf(x, a);
    int up = upper == x ? -1 : value.indexOf(upper, a);
    while (lo >= 0 || up >= 0) {
      int p;
      if (up < 0 || (lo >= 0 && lo < up)) {
        p = lo;
        lo = value.indexOf(x, p + 1);
      } else {
        p = up;
        up = value.indexOf(upper, p + 1);
      }
      int i = p - a;
      if (i > last) {
        return -1;
      }
      if (matchesAt(value, i, folded)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The place in {@code folded} of its rarest ASCII char in log text (a char but a letter or the
   * space first, then letters by their English frequency), never {@code i} or {@code k}; -1 when it
   * has none.
   */
  private static int anchor(String folded) {
    int best = -1;
    int bestScore = Integer.MAX_VALUE;
    for (int j = 0; j < folded.length(); j++) {
      char c = folded.charAt(j);
      int score;
      if (c >= 'a' && c <= 'z') {
        score = c == 'i' || c == 'k' ? Integer.MAX_VALUE : 100 + LETTERS[c - 'a'];
      } else if (c < 128) {
        score = c == ' ' ? 200 : 1;
      } else {
        score = Integer.MAX_VALUE;
      }
      if (score < bestScore) {
        bestScore = score;
        best = j;
      }
    }
    return best;
  }

  /** English letter frequencies, per mille, a to z. */
  private static final int[] LETTERS = {
    82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20,
    1
  };

  private static boolean matchesAt(String value, int i, String folded) {
    for (int j = 0; j < folded.length(); j++) {
      if (fold(value.charAt(i + j)) != folded.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /** The search char by char, for a literal of no ASCII char but {@code i} and {@code k}. */
  private static int scan(String value, String folded) {
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
