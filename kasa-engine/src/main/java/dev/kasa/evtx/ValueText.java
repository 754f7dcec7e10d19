package dev.kasa.evtx;

import dev.kasa.evtx.Utf8Out.Escape;

/**
 * The text of substitution values, read from their bytes in the chunk. Two styles: {@link
 * Style#EVTX_DUMP} writes what the Rust evtx_dump writes in JSON (GUIDs without braces, times to
 * the microsecond, array items joined by commas); {@link Style#WINDOWS} writes what Windows shows
 * in an event's XML (GUIDs in braces, times to 100 ns). Stateless.
 */
final class ValueText {
  /** Which renderer's conventions to follow. */
  enum Style {
    EVTX_DUMP,
    WINDOWS
  }

  private ValueText() {}

  /** The text of the value; array items are separated by commas. */
  static void append(
      Utf8Out out, byte[] c, int off, int size, int code, Style style, Escape escape) {
    ValueType type = ValueType.ofBase(code);
    if (!ValueType.isArray(code) || type == null) {
      scalar(out, c, off, size, code, style, escape);
      return;
    }
    int[] item = {0};
    forEachItem(
        c,
        off,
        size,
        code,
        (itemOff, itemSize) -> {
          if (item[0]++ > 0) {
            out.write(',');
          }
          scalar(out, c, itemOff, itemSize, type.code(), style, escape);
        });
  }

  /** Receives the items of an array value. */
  @FunctionalInterface
  interface ItemSink {
    void item(int off, int size);
  }

  /**
   * Splits an array value into its items: strings at their NUL terminators, SIDs by their
   * sub-authority counts, fixed-size types by size.
   *
   * @return the number of items
   */
  static int forEachItem(byte[] c, int off, int size, int code, ItemSink sink) {
    ValueType type = ValueType.ofBase(code);
    int end = off + size;
    int n = 0;
    switch (type) {
      case STRING -> {
        int start = off;
        for (int p = off; p + 1 < end; p += 2) {
          if (c[p] == 0 && c[p + 1] == 0) {
            sink.item(start, p - start);
            n++;
            start = p + 2;
          }
        }
        if (start + 1 < end) {
          sink.item(start, (end - start) & ~1);
          n++;
        }
      }
      case ANSI_STRING -> {
        int start = off;
        for (int p = off; p < end; p++) {
          if (c[p] == 0) {
            sink.item(start, p - start);
            n++;
            start = p + 1;
          }
        }
        if (start < end) {
          sink.item(start, end - start);
          n++;
        }
      }
      case SID -> {
        int p = off;
        while (p + 8 <= end) {
          int len = 8 + 4 * (c[p + 1] & 0xff);
          if (p + len > end) {
            throw new EvtxFormatException("a SID in an array runs past the value");
          }
          sink.item(p, len);
          n++;
          p += len;
        }
        if (p != end) {
          throw new EvtxFormatException("an array of SIDs ends with " + (end - p) + " stray bytes");
        }
      }
      default -> {
        int width = type.size();
        if (type == ValueType.SIZE_T) {
          width = size % 8 == 0 ? 8 : 4;
        }
        if (width <= 0) {
          sink.item(off, size);
          return 1;
        }
        if (size % width != 0) {
          throw new EvtxFormatException(
              "an array of " + type + " of " + size + " bytes (not a multiple of " + width + ")");
        }
        for (int p = off; p < end; p += width) {
          sink.item(p, width);
          n++;
        }
      }
    }
    return n;
  }

  /** The text of one value of type {@code code} (not an array). */
  static void scalar(
      Utf8Out out, byte[] c, int off, int size, int code, Style style, Escape escape) {
    ValueType type = ValueType.ofBase(code);
    if (type == null || ValueType.isArray(code)) {
      out.hexBytes(c, off, size);
      return;
    }
    if (type.size() > 0 && size < type.size()) {
      throw new EvtxFormatException(
          "a value of type " + type + " has " + size + " bytes, not " + type.size());
    }
    switch (type) {
      case NULL -> {}
      // evtx_dump leaves out the white space that ends a string (Windows does not show it).
      case STRING -> out.utf16(c, off, size / 2, escape, true, style == Style.EVTX_DUMP);
      case ANSI_STRING -> out.ansi(c, off, size, escape, style == Style.EVTX_DUMP);
      case INT8 -> out.decimal(c[off]);
      case UINT8 -> out.decimal(c[off] & 0xff);
      case INT16 -> out.decimal((short) LittleEndian.u16(c, off));
      case UINT16 -> out.decimal(LittleEndian.u16(c, off));
      case INT32 -> out.decimal(LittleEndian.i32(c, off));
      case UINT32 -> out.decimal(LittleEndian.u32(c, off));
      case INT64 -> out.decimal(LittleEndian.i64(c, off));
      case UINT64 -> out.unsigned(LittleEndian.i64(c, off));
      case REAL32 -> FloatText.append(out, Float.intBitsToFloat(LittleEndian.i32(c, off)));
      case REAL64 -> FloatText.append(out, Double.longBitsToDouble(LittleEndian.i64(c, off)));
      case BOOL -> out.ascii(LittleEndian.i32(c, off) != 0 ? "true" : "false");
      case BINARY, EVT_HANDLE, EVT_XML, BIN_XML -> out.hexBytes(c, off, size);
      case GUID -> guid(out, c, off, style);
      case SIZE_T -> {
        if (size == 4) {
          out.ascii("0x").hex(LittleEndian.u32(c, off));
        } else if (size == 8) {
          out.ascii("0x").hex(LittleEndian.i64(c, off));
        } else {
          throw new EvtxFormatException("a size type value of " + size + " bytes (not 4 or 8)");
        }
      }
      case FILETIME -> fileTime(out, LittleEndian.i64(c, off), style);
      case SYSTEMTIME -> systemTime(out, c, off, style);
      case SID -> sid(out, c, off, size);
      case HEX_INT32 -> out.ascii("0x").hex(LittleEndian.u32(c, off));
      case HEX_INT64 -> out.ascii("0x").hex(LittleEndian.i64(c, off));
    }
  }

