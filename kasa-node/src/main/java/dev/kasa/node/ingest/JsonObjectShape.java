package dev.kasa.node.ingest;

/**
 * Whether bytes are exactly one JSON object (RFC 8259, as strict as Jackson's defaults: no
 * comments, no trailing commas, no leading zeros, no raw control characters in strings), and
 * whether it has a top-level member of a given name. A byte-level pass with no allocation: the
 * syslog path asks this of every message before it splices the message into an event, and a full
 * parser per message cost more than decoding the event afterwards. Stateless.
 */
final class JsonObjectShape {
  /** The answer when the bytes are not one JSON object. */
  static final int NOT_AN_OBJECT = -1;

  /** The answer for an object without the member. */
  static final int WITHOUT_MEMBER = 0;

  /** The answer for an object with the member. */
  static final int WITH_MEMBER = 1;

  /** A flag {@link #scan} adds to the answer for an object with raw line breaks between tokens. */
  static final int LINE_BREAKS = 2;

  /**
   * A flag {@link #scan} adds to the answer for an object whose first member is the member (its key
   * without escapes) and that has a later top-level key that is the member or holds an escape or a
   * byte above 0x7F: as a line, it would stop a decoder that takes the member as first-only ({@link
   * dev.kasa.event.LineFallback#firstOnly()}), and it looks like a line that has our header first.
   */
  static final int FIRST_AND_LATER = 4;

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long CONTROLS = 0x2020202020202020L;
  private static final long ZEROS = 0x3030303030303030L;
  private static final long NOT_DIGIT_ABOVE = 0x4646464646464646L;

  private final byte[] member;
  private final int maxDepth;

  /**
   * @param member the top-level member asked about, ASCII without characters JSON escapes
   * @param maxDepth the deepest nesting accepted (objects and arrays)
   */
  JsonObjectShape(String member, int maxDepth) {
    this.member = member.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    this.maxDepth = maxDepth;
  }

  /**
   * {@link #NOT_AN_OBJECT}, {@link #WITHOUT_MEMBER} or {@link #WITH_MEMBER} for {@code b[s, e)}.
   */
  int of(byte[] b, int s, int e) {
    int answer = scan(b, s, e);
    return answer < 0 ? answer : answer & WITH_MEMBER;
  }

  /**
   * As {@link #of}, plus {@link #LINE_BREAKS} for an object with a raw CR or LF between its tokens
   * (a pretty-printed event), so that a caller that must keep the object on one line looks for them
   * only then.
   */
  int scan(byte[] b, int s, int e) {
    var c = new Walk(b, e);
    c.pos = s;
    c.ws();
    if (c.pos >= e || b[c.pos] != '{') {
      return NOT_AN_OBJECT;
    }
    int answer = c.object(0, true);
    if (answer == NOT_AN_OBJECT) {
      return NOT_AN_OBJECT;
    }
    c.ws();
    return c.pos == e
        ? answer | (c.breaks ? LINE_BREAKS : 0) | (c.firstAndLater ? FIRST_AND_LATER : 0)
        : NOT_AN_OBJECT;
  }

  /** One pass over one input; {@code pos} moves, a failure returns {@link #NOT_AN_OBJECT}. */
  private final class Walk {
    private final byte[] b;
    private final int end;
    int pos;
    boolean breaks;
    boolean firstAndLater;

    Walk(byte[] b, int end) {
      this.b = b;
      this.end = end;
    }

    void ws() {
      // Most events have no whitespace between tokens: one look for the common case.
      if (pos < end && b[pos] > ' ') {
        return;
      }
      while (pos < end) {
        byte x = b[pos];
        if (x == '\n' || x == '\r') {
          breaks = true;
        } else if (x != ' ' && x != '\t') {
          return;
        }
        pos++;
      }
    }

    /** At '{'; for the top level, whether the member was seen (else {@link #WITHOUT_MEMBER}). */
    int object(int depth, boolean top) {
      if (depth == maxDepth) {
        return NOT_AN_OBJECT;
      }
      pos++;
      ws();
      int answer = WITHOUT_MEMBER;
      int keys = 0;
      boolean firstIsMember = false;
      if (pos < end && b[pos] == '}') {
        pos++;
        return answer;
      }
      while (true) {
        if (pos >= end || b[pos] != '"') {
          return NOT_AN_OBJECT;
        }
        int keyStart = pos + 1;
        boolean escaped = string();
        if (pos < 0) {
          return NOT_AN_OBJECT;
        }
        if (top) {
          boolean isMember =
              (escaped || pos - 1 - keyStart == member.length)
                  && isMember(keyStart, pos - 1, escaped);
          if (isMember) {
            answer = WITH_MEMBER;
          }
          if (keys == 0) {
            firstIsMember = isMember && !escaped;
          } else if (firstIsMember && (isMember || escaped || above7F(keyStart, pos - 1))) {
            firstAndLater = true;
          }
          keys++;
        }
        ws();
        if (pos >= end || b[pos] != ':') {
          return NOT_AN_OBJECT;
        }
        pos++;
        ws();
        if (!value(depth + 1)) {
          return NOT_AN_OBJECT;
        }
        ws();
        if (pos >= end) {
          return NOT_AN_OBJECT;
        }
        if (b[pos] == '}') {
          pos++;
          return answer;
        }
        if (b[pos] != ',') {
          return NOT_AN_OBJECT;
        }
        pos++;
        ws();
      }
    }

