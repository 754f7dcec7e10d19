package dev.kasa.stix;

import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The byte-level path of {@link StixReader} for objects of any type but {@code indicator} in a run
 * of bytes (a bundle's relationships, identities, reports): an object in the plain form — {@code
 * type} first, a string; kept values printable ASCII strings without escapes, lists of such
 * strings, {@code true}, {@code false} or plain non-negative ints; spaces and tabs between tokens —
 * is read straight from the bytes into the {@link PropertyBag} the parser's path would fill (the
 * same names, values and order, a repeated name included), which the general path then assembles
 * and validates. Anything else (a line break, an escape or a byte beyond ASCII in a kept string or
 * a name, another kind of value kept, malformed JSON, an object over the size limit, an indicator)
 * is declined, and the reader reads the object with the parser from its start: the entries and
 * errors are always the parser path's. Not thread-safe; one per reader.
 */
final class StixObjectBytes {
  private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INDICATOR = StixIndicator.TYPE.getBytes(StandardCharsets.US_ASCII);
  // Property names made once: a bundle's objects repeat a few dozen names (the parser's symbol
  // table does the same for its path). Direct-mapped by a hash of the length and end bytes.
  private static final int NAME_SLOTS = 64;

  private final BiPredicate<String, String> keep;
  private final long maxObjectBytes;
  private final boolean typeFirst;
  private final byte[][] nameBytes = new byte[NAME_SLOTS][];
  private final String[] names = new String[NAME_SLOTS];
  private byte[] b;
  private int end;
  // The value value() read last.
  private Object made;

  StixObjectBytes(BiPredicate<String, String> keep, long maxObjectBytes) {
    this.keep = keep;
    this.maxObjectBytes = maxObjectBytes;
    typeFirst = keep.test(null, "type");
  }

  /** Where the object read by the last successful {@link #read} ends (after its {@code '}'}). */
  int end() {
    return end;
  }

  /**
   * Whether {@code bytes} at {@code p} start an object whose first property is {@code "type"} with
   * a string value: the objects {@link #read} is worth trying on.
   */
  static boolean startsTyped(byte[] bytes, int p, int limit) {
    if (p >= limit || bytes[p] != '{') {
      return false;
    }
    p = JsonBytes.blank(bytes, p + 1, limit);
    int to = p + TYPE.length + 1;
    if (to >= limit
        || bytes[p] != '"'
        || bytes[to] != '"'
        || !Arrays.equals(bytes, p + 1, to, TYPE, 0, TYPE.length)) {
      return false;
    }
    p = JsonBytes.blank(bytes, to + 1, limit);
    if (p >= limit || bytes[p] != ':') {
      return false;
    }
    p = JsonBytes.blank(bytes, p + 1, limit);
    return p < limit && bytes[p] == '"';
  }

  /**
   * The properties of the object at {@code bytes[start]} (its {@code '{'}), read no further than
   * {@code limit}, in a bag for {@code path}; null when declined.
   */
  PropertyBag read(byte[] bytes, int start, int limit, String path) {
    b = bytes;
    try {
      PropertyBag bag = new PropertyBag(path);
      int p = object(bag, start, limit);
      if (p < 0 || p - start > maxObjectBytes) {
        return null;
      }
      end = p;
      return bag;
    } finally {
      b = null;
    }
  }