  /** True for the integer and boolean types, which evtx_dump writes as JSON numbers/booleans. */
  static boolean isJsonNumber(int code) {
    return switch (code) {
      case 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0d -> true;
      default -> false;
    };
  }

  /**
   * Whether the value counts as empty (an optional substitution of it is left out): null, and
   * strings, binary, nested XML and arrays without content. With {@code trimmed}, a string of white
   * space is empty too (as evtx_dump, which drops trailing white space, sees it).
   */
  static boolean isEmpty(byte[] c, int off, int size, int code, boolean trimmed) {
    if (code == ValueType.NULL.code()) {
      return true;
    }
    if (ValueType.isArray(code)) {
      return size == 0;
    }
    return switch (code) {
      case 0x01 -> {
        for (int p = off; p + 1 < off + size; p += 2) {
          int u = LittleEndian.u16(c, p);
          if (u == 0) {
            break;
          }
          if (!trimmed || !Utf8Out.isWhiteSpace(u)) {
            yield false;
          }
        }
        yield true;
      }
      case 0x02 -> {
        for (int p = off; p < off + size && c[p] != 0; p++) {
          if (!trimmed || !Utf8Out.isWhiteSpace(Utf8Out.cp1252(c[p] & 0xff))) {
            yield false;
          }
        }
        yield true;
      }
      case 0x0e, 0x21 -> size == 0;
      default -> false;
    };
  }

  private static void guid(Utf8Out out, byte[] c, int off, Style style) {
    if (style == Style.WINDOWS) {
      out.write('{');
    }
    hexLe(out, c, off, 4);
    out.write('-');
    hexLe(out, c, off + 4, 2);
    out.write('-');
    hexLe(out, c, off + 6, 2);
    out.write('-');
    out.hexBytes(c, off + 8, 2);
    out.write('-');
    out.hexBytes(c, off + 10, 6);
    if (style == Style.WINDOWS) {
      out.write('}');
    }
  }

  private static void hexLe(Utf8Out out, byte[] c, int off, int n) {
    for (int i = n - 1; i >= 0; i--) {
      out.hexBytes(c, off + i, 1);
    }
  }

  private static void sid(Utf8Out out, byte[] c, int off, int size) {
    if (size < 8) {
      throw new EvtxFormatException("a SID of " + size + " bytes");
    }
    int subs = c[off + 1] & 0xff;
    if (8 + 4 * subs > size) {
      throw new EvtxFormatException(
          "a SID with " + subs + " sub-authorities in " + size + " bytes");
    }
    long authority = 0;
    for (int i = 2; i < 8; i++) {
      authority = authority << 8 | (c[off + i] & 0xff);
    }
    out.ascii("S-").decimal(c[off] & 0xff).write('-').decimal(authority);
    for (int i = 0; i < subs; i++) {
      out.write('-').decimal(LittleEndian.u32(c, off + 8 + 4 * i));
    }
  }

  private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

  private static void fileTime(Utf8Out out, long ft, Style style) {
    // FILETIME counts 100 ns intervals since 1601 as an unsigned number.
    long sinceUnix = ft - FILETIME_UNIX_EPOCH;
    long seconds = Math.floorDiv(sinceUnix, 10_000_000L);
    long ticks = Math.floorMod(sinceUnix, 10_000_000L);
    if (ft < 0) {
      seconds = Long.divideUnsigned(ft, 10_000_000L) - FILETIME_UNIX_EPOCH / 10_000_000L;
      ticks = Long.remainderUnsigned(ft, 10_000_000L);
    }
    dateTime(out, seconds);
    out.write('.');
    if (style == Style.WINDOWS) {
      out.padded(ticks, 7);
    } else {
      out.padded(ticks / 10, 6);
    }
    out.write('Z');
  }

  private static void systemTime(Utf8Out out, byte[] c, int off, Style style) {
    out.padded(LittleEndian.u16(c, off), 4).write('-');
    out.padded(LittleEndian.u16(c, off + 2), 2).write('-');
    out.padded(LittleEndian.u16(c, off + 6), 2).write('T');
    out.padded(LittleEndian.u16(c, off + 8), 2).write(':');
    out.padded(LittleEndian.u16(c, off + 10), 2).write(':');
    out.padded(LittleEndian.u16(c, off + 12), 2).write('.');
    out.padded(LittleEndian.u16(c, off + 14), 3);
    out.ascii(style == Style.WINDOWS ? "0000Z" : "000Z");
  }

  /** {@code YYYY-MM-DDTHH:MM:SS} of seconds since 1970 (proleptic Gregorian, UTC). */
  private static void dateTime(Utf8Out out, long epochSeconds) {
    long days = Math.floorDiv(epochSeconds, 86_400L);
    long secs = Math.floorMod(epochSeconds, 86_400L);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year >= 0 && year <= 9999) {
      out.padded(year, 4);
    } else {
      out.decimal(year);
    }
    out.write('-').padded(month, 2).write('-').padded(day, 2).write('T');
    out.padded(secs / 3600, 2).write(':').padded(secs / 60 % 60, 2).write(':');
    out.padded(secs % 60, 2);
  }
}
