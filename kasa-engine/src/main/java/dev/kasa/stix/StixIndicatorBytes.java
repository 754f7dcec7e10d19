package dev.kasa.stix;

import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The byte-level fast path of {@link StixReader} for indicator objects in a run of bytes. An object
 * in the plain form producers write — {@code type} first and {@code indicator}; then properties a
 * {@link StixIndicator} models, or properties the reader's {@code keep} skips; every kept string
 * printable ASCII without escapes; spaces and tabs between tokens — is read straight from the bytes
 * into {@link StixIndicatorFields}, without the parser's tokens and without a string per property
 * name. Anything else (a line break, an escape or a byte beyond ASCII in a kept string, a value of
 * another JSON type, a property seen twice, malformed JSON, an object over the size limit, an
 * object the fields cannot make into an entry) is declined, and the reader reads the object with
 * the parser from its start: the entries and errors are always the parser path's. Not thread-safe;
 * one per reader.
 */
final class StixIndicatorBytes {
  private static final byte[][] NAMES = new byte[StixIndicatorFields.NAMES.length][];
  private static final byte[] INDICATOR = StixIndicator.TYPE.getBytes(StandardCharsets.US_ASCII);
  // A confidence is 0 to 100: IntNode.valueOf makes a node for each above 10.
  private static final IntNode[] SMALL_INTS = new IntNode[101];

  static {
    for (int s = 0; s < NAMES.length; s++) {
      NAMES[s] = StixIndicatorFields.NAMES[s].getBytes(StandardCharsets.US_ASCII);
    }
    for (int n = 0; n < SMALL_INTS.length; n++) {
      SMALL_INTS[n] = IntNode.valueOf(n);
    }
  }

  private final StixIndicatorFields fields;
  private final BiPredicate<String, String> keep;
  private final long maxObjectBytes;
  // Per slot: whether keep takes it (asked once: keep is a pure function of its arguments).
  private final boolean[] kept = new boolean[NAMES.length];
  private final boolean typeFirst;
  private byte[] b;
  private int end;
  // The last texts made for each slot, and their bytes (WAYS a slot, replaced in turn): most
  // objects of a bundle repeat their producer, markings, spec and pattern type, and name one of a
  // few names, so that these are made once, not once an object (a single last text missed on 72 %
  // of the benchmark's names, which alternate among four).
  private static final int WAYS = 4;
  private final String[] texts = new String[NAMES.length * WAYS];
  private final byte[][] textBytes = new byte[NAMES.length * WAYS][];
  private final int[] nextWay = new int[NAMES.length];
  // The strings of the list being read, and the last lists made for each slot: the texts of a
  // repeated list (an object's markings) are the same instances (text), so that the same immutable
  // list is handed out again instead of a list and its copy (StixCommon's List.copyOf) an object.
  private String[] items = new String[4];
  private final List<?>[] lists = new List<?>[NAMES.length * WAYS];
  private final int[] nextList = new int[NAMES.length];
  // The object's first timestamp and where its bytes are: its other timestamps are often the same
  // text, and rarely another object's, so they are compared in place, not copied.
  private String timestamp;
  private int timestampFrom;
  private int timestampTo;

  StixIndicatorBytes(
      StixIndicatorFields fields, BiPredicate<String, String> keep, long maxObjectBytes) {
    this.fields = fields;
    this.keep = keep;
    this.maxObjectBytes = maxObjectBytes;
    for (int s = 0; s < NAMES.length; s++) {
      kept[s] = keep.test(StixIndicator.TYPE, StixIndicatorFields.NAMES[s]);
    }
    typeFirst = keep.test(null, "type");
  }

  /** Where the object read by the last successful {@link #read} ends (after its {@code '}'}). */
  int end() {
    return end;
  }

  /**
   * Whether {@code bytes} at {@code p} start an object whose first property is {@code
   * "type":"indicator"}: the objects {@link #read} is worth trying on.
   */
  static boolean startsIndicator(byte[] bytes, int p, int limit) {
    if (p >= limit || bytes[p] != '{') {
      return false;
    }
    p = JsonBytes.blank(bytes, p + 1, limit);
    if (!matches(bytes, p, limit, NAMES[StixIndicatorFields.TYPE])) {
      return false;
    }
    p = JsonBytes.blank(bytes, p + NAMES[StixIndicatorFields.TYPE].length + 2, limit);
    if (p >= limit || bytes[p] != ':') {
      return false;
    }
    return matches(bytes, JsonBytes.blank(bytes, p + 1, limit), limit, INDICATOR);
  }

  // Whether bytes at p hold the string of `text` in quotes.
  private static boolean matches(byte[] bytes, int p, int limit, byte[] text) {
    int to = p + text.length + 1;
    return to < limit
        && bytes[p] == '"'
        && bytes[to] == '"'
        && java.util.Arrays.equals(bytes, p + 1, to, text, 0, text.length);
  }

  /**
   * The entry of the object at {@code bytes[start]} (its {@code '{'}), read no further than {@code
   * limit}; null when declined.
   */
  StixEntry read(byte[] bytes, int start, int limit, int index) {
    b = bytes;
    try {
      int p = object(start, limit);
      if (p < 0 || p - start > maxObjectBytes) {
        return null;
      }
      StixEntry made = fields.entry(index);
      end = p;
      return made;
    } finally {
      b = null;
    }
  }

