package dev.kasa.event;

import dev.kasa.observable.Addresses;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level JSON object scanner. It walks keys computing the dotted path incrementally, looks the
 * path up in the field map's {@link PathTable} and in the {@link CaptureTable}, skips the values of
 * fields that have neither a role nor a capture without decoding them (while still checking the
 * structure), and allocates a String only for values with a role or a capture. Array elements share
 * the array's path ({@code dns.queries[].rrname} is {@code dns.queries.rrname}).
 *
 * <p>For evtx-json captures it also tracks the path relative to {@code Event.EventData}, {@code
 * Event.System} or {@code Event.UserData.<Element>} (its start {@code soff} in the path bytes, -1
 * outside them, and its hash {@code sh}), which is where the short Windows names are looked up; for
 * flat Windows JSON the whole record is such a section. In these sections spaces do not count in
 * names: {@code sh} hashes the relative path without them, and lookups compare it without them. Not
 * thread-safe: one per decoder.
 */
final class JsonScanner {
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** {@code soff} outside any section. */
  private static final int NO_SECTION = -1;

  private final Extractor out;
  private final PathTable<Slot> table;
  private final boolean useTable;
  private final boolean generic;
  private final int maxDepth;
  private final boolean strictNumbers;
  private final DecodedRecord record;
  private final CaptureTable capture;
  private final boolean captureAll;
  private final boolean captureNames;
  private final boolean evtx;
  private final boolean spacesIgnored;
  private final int topSection;
  private final CaptureNames allNames;
  // LineFallback.firstOnly() as bytes (null: no such member), and whether this scan checks it.
  private final byte[] firstOnly;
  private boolean guarded;
  // Whether a guarded scan passes over the first-only member's value when it comes first (see the
  // constructor): nothing is read from under it, and the producer vouches for it.
  private final boolean skipsFirst;
  private final SpaceFreeNames spaceFree;
  // What skipTrusted last passed over (null: no pass): a producer's header repeats from line to
  // line but for a timestamp or two.
  private final SkipMemo skipped;
  private final ByteChars chars = new ByteChars();
  private final long[] ip6 = new long[2];
  private byte[] path = new byte[256];
  // The unescaped bytes of the string being decoded (see JsonStrings.decode); grows to the longest.
  private byte[] unescaped = new byte[256];
  private boolean newlineIsSpace;
  private byte[] b;
  private int start;
  private int pos;
  private int end;
  private boolean strEscaped;
  private String error;

  JsonScanner(Extractor out, int maxDepth) {
    this(out, CaptureTable.NONE, maxDepth);
  }

  JsonScanner(Extractor out, CaptureTable capture, int maxDepth) {
    this(out, capture, maxDepth, false);
  }

  /**
   * @param strictNumbers whether numbers must be as RFC 8259 writes them (else any run of number
   *     characters passes; what follows it is checked either way)
   */
  JsonScanner(Extractor out, CaptureTable capture, int maxDepth, boolean strictNumbers) {
    this(out, capture, maxDepth, strictNumbers, null);
  }

  /**
   * @param firstOnly a top-level member that {@link #scanGuarded} refuses after the first member
   *     (see {@link LineFallback#firstOnly()}; not empty), or null
   */
  JsonScanner(
      Extractor out, CaptureTable capture, int maxDepth, boolean strictNumbers, String firstOnly) {
    this(out, capture, maxDepth, strictNumbers, firstOnly, false);
  }

