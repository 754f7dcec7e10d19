package dev.kasa.sigma.match;

/**
 * The one case folding Sigma matching uses everywhere (case-insensitive is Sigma's default): each
 * char through {@link Character#toLowerCase(char)}, so folding never changes a string's length and
 * positions in folded and original strings agree. Thread-safe.
 */
public final class CaseFold {
  private CaseFold() {}

  /** {@code s} with every char lower-cased; returns {@code s} itself when nothing changes. */
  public static String fold(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && Character.toLowerCase(s.charAt(i)) == s.charAt(i)) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] c = s.toCharArray();
    for (; i < n; i++) {
      c[i] = Character.toLowerCase(c[i]);
    }
    return new String(c);
  }
}