  // The members of the object at b[p] ('{') into the fields; the position after its '}', or -1.
  private int object(int p, int limit) {
    if (!typeFirst) {
      return -1;
    }
    fields.reset();
    timestamp = null;
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
      int name = p + 1;
      int slot = slot(name, q);
      if (first && slot != StixIndicatorFields.TYPE) {
        return -1;
      }
      p = JsonBytes.blank(b, q + 1, limit);
      if (p >= limit || b[p] != ':') {
        return -1;
      }
      p = JsonBytes.blank(b, p + 1, limit);
      if (first || slot >= 0 && kept[slot]) {
        p = value(slot, p, limit, first);
      } else if (slot < 0
          && keep.test(
              StixIndicator.TYPE, new String(b, name, q - name, StandardCharsets.ISO_8859_1))) {
        return -1; // a property the general path must hold
      } else {
        p = JsonBytes.skip(b, p, limit, 0);
      }
      if (p < 0) {
        return -1;
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

  // Reads a kept value into its slot; the position after it, or -1.
  private int value(int slot, int p, int limit, boolean type) {
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
      if (type && !java.util.Arrays.equals(b, p + 1, after, INDICATOR, 0, INDICATOR.length)) {
        return -1;
      }
      v = type ? StixIndicator.TYPE : text(slot, p + 1, after);
      after++;
    } else if (c == '[') {
      int n = 0;
      after = JsonBytes.blank(b, p + 1, limit);
      if (after < limit && b[after] == ']') {
        after++;
      } else {
        while (true) {
          if (after >= limit || b[after] != '"') {
            return -1;
          }
          int q = JsonBytes.stringEnd(b, after + 1, limit);
          if (q < 0) {
            return -1;
          }
          if (n == items.length) {
            items = java.util.Arrays.copyOf(items, 2 * n);
          }
          items[n++] = text(slot, after + 1, q);
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
      v = list(slot, n);
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
      v = n < SMALL_INTS.length ? SMALL_INTS[n] : IntNode.valueOf(n);
    } else {
      return -1;
    }
    return after >= 0 && StixIndicatorFields.fits(slot, v) && fields.put(slot, v) ? after : -1;
  }

  // The string of b[from, to) (printable ASCII): one made before when the bytes are the same.
  private String text(int slot, int from, int to) {
    switch (slot) {
      case StixIndicatorFields.ID, StixIndicatorFields.PATTERN -> {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1); // never repeated
      }
      case StixIndicatorFields.CREATED,
          StixIndicatorFields.MODIFIED,
          StixIndicatorFields.VALID_FROM,
          StixIndicatorFields.VALID_UNTIL -> {
        if (timestamp != null
            && java.util.Arrays.equals(b, from, to, b, timestampFrom, timestampTo)) {
          return timestamp;
        }
        String made = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (timestamp == null) {
          timestamp = made;
          timestampFrom = from;
          timestampTo = to;
        }
        return made;
      }
      default -> {
        int first = slot * WAYS;
        for (int w = first; w < first + WAYS; w++) {
          byte[] known = textBytes[w];
          if (known != null && java.util.Arrays.equals(b, from, to, known, 0, known.length)) {
            return texts[w];
          }
        }
        String made = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        int w = first + nextWay[slot];
        nextWay[slot] = (nextWay[slot] + 1) % WAYS;
        textBytes[w] = java.util.Arrays.copyOfRange(b, from, to);
        texts[w] = made;
        return made;
      }
    }
  }

  // The immutable list of items[0, n): one made before for the slot when it holds the same
  // instances (WAYS a slot, replaced in turn, as the texts).
  private List<String> list(int slot, int n) {
    int first = slot * WAYS;
    for (int w = first; w < first + WAYS; w++) {
      @SuppressWarnings("unchecked")
      List<String> known = (List<String>) lists[w];
      if (known != null && sameItems(known, n)) {
        return known;
      }
    }
    List<String> made =
        switch (n) {
          case 0 -> List.of();
          case 1 -> List.of(items[0]);
          default -> List.of(java.util.Arrays.copyOf(items, n));
        };
    lists[first + nextList[slot]] = made;
    nextList[slot] = (nextList[slot] + 1) % WAYS;
    return made;
  }

  private boolean sameItems(List<String> known, int n) {
    if (known.size() != n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (known.get(k) != items[k]) {
        return false;
      }
    }
    return true;
  }

  // Whether a number's digits are followed by more of a number (fraction, exponent, digits).
  private boolean numberGoesOn(int p) {
    byte c = b[p];
    return c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9';
  }

  // The slot of the name b[from, to), or -1.
  private int slot(int from, int to) {
    int s =
        switch (to - from) {
          case 2 -> StixIndicatorFields.ID;
          case 4 -> b[from] == 't' ? StixIndicatorFields.TYPE : StixIndicatorFields.NAME;
          case 6 -> StixIndicatorFields.LABELS;
          case 7 ->
              b[from] == 'c'
                  ? StixIndicatorFields.CREATED
                  : b[from] == 'p' ? StixIndicatorFields.PATTERN : StixIndicatorFields.REVOKED;
          case 8 -> StixIndicatorFields.MODIFIED;
          case 10 ->
              b[from] == 'v' ? StixIndicatorFields.VALID_FROM : StixIndicatorFields.CONFIDENCE;
          case 11 ->
              b[from] == 'v' ? StixIndicatorFields.VALID_UNTIL : StixIndicatorFields.DESCRIPTION;
          case 12 ->
              b[from] == 's' ? StixIndicatorFields.SPEC_VERSION : StixIndicatorFields.PATTERN_TYPE;
          case 14 -> StixIndicatorFields.CREATED_BY_REF;
          case 15 ->
              b[from] == 'p'
                  ? StixIndicatorFields.PATTERN_VERSION
                  : StixIndicatorFields.INDICATOR_TYPES;
          case 19 -> StixIndicatorFields.OBJECT_MARKING_REFS;
          default -> -1;
        };
    return s >= 0 && java.util.Arrays.equals(b, from, to, NAMES[s], 0, NAMES[s].length) ? s : -1;
  }
}