  /**
   * @param firstTrusted whether {@link #scanGuarded} may pass over the first-only member's value
   *     unchecked when it is the first member and nothing is read from under it (see {@link
   *     LineFallback#firstTrusted()})
   */
  JsonScanner(
      Extractor out,
      CaptureTable capture,
      int maxDepth,
      boolean strictNumbers,
      String firstOnly,
      boolean firstTrusted) {
    if (firstOnly != null && firstOnly.isEmpty()) {
      throw new IllegalArgumentException("the first-only member's name is empty");
    }
    this.firstOnly = firstOnly == null ? null : firstOnly.getBytes(StandardCharsets.US_ASCII);
    this.skipped = firstTrusted ? new SkipMemo() : null;
    this.strictNumbers = strictNumbers;
    this.out = out;
    this.record = out.record();
    this.capture = capture;
    this.captureAll = capture.all();
    this.captureNames = capture.hasNames();
    this.evtx = capture.evtx();
    this.spacesIgnored = capture.spacesIgnored() && (captureNames || captureAll);
    this.topSection =
        spacesIgnored && capture.layout() == CaptureTable.Layout.WINDOWS ? 0 : NO_SECTION;
    this.allNames = captureAll ? new CaptureNames() : null;
    this.spaceFree = spacesIgnored ? new SpaceFreeNames(capture) : null;
    this.table = out.map().table();
    this.useTable = !table.isEmpty();
    this.generic = out.map().generic();
    this.maxDepth = maxDepth;
    // Only where a path is all that names a field: no generic names, no capture of every value,
    // no section-relative or space-free names.
    this.skipsFirst =
        firstTrusted
            && firstOnly != null
            && !generic
            && !captureAll
            && !evtx
            && !spacesIgnored
            && topSection == NO_SECTION
            && !table.hasAtOrUnder(firstOnly)
            && !capture.hasAtOrUnder(firstOnly);
  }

  /**
   * Scans one JSON object starting at {@code from} (after optional blanks) into the extractor. In
   * line mode it stops at the first newline, which is not whitespace there.
   *
   * @return the position just after the object and its trailing blanks, or -1 with {@link #error()}
   *     set when the record is malformed (then {@link #errorPosition()} is where)
   */
  int scan(byte[] bytes, int from, int to, boolean lineMode) {
    this.guarded = false;
    return scanObject(bytes, from, to, lineMode);
  }

  /**
   * As {@link #scan} in line mode, also failing at a top-level key after the first that is the
   * scanner's first-only member, or that holds an escape or a byte above 0x7F (see {@link
   * LineFallback#firstOnly()}); the same as {@link #scan} without such a member.
   */
  int scanGuarded(byte[] bytes, int from, int to) {
    this.guarded = firstOnly != null;
    return scanObject(bytes, from, to, true);
  }

  private int scanObject(byte[] bytes, int from, int to, boolean lineMode) {
    this.b = bytes;
    this.start = from;
    this.pos = from;
    this.end = to;
    this.newlineIsSpace = !lineMode;
    this.error = null;
    skipWs();
    if (pos >= end || b[pos] != '{') {
      fail("expected '{'");
      return -1;
    }
    if (!object(1, 0, 0, topSection, 0)) {
      return -1;
    }
    skipWs();
    return pos;
  }

  String error() {
    return error;
  }

  int errorPosition() {
    return Math.min(pos, end);
  }

  private boolean fail(String what) {
    if (error == null) {
      error = "bad JSON at byte " + (Math.min(pos, end) - start + 1) + " of the record: " + what;
    }
    return false;
  }

