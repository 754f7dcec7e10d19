package dev.kasa.regex;

/**
 * What follows {@code (?}: the group constructs of other engines that RE2 cannot run (named so the
 * author learns what to change), and the names of named groups. Stateless.
 */
final class GroupSyntax {
  private GroupSyntax() {}

  private static final String[][] UNSUPPORTED = {
    {"(?<=", "the lookbehind (?<="},
    {"(?<!", "the negative lookbehind (?<!"},
    {"(?=", "the lookahead (?="},
    {"(?!", "the negative lookahead (?!"},
    {"(?>", "the atomic group (?>"},
    {"(?P=", "the backreference (?P="},
    {"(?P>", "the recursion (?P>"},
    {"(?R", "the recursion (?R)"},
    {"(?&", "the recursion (?&"},
    {"(?(", "the conditional (?("},
    {"(?|", "the branch reset (?|"},
    {"(?#", "the comment (?#"},
  };

  /** The construct RE2 cannot run at the cursor (on {@code (?}), or null. */
  static String unsupported(Cursor in) {
    for (String[] k : UNSUPPORTED) {
      if (in.lookingAt(k[0])) {
        return k[1];
      }
    }
    int p = in.pos() + 2;
    String t = in.text;
    if (p < t.length() && (isDigit(t.charAt(p)) || t.charAt(p) == '+')
        || t.startsWith("-", p) && p + 1 < t.length() && isDigit(t.charAt(p + 1))) {
      int end = p + 1;
      while (end < t.length() && isDigit(t.charAt(end))) {
        end++;
      }
      return "the subroutine call " + t.substring(in.pos(), end);
    }
    return null;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** RE2's group names: one or more ASCII letters, digits or underscores. */
  static boolean isValidName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && !Escapes.isAsciiAlnum(c)) {
        return false;
      }
    }
    return true;
  }
}