    boolean array(int depth) {
      if (depth == maxDepth) {
        return false;
      }
      pos++;
      ws();
      if (pos < end && b[pos] == ']') {
        pos++;
        return true;
      }
      while (true) {
        if (!value(depth + 1)) {
          return false;
        }
        ws();
        if (pos >= end) {
          return false;
        }
        if (b[pos] == ']') {
          pos++;
          return true;
        }
        if (b[pos] != ',') {
          return false;
        }
        pos++;
        ws();
      }
    }

    boolean value(int depth) {
      if (pos >= end) {
        return false;
      }
      return switch (b[pos]) {
        case '{' -> object(depth, false) != NOT_AN_OBJECT;
        case '[' -> array(depth);
        case '"' -> {
          string();
          yield pos >= 0;
        }
        case 't' -> literal("true");
        case 'f' -> literal("false");
        case 'n' -> literal("null");
        default -> number();
      };
    }

    /**
     * At '"': moves past the closing quote (or sets {@code pos} to -1 when the string is bad);
     * returns whether it held an escape.
     */
    boolean string() {
      pos++;
      boolean escaped = false;
      while (pos < end) {
        pos = plain(b, pos, end);
        if (pos >= end) {
          break;
        }
        int x = b[pos] & 0xff;
        if (x == '"') {
          pos++;
          return escaped;
        }
        if (x < 0x20) {
          break;
        }
        if (x == '\\') {
          escaped = true;
          if (pos + 1 >= end) {
            break;
          }
          byte n = b[pos + 1];
          if (n == 'u') {
            if (pos + 6 > end || !hex4(pos + 2)) {
              break;
            }
            pos += 6;
            continue;
          }
          if (n != '"' && n != '\\' && n != '/' && n != 'b' && n != 'f' && n != 'n' && n != 'r'
              && n != 't') {
            break;
          }
          pos += 2;
          continue;
        }
        pos++;
      }
      pos = -1;
      return escaped;
    }

    /**
     * Skips the bytes from {@code at} that are no quote, backslash or control character (the common
     * run of a string) eight at a time; returns the first such byte's index, or where fewer than
     * eight bytes are left.
     */
    private static int plain(byte[] b, int at, int end) {
      while (at + 8 <= end) {
        long w = (long) LONGS.get(b, at);
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        // Each term flags a byte that is 0 (after the XOR) or below 0x20 (SWAR "has less").
        long special = ((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - CONTROLS) & ~w);
        if ((special & HIGHS) != 0) {
          // The lowest flag is exact (false flags only appear above a true one).
          return at + (Long.numberOfTrailingZeros(special & HIGHS) >>> 3);
        }
        at += 8;
      }
      return at;
    }

    private boolean above7F(int s, int e) {
      for (int i = s; i < e; i++) {
        if (b[i] < 0) {
          return true;
        }
      }
      return false;
    }

    private boolean hex4(int at) {
      for (int i = at; i < at + 4; i++) {
        if (Character.digit(b[i], 16) < 0) {
          return false;
        }
      }
      return true;
    }

    private boolean literal(String word) {
      int n = word.length();
      if (pos + n > end) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (b[pos + i] != word.charAt(i)) {
          return false;
        }
      }
      pos += n;
      return true;
    }

    /** RFC 8259 section 6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
      if (b[pos] == '-') {
        pos++;
      }
      if (pos >= end) {
        return false;
      }
      if (b[pos] == '0') {
        pos++;
      } else if (!digits()) {
        return false;
      }
      if (pos < end && b[pos] == '.') {
        pos++;
        if (!digits()) {
          return false;
        }
      }
      if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
        pos++;
        if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
          pos++;
        }
        if (!digits()) {
          return false;
        }
      }
      // A number runs up to a structural character or whitespace ("01" and "1x" are not JSON).
      return pos >= end || isDelimiter(b[pos]);
    }

    private boolean digits() {
      int s = pos;
      int p = pos;
      // Eight at a time while eight are left: the first byte that is no digit ends the run.
      while (p + 8 <= end) {
        long w = (long) LONGS.get(b, p);
        // A byte is flagged when at or above ':' (0x46 + 0x3A carries into the high bit), below
        // '0' (SWAR "has less"), or above 0x7F; the lowest flag is exact.
        long flags = ((w + NOT_DIGIT_ABOVE) | ((w - ZEROS) & ~w) | w) & HIGHS;
        if (flags != 0) {
          pos = p + (Long.numberOfTrailingZeros(flags) >>> 3);
          return pos > s;
        }
        p += 8;
      }
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      pos = p;
      return p > s;
    }

    private static boolean isDelimiter(byte x) {
      return x == ',' || x == '}' || x == ']' || x == ' ' || x == '\n' || x == '\r' || x == '\t';
    }

    /** Whether the key {@code b[s, e)} (between its quotes) is the member, escapes decoded. */
    private boolean isMember(int s, int e, boolean escaped) {
      if (!escaped) {
        return java.util.Arrays.equals(b, s, e, member, 0, member.length);
      }
      // Rare: a key with escapes is compared after decoding them (\u005f is '_').
      var key = new StringBuilder();
      for (int i = s; i < e; i++) {
        char ch = (char) (b[i] & 0xff);
        if (ch == '\\') {
          char n = (char) b[++i];
          switch (n) {
            case 'u' -> {
              key.append(
                  (char)
                      Integer.parseInt(
                          new String(b, i + 1, 4, java.nio.charset.StandardCharsets.US_ASCII), 16));
              i += 4;
            }
            case 'b' -> key.append('\b');
            case 'f' -> key.append('\f');
            case 'n' -> key.append('\n');
            case 'r' -> key.append('\r');
            case 't' -> key.append('\t');
            default -> key.append(n);
          }
        } else {
          key.append(ch);
        }
      }
      return key.toString().equals(new String(member, java.nio.charset.StandardCharsets.US_ASCII));
    }
  }
}