  private void skipWs() {
    while (pos < end) {
      byte c = b[pos];
      if (c > ' ') {
        return;
      }
      if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && newlineIsSpace)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private boolean object(int depth, int plen, int phash, int soff, int psh) {
    if (depth > maxDepth) {
      error = "nesting deeper than " + maxDepth + " levels";
      return false;
    }
    if (evtx && (depth == 3 || depth == 4) && EvtxSections.startsSection(path, plen, depth)) {
      soff = plen + 1;
      psh = 0;
    }
    // Whether the section-relative path so far has a space (flat Windows JSON: while it has none,
    // its relative hash is its full hash); its keys add theirs.
    boolean spacedPath = soff >= 0 && plen > soff && SpaceFreeNames.hasSpace(path, soff, plen);
    pos++;
    skipWs();
    if (pos < end && b[pos] == '}') {
      pos++;
      return true;
    }
    // Whether a member came before (for the first-only member's check, at the top level only).
    boolean later = false;
    while (true) {
      if (pos >= end || b[pos] != '"') {
        return fail(pos >= end ? "unterminated object" : "expected a key");
      }
      int ks = pos + 1;
      int nlen = plen;
      int h = phash;
      if (plen + 2 > path.length) {
        path = Arrays.copyOf(path, path.length * 2 + 2);
      }
      if (plen > 0) {
        path[nlen++] = '.';
      }
      byte[] bytes = b;
      int k = spacesIgnored ? plainKeyRun(bytes, ks, end) : plainRun(bytes, ks, end);
      int ke;
      boolean spacedKey = false;
      if (k < end && bytes[k] == '"') {
        ke = k;
        pos = k + 1;
        if (guarded && depth == 1 && isFirstOnly(bytes, ks, ke)) {
          if (later) {
            return fail(
                "the member " + new String(firstOnly, StandardCharsets.US_ASCII) + " again");
          }
          if (skipsFirst && skipTrusted()) {
            later = true;
            if (nextMember()) {
              continue;
            }
            return error == null;
          }
        }
      } else {
        ke = skipString();
        if (ke < 0) {
          return false;
        }
        if (later && guarded && depth == 1 && strEscaped) {
          return fail("a key with an escape or a byte above 0x7F after the first member");
        }
        spacedKey = spacesIgnored && SpaceFreeNames.hasSpace(bytes, ks, ke);
      }
      h = PathTable.extend(phash, bytes, ks, ke);
      int sh;
      if (soff < 0) {
        sh = h;
      } else if (spacedKey) {
        int n = spaceFree.copyWithoutSpaces(bytes, ks, ke);
        sh = PathTable.extend(psh, spaceFree.bare(), 0, n);
      } else {
        sh = soff == 0 && !spacedPath ? h : PathTable.extend(psh, bytes, ks, ke);
      }
      skipWs();
      if (pos >= end || b[pos] != ':') {
        return fail("expected ':'");
      }
      pos++;
      skipWs();
      // The path bytes are only needed to confirm a table hit, for nested values and for generic
      // names: most keys of a mapped log have none of these, so skip the copy for them.
      Slot slot = null;
      int[] ids = null;
      boolean hit = useTable && table.mayContain(h);
      boolean capHit =
          captureNames && (capture.mayContain(h) || (soff >= 0 && capture.mayContain(sh)));
      if (hit
          || generic
          || capHit
          || captureAll
          || (pos < end && (b[pos] == '{' || b[pos] == '['))) {
        int need = nlen + (ke - ks);
        if (need > path.length) {
          path = Arrays.copyOf(path, Math.max(need, path.length * 2));
        }
        System.arraycopy(bytes, ks, path, nlen, ke - ks);
        if (hit) {
          slot = table.get(path, 0, need, h);
        }
        if (capHit) {
          ids = captureIds(need, h, soff, sh, spacedPath || spacedKey);
        }
      }
      nlen += ke - ks;
      if (!value(depth, slot, ids, nlen, h, ks, ke, soff, sh, spacedPath || spacedKey)) {
        return false;
      }
      skipWs();
      if (pos >= end) {
        return fail("unterminated object");
      }
      byte c = b[pos++];
      if (c == ',') {
        skipWs();
        later = true;
      } else if (c == '}') {
        return true;
      } else {
        pos--;
        return fail("expected ',' or '}'");
      }
    }
  }

  /**
   * After the first-only member's key (just past its closing quote): passes over the colon and the
   * object or array that is its value, unchecked, and returns true with {@link #pos} past it; or
   * returns false with {@link #pos} unchanged, for the full walk, when the value is a scalar, goes
   * deeper than the limit, or meets a line break, a control character or the end of the line (the
   * walk then reports what is wrong). Trusted values only ({@link LineFallback#firstTrusted()}):
   * the structure is followed, not checked.
   */
  private boolean skipTrusted() {
    byte[] bytes = b;
    int limit = end;
    int i = pos;
    int n = skipped.match(bytes, i, limit);
    if (n > 0) {
      pos = i + n;
      return true;
    }
    if (!skipValue(bytes, i, limit)) {
      return false;
    }
    n = pos - i;
    if (n <= SkipMemo.MAX) {
      skipped.remember(bytes, i, n);
    }
    return true;
  }

  /** {@link #skipTrusted} without its memo: the pass itself, from {@code i}. */
  private boolean skipValue(byte[] bytes, int i, int limit) {
    while (i < limit && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r')) {
      i++;
    }
    if (i >= limit || bytes[i] != ':') {
      return false;
    }
    i++;
    while (i < limit && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r')) {
      i++;
    }
    if (i >= limit || (bytes[i] != '{' && bytes[i] != '[')) {
      return false;
    }
    // The member's value is at depth 2, as the walk counts it.
    int depth = 1;
    while (i < limit) {
      byte c = bytes[i];
      if (c == '"') {
        i = plainRun(bytes, i + 1, limit);
        while (i < limit && bytes[i] != '"') {
          if (bytes[i] == '\\') {
            if (i + 1 >= limit || bytes[i + 1] < 0x20) {
              return false; // an escaped line break or control: the walk reports it
            }
            i = plainRun(bytes, i + 2, limit);
          } else if (bytes[i] < 0) {
            i = plainRun(bytes, i + 1, limit);
          } else {
            return false; // a control character: the walk reports it
          }
        }
        if (i >= limit) {
          return false;
        }
        i++;
      } else if (c == '{' || c == '[') {
        if (++depth > maxDepth) {
          return false;
        }
        i++;
      } else if (c == '}' || c == ']') {
        i++;
        if (--depth == 1) {
          pos = i;
          return true;
        }
      } else if (c == '\n' || c < 0) {
        return false;
      } else {
        i++;
      }
    }
    return false;
  }

  /**
   * After a member's value: past the comma and the blanks after it (true: another member follows),
   * or past the closing brace (false, no error), or false with the error set.
   */
  private boolean nextMember() {
    skipWs();
    if (pos >= end) {
      return fail("unterminated object");
    }
    byte c = b[pos++];
    if (c == ',') {
      skipWs();
      return true;
    }
    if (c == '}') {
      return false;
    }
    pos--;
    return fail("expected ',' or '}'");
  }

  /** Whether the plain key {@code bytes[ks, ke)} is the first-only member. */
  private boolean isFirstOnly(byte[] bytes, int ks, int ke) {
    // The first byte before the call: most keys of the member's length differ there.
    return ke - ks == firstOnly.length
        && bytes[ks] == firstOnly[0]
        && Arrays.equals(bytes, ks, ke, firstOnly, 0, firstOnly.length);
  }

  /**
   * The capture ids of the path just copied: by full path, and by section-relative path (without
   * spaces when they do not count; {@code spaced} when that path has any).
   */
  private int[] captureIds(int len, int h, int soff, int sh, boolean spaced) {
    int[] full = capture.mayContain(h) ? capture.get(path, 0, len, h) : null;
    if (soff < 0 || !capture.mayContain(sh)) {
      return full;
    }
    int[] rel;
    if (spacesIgnored && spaced) {
      int n = spaceFree.copyWithoutSpaces(path, soff, len);
      rel = capture.get(spaceFree.bare(), 0, n, sh);
    } else if (soff == 0) {
      return full; // the relative path is the full path
    } else {
      rel = capture.get(path, soff, len - soff, sh);
    }
    if (full == null || rel == null || full == rel) {
      return full == null ? rel : full;
    }
    // Both the full path and the short name were asked for (rare): capture under both ids.
    return java.util.stream.IntStream.concat(
            java.util.Arrays.stream(full), java.util.Arrays.stream(rel))
        .distinct()
        .toArray();
  }

  private boolean array(
      int depth,
      Slot slot,
      int[] ids,
      int plen,
      int h,
      int ks,
      int ke,
      int soff,
      int sh,
      boolean spaced) {
    if (depth > maxDepth) {
      error = "nesting deeper than " + maxDepth + " levels";
      return false;
    }
    pos++;
    skipWs();
    if (pos < end && b[pos] == ']') {
      pos++;
      return true;
    }
    while (true) {
      if (!value(depth, slot, ids, plen, h, ks, ke, soff, sh, spaced)) {
        return false;
      }
      skipWs();
      if (pos >= end) {
        return fail("unterminated array");
      }
      byte c = b[pos++];
      if (c == ',') {
        skipWs();
      } else if (c == ']') {
        return true;
      } else {
        pos--;
        return fail("expected ',' or ']'");
      }
    }
  }

  /**
   * The value at {@code pos}; {@code spaced} when the section-relative path {@code path[soff,
   * plen)} has a space (known from its keys, so that a capture need not look again).
   */
  private boolean value(
      int depth,
      Slot slot,
      int[] ids,
      int plen,
      int h,
      int ks,
      int ke,
      int soff,
      int sh,
      boolean spaced) {
    if (pos >= end) {
      return fail("missing value");
    }
    byte c = b[pos];
    switch (c) {
      case '"' -> {
        int s = pos + 1;
        int e = skipString();
        if (e < 0) {
          return false;
        }
        String text = null;
        if (slot != null) {
          if (slot.role() == Role.TIME) {
            out.time(slot.timeRank(), EventTimes.parse(b, s, e - s));
          } else {
            text = string(s, e);
            out.value(slot, text);
          }
        } else if (generic) {
          genericString(plen, ks, ke, s, e);
        }
        if (ids != null || captureAll) {
          if (text != null) {
            capture(ids, text, -1, -1, false, plen, h, soff, sh, spaced);
          } else {
            // Left as bytes: the record makes the String if something reads it.
            capture(ids, null, s, e, strEscaped, plen, h, soff, sh, spaced);
          }
        }
        return true;
      }
      case '{' -> {
        return object(depth + 1, plen, h, soff, sh);
      }
      case '[' -> {
        return array(depth + 1, slot, ids, plen, h, ks, ke, soff, sh, spaced);
      }
      case 't' -> {
        return literal(4, 't', 'r', 'u', 'e') && captured(ids, "true", plen, h, soff, sh, spaced);
      }
      case 'f' -> {
        if (end - pos < 5 || b[pos + 4] != 'e') {
          return fail("bad literal");
        }
        return literal(5, 'f', 'a', 'l', 's') && captured(ids, "false", plen, h, soff, sh, spaced);
      }
      case 'n' -> {
        return literal(4, 'n', 'u', 'l', 'l') && captured(ids, null, plen, h, soff, sh, spaced);
      }
      default -> {
        if (c != '-' && (c < '0' || c > '9')) {
          return fail("unexpected character '" + (char) (c & 0xff) + "'");
        }
        int s = pos++;
        if (strictNumbers) {
          pos = s;
          if (!strictNumber()) {
            return fail("bad number");
          }
        } else {
          while (pos < end) {
            byte d = b[pos];
            if ((d >= '0' && d <= '9')
                || d == '.'
                || d == 'e'
                || d == 'E'
                || d == '+'
                || d == '-') {
              pos++;
            } else {
              break;
            }
          }
        }
        if (slot != null && slot.role() == Role.TIME) {
          out.time(slot.timeRank(), EventTimes.parse(b, s, pos - s));
        }
        if (ids != null || captureAll) {
          capture(ids, null, s, pos, false, plen, h, soff, sh, spaced);
        }
        return true;
      }
    }
  }

  /** RFC 8259 section 6 from {@code pos}: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private boolean strictNumber() {
    // In locals: the fields would be read and written back for every digit.
    byte[] bytes = b;
    int p = pos;
    int limit = end;
    if (bytes[p] == '-') {
      p++;
    }
    int s = p;
    if (p < limit && bytes[p] == '0') {
      p++;
    } else {
      p = digits(bytes, p, limit);
      if (p == s) {
        pos = p;
        return false;
      }
    }
    if (p < limit && bytes[p] == '.') {
      s = ++p;
      p = digits(bytes, p, limit);
      if (p == s) {
        pos = p;
        return false;
      }
    }
    if (p < limit && (bytes[p] == 'e' || bytes[p] == 'E')) {
      p++;
      if (p < limit && (bytes[p] == '+' || bytes[p] == '-')) {
        p++;
      }
      s = p;
      p = digits(bytes, p, limit);
      pos = p;
      return p > s;
    }
    pos = p;
    return true;
  }

  /** The end of the run of digits at {@code p}. */
  private static int digits(byte[] bytes, int p, int limit) {
    while (p < limit && bytes[p] >= '0' && bytes[p] <= '9') {
      p++;
    }
    return p;
  }

  /** Captures a literal's text when asked; always true (a literal that parsed is fine). */
  private boolean captured(
      int[] ids, String text, int plen, int h, int soff, int sh, boolean spaced) {
    if (ids != null || captureAll) {
      capture(ids, text, -1, -1, false, plen, h, soff, sh, spaced);
    }
    return true;
  }

  /**
   * Captures {@code text} when {@code vs < 0} (null: JSON null), else the value {@code b[vs, ve)}
   * as bytes ({@code json}: a string body with escapes or non-ASCII bytes; else ASCII text).
   */
  private void capture(
      int[] ids,
      String text,
      int vs,
      int ve,
      boolean json,
      int plen,
      int h,
      int soff,
      int sh,
      boolean spaced) {
    if (ids != null) {
      for (int id : ids) {
        String name =
            spaceFree == null || soff < 0
                ? capture.name(id)
                : spaceFree.shownName(id, path, plen, h, soff, sh, evtx, spaced);
        captureOne(id, name, text, vs, ve, json);
      }
    } else if (evtx && soff >= 0) {
      captureOne(-1, allNames.name(path, soff, plen - soff, sh, true), text, vs, ve, json);
    } else {
      captureOne(-1, allNames.name(path, 0, plen, h, false), text, vs, ve, json);
    }
  }

  private void captureOne(int id, String name, String text, int vs, int ve, boolean json) {
    if (vs < 0) {
      record.capture(id, name, text);
    } else {
      record.captureBytes(id, name, b, vs, ve, json);
    }
  }

  private boolean literal(int n, char c0, char c1, char c2, char c3) {
    int p = pos;
    if (end - p < n || b[p] != c0 || b[p + 1] != c1 || b[p + 2] != c2 || b[p + 3] != c3) {
      return fail("bad literal");
    }
    pos = p + n;
    return true;
  }

  /** Skips the string at {@code pos} (on its quote); returns the index of the closing quote. */
  private int skipString() {
    int i = pos + 1;
    boolean escaped = false;
    byte[] bytes = b;
    int limit = end;
    i = plainRun(bytes, i, limit);
    while (true) {
      if (i >= limit) {
        pos = i;
        fail("unterminated string");
        return -1;
      }
      byte c = bytes[i];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (i + 1 >= limit) {
          pos = i;
          fail("unterminated string");
          return -1;
        }
        byte d = bytes[i + 1];
        if (d == 'u') {
          if (i + 6 > limit || !hex4(i + 2)) {
            pos = i;
            fail("bad \\u escape");
            return -1;
          }
          i += 6;
        } else if (d == '"' || d == '\\' || d == '/' || d == 'b' || d == 'f' || d == 'n' || d == 'r'
            || d == 't') {
          i += 2;
        } else {
          pos = i;
          fail("bad escape");
          return -1;
        }
        escaped = true;
        // Eight bytes at a time again up to the next special byte: Windows paths have an escape
        // every few bytes, and a value's rest went byte by byte after its first.
        i = plainRun(bytes, i, limit);
        continue;
      }
      if (c >= 0) {
        pos = i;
        fail("control character in a string");
        return -1;
      }
      escaped = true;
      i = plainRun(bytes, i + 1, limit);
    }
    strEscaped = escaped;
    pos = i + 1;
    return i;
  }

