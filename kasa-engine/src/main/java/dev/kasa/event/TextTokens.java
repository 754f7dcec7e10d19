package dev.kasa.event;

import java.util.function.Consumer;

/**
 * The words of free text (a syslog line, a message) that may be observables: text split at white
 * space, quotes, brackets and separators ({@code , ; | < > ( ) [ ] { } `}), then at {@code =} and
 * {@code /} outside a URL ({@code src=203.0.113.7}; a firewall's {@code outside:203.0.113.7/443}, a
 * host and path without a scheme {@code evil.example/a.php}), with trailing {@code . : , ;} dropped
 * (the end of a sentence, {@code host:}). A URL keeps its query ({@code url=http://a/?q=1} gives
 * {@code url} and the URL). Bounded: the first {@link #MAX_CHARS} characters, at most {@link
 * #MAX_TOKENS} words.
 */
final class TextTokens {
  static final int MAX_CHARS = 64 * 1024;
  static final int MAX_TOKENS = 1024;

  private static final boolean[] SEPARATOR = new boolean[128];

  static {
    for (char c : " \t\r\n\f\u000b\"'`,;|<>()[]{}".toCharArray()) {
      SEPARATOR[c] = true;
    }
  }

  private TextTokens() {}

  /** Hands each word of {@code text} that is at least 3 characters long to {@code words}. */
  static void each(String text, Consumer<String> words) {
    int n = Math.min(text.length(), MAX_CHARS);
    int count = 0;
    int i = 0;
    while (i < n && count < MAX_TOKENS) {
      while (i < n && separator(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !separator(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        count += piece(text, start, i, words);
      }
    }
  }

  /** One run between separators: a URL from its scheme on, else parts between {@code = /}. */
  private static int piece(String text, int from, int to, Consumer<String> words) {
    int scheme = scheme(text, from, to);
    if (scheme > from) {
      int s = scheme;
      while (s > from && schemeChar(text.charAt(s - 1))) {
        s--;
      }
      int before = s > from ? parts(text, from, s, words) : 0;
      if (s < scheme) {
        return before + word(text, s, to, words);
      }
      return before;
    }
    return parts(text, from, to, words);
  }

  /** Where {@code ://} starts within [from, to), or -1: the search stays inside the run. */
  private static int scheme(String text, int from, int to) {
    for (int i = from; i + 2 < to; i++) {
      if (text.charAt(i) == ':' && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
        return i;
      }
    }
    return -1;
  }

  private static int parts(String text, int from, int to, Consumer<String> words) {
    int count = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '=' || text.charAt(i) == '/') {
        count += word(text, start, i, words);
        start = i + 1;
      }
    }
    return count;
  }

  private static int word(String text, int from, int to, Consumer<String> words) {
    while (to > from && trailing(text.charAt(to - 1))) {
      to--;
    }
    while (from < to && text.charAt(from) == '.') {
      from++;
    }
    if (to - from < 3) {
      return 0;
    }
    words.accept(text.substring(from, to));
    return 1;
  }

  private static boolean separator(char c) {
    return c < 128 ? SEPARATOR[c] : Character.isWhitespace(c);
  }

  private static boolean trailing(char c) {
    return c == '.' || c == ':' || c == ',' || c == ';' || c == '!' || c == '?';
  }

  private static boolean schemeChar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '+'
        || c == '-'
        || c == '.';
  }
}
