package dev.kasa.regex;

/**
 * Single-character escapes as RE2 reads them, inside and outside classes: octal ({@code \0}, {@code
 * \012}, {@code \12}), hex ({@code \x41}, {@code \x{10FFFF}}), C escapes ({@code \a \f \n \r \t
 * \v}) and any escaped char that is not an ASCII letter or digit. Escapes of other engines that RE2
 * cannot run are named. Stateless.
 */
final class Escapes {
  private Escapes() {}

  /**
   * The code point of the escape at the cursor (on its backslash); moves past it.
   *
   * @param inClass inside a class, where {@code \1} is no backreference but still invalid
   */
  static int parse(Cursor in, boolean inClass) {
    int at = in.pos();
    in.skip(1);
    if (!in.more()) {
      throw Refusal.invalid("trailing backslash at end of expression", at);
    }
    int c = in.pop();
    switch (c) {
      case '1', '2', '3', '4', '5', '6', '7' -> {
        // One digit is a backreference; two or three octal digits are a char.
        if (!in.more() || in.peek() < '0' || in.peek() > '7') {
          throw backreference(in, at, inClass);
        }
        return octal(in, c);
      }
      case '0' -> {
        return octal(in, c);
      }
      case '8', '9' -> throw backreference(in, at, inClass);
      case 'x' -> {
        return hex(in, at);
      }
      case 'a' -> {
        return 7;
      }
      case 'f' -> {
        return '\f';
      }
      case 'n' -> {
        return '\n';
      }
      case 'r' -> {
        return '\r';
      }
      case 't' -> {
        return '\t';
      }
      case 'v' -> {
        return 11;
      }
      case 'k', 'g' -> throw Refusal.unsupported("the backreference " + in.from(at), at);
      case 'Z', 'G' -> throw Refusal.unsupported("the anchor " + in.from(at), at);
      case 'K' -> throw Refusal.unsupported("the match reset \\K", at);
      default -> {
        if (!isAsciiAlnum(c)) {
          return c;
        }
        throw Refusal.invalid("invalid escape sequence " + in.from(at), at);
      }
    }
  }

  private static Refusal backreference(Cursor in, int at, boolean inClass) {
    return inClass
        ? Refusal.invalid("invalid escape sequence " + in.from(at), at)
        : Refusal.unsupported("the backreference " + in.from(at), at);
  }

  /** Up to three octal digits, the first already read. */
  private static int octal(Cursor in, int first) {
    int r = first - '0';
    for (int i = 1; i < 3 && in.more() && in.peek() >= '0' && in.peek() <= '7'; i++) {
      r = r * 8 + in.pop() - '0';
    }
    return r;
  }

  private static int hex(Cursor in, int at) {
    if (!in.more()) {
      throw badEscape(in, at);
    }
    int c = in.pop();
    if (c == '{') {
      int digits = 0;
      int r = 0;
      while (true) {
        if (!in.more()) {
          throw badEscape(in, at);
        }
        c = in.pop();
        if (c == '}') {
          break;
        }
        int v = unhex(c);
        if (v < 0) {
          throw badEscape(in, at);
        }
        r = r * 16 + v;
        if (r > RegexNode.MAX_CODE_POINT) {
          throw badEscape(in, at);
        }
        digits++;
      }
      if (digits == 0) {
        throw badEscape(in, at);
      }
      return r;
    }
    int x = unhex(c);
    if (!in.more()) {
      throw badEscape(in, at);
    }
    int y = unhex(in.pop());
    if (x < 0 || y < 0) {
      throw badEscape(in, at);
    }
    return x * 16 + y;
  }

  private static Refusal badEscape(Cursor in, int at) {
    return Refusal.invalid("invalid escape sequence " + in.from(at), at);
  }

  private static int unhex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  static boolean isAsciiAlnum(int c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }
}