  /**
   * The index of the first byte in {@code b[i, limit)} that is a quote, a backslash, a control
   * character or non-ASCII, or {@code limit}. Eight bytes at a time, then exact.
   */
  private static int plainRun(byte[] b, int i, int limit) {
    while (i + 8 <= limit) {
      long x = (long) LONGS.get(b, i);
      long q = x ^ 0x2222222222222222L;
      long s = x ^ 0x5c5c5c5c5c5c5c5cL;
      long flags =
          ((q - 0x0101010101010101L) & ~q)
              | ((s - 0x0101010101010101L) & ~s)
              | (x - 0x2020202020202020L)
              | x;
      long hit = flags & 0x8080808080808080L;
      if (hit != 0) {
        // The lowest flagged byte is a stop: a borrow only flags bytes above a real match.
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
    while (i < limit) {
      byte c = b[i];
      if (c == '"' || c == '\\' || c < 0x20) {
        return i;
      }
      i++;
    }
    return i;
  }

  /**
   * As {@link #plainRun}, also stopping at a space: for keys whose spaces do not count, so that the
   * key scan itself tells whether a key has any.
   */
  private static int plainKeyRun(byte[] b, int i, int limit) {
    while (i + 8 <= limit) {
      long x = (long) LONGS.get(b, i);
      long q = x ^ 0x2222222222222222L;
      long s = x ^ 0x5c5c5c5c5c5c5c5cL;
      long sp = x ^ 0x2020202020202020L;
      long flags =
          ((q - 0x0101010101010101L) & ~q)
              | ((s - 0x0101010101010101L) & ~s)
              | ((sp - 0x0101010101010101L) & ~sp)
              | (x - 0x2020202020202020L)
              | x;
      long hit = flags & 0x8080808080808080L;
      if (hit != 0) {
        // The lowest flagged byte is a stop: a borrow only flags bytes above a real match.
        return i + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      i += 8;
    }
    while (i < limit) {
      byte c = b[i];
      if (c == '"' || c == '\\' || c <= 0x20) {
        return i;
      }
      i++;
    }
    return i;
  }

  private boolean hex4(int at) {
    for (int k = at; k < at + 4; k++) {
      byte c = b[k];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private String string(int s, int e) {
    if (!strEscaped) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
    if (unescaped.length < e - s) {
      unescaped = new byte[Math.max(e - s, unescaped.length * 2)];
    }
    return JsonStrings.decode(b, s, e, unescaped);
  }

  private void genericString(int plen, int ks, int ke, int s, int e) {
    int n = e - s;
    if (!strEscaped && n >= 2 && n <= 45 && maybeAddress(s, e)) {
      chars.set(b, s, n);
      boolean v6 = false;
      for (int i = s; i < e; i++) {
        if (b[i] == ':') {
          v6 = true;
          break;
        }
      }
      if (v6 ? Addresses.parseIpv6(chars, 0, n, ip6) : Addresses.parseIpv4(chars, 0, n) >= 0) {
        out.emit(pathString(plen), Role.IP, string(s, e));
        return;
      }
    }
    Role role = GenericNames.roleOf(b, ks, ke);
    if (role != null && n > 0) {
      out.emit(pathString(plen), role, string(s, e));
    }
  }

  private boolean maybeAddress(int s, int e) {
    byte c0 = b[s];
    if (!((c0 >= '0' && c0 <= '9') || c0 == ':' || (c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'f')) {
      return false;
    }
    for (int i = s; i < e; i++) {
      byte c = b[i];
      int l = c | 0x20;
      if (!((c >= '0' && c <= '9') || c == '.' || c == ':' || (l >= 'a' && l <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private String pathString(int plen) {
    return new String(path, 0, plen, StandardCharsets.UTF_8);
  }
}
