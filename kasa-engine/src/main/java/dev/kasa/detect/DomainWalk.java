package dev.kasa.detect;

/**
 * Checks an event's domain name without allocating, with the same rules as {@code
 * Observables.normalize(DOMAIN, …)} for ASCII names, so that a name the indicators could never hold
 * is rejected before any parent suffix is probed.
 */
final class DomainWalk {
  static final int MAX_LENGTH = 253;
  static final int MAX_LABEL = 63;

  enum Verdict {
    VALID,
    NOT_ASCII,
    INVALID
  }

  private DomainWalk() {}

  /** Verdict for {@code s[from, to)}, already stripped of whitespace and one trailing dot. */
  static Verdict check(String s, int from, int to) {
    int label = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 128) {
        return Verdict.NOT_ASCII;
      }
    }
    if (to == from || to - from > MAX_LENGTH) {
      return Verdict.INVALID;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (label == 0) {
          return Verdict.INVALID;
        }
        label = 0;
        continue;
      }
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok || ++label > MAX_LABEL) {
        return Verdict.INVALID;
      }
    }
    return label == 0 ? Verdict.INVALID : Verdict.VALID;
  }
}