  // The members of the object at b[p] ('{') into the bag, as StixReader.element and rest put
  // them; the position after its '}', or -1.
  private int object(PropertyBag bag, int p, int limit) {
    if (!typeFirst) {
      return -1;
    }
    String type = null;
    p = JsonBytes.blank(b, p + 1, limit);
    boolean first = true;
    while (true) {
      if (p >= limit || b[p] != '"') {
        return -1;
      }
      int q = JsonBytes.stringEnd(b, p + 1, limit);
      if (q < 0) {
        return -1;
      }
      String name = name(p + 1, q);
      p = JsonBytes.blank(b, q + 1, limit);
      if (p >= limit || b[p] != ':') {
        return -1;
      }
      p = JsonBytes.blank(b, p + 1, limit);
      if (first) {
        // The parser's path takes an indicator's type to the indicator paths.
        if (!name.equals("type") || p >= limit || b[p] != '"') {
          return -1;
        }
        int v = JsonBytes.stringEnd(b, p + 1, limit);
        if (v < 0 || Arrays.equals(b, p + 1, v, INDICATOR, 0, INDICATOR.length)) {
          return -1;
        }
      }
      if (first || keep.test(type, name)) {
        p = value(bag, name, p, limit);
        if (p < 0) {
          return -1;
        }
        if (made instanceof String s && name.equals("type")) {
          type = s;
        }
      } else {
        p = JsonBytes.skip(b, p, limit, 0);
        if (p < 0) {
          return -1;
        }
      }
      first = false;
      p = JsonBytes.blank(b, p, limit);
      if (p >= limit) {
        return -1;
      }
      if (b[p] == '}') {
        return p + 1;
      }
      if (b[p] != ',') {
        return -1;
      }
      p = JsonBytes.blank(b, p + 1, limit);
    }
  }

  // Reads a kept value and puts it into the bag under `name`; the position after it, or -1.
  private int value(PropertyBag bag, String name, int p, int limit) {
    if (p >= limit) {
      return -1;
    }
    Object v;
    int after;
    byte c = b[p];
    if (c == '"') {
      after = JsonBytes.stringEnd(b, p + 1, limit);
      if (after < 0) {
        return -1;
      }
      v = new String(b, p + 1, after - p - 1, StandardCharsets.ISO_8859_1);
      after++;
    } else if (c == '[') {
      List<String> strings = new ArrayList<>(4);
      after = JsonBytes.blank(b, p + 1, limit);
      if (after < limit && b[after] == ']') {
        after++;
      } else {
        while (true) {
          if (after >= limit || b[after] != '"') {
            return -1; // a list of other values: a JSON tree, the parser's to make
          }
          int q = JsonBytes.stringEnd(b, after + 1, limit);
          if (q < 0) {
            return -1;
          }
          strings.add(new String(b, after + 1, q - after - 1, StandardCharsets.ISO_8859_1));
          after = JsonBytes.blank(b, q + 1, limit);
          if (after < limit && b[after] == ']') {
            after++;
            break;
          }
          if (after >= limit || b[after] != ',') {
            return -1;
          }
          after = JsonBytes.blank(b, after + 1, limit);
        }
      }
      v = strings;
    } else if (c == 't' || c == 'f') {
      after = JsonBytes.literal(b, p, limit);
      v = c == 't' ? Boolean.TRUE : Boolean.FALSE;
    } else if (c >= '0' && c <= '9') {
      // A plain non-negative int (what Jackson makes an IntNode): at most 9 digits, no leading 0.
      int n = 0;
      after = p;
      while (after < limit && b[after] >= '0' && b[after] <= '9' && after - p < 10) {
        n = n * 10 + (b[after] - '0');
        after++;
      }
      if (after - p > 9 || c == '0' && after - p > 1 || after >= limit || numberGoesOn(after)) {
        return -1;
      }
      v = IntNode.valueOf(n);
    } else {
      return -1;
    }
    if (after < 0) {
      return -1;
    }
    if (v instanceof String s && name.equals("id")) {
      // Before the put, as StixReader.put does: a repeated id's error names the later id.
      bag.id(s);
    }
    bag.put(name, v);
    made = v;
    return after;
  }

  // Whether a number's digits are followed by more of a number (fraction, exponent, digits).
  private boolean numberGoesOn(int p) {
    byte c = b[p];
    return c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9';
  }

  // The name b[from, to) (printable ASCII), made once while its slot keeps it.
  private String name(int from, int to) {
    int n = to - from;
    int slot = n == 0 ? 0 : (n * 31 + b[from] * 7 + b[to - 1]) & (NAME_SLOTS - 1);
    byte[] known = nameBytes[slot];
    if (known != null && Arrays.equals(b, from, to, known, 0, known.length)) {
      return names[slot];
    }
    String made = new String(b, from, n, StandardCharsets.ISO_8859_1);
    nameBytes[slot] = Arrays.copyOfRange(b, from, to);
    names[slot] = made;
    return made;
  }
}
