package dev.kasa.event;

/**
 * Windows event-data names in which spaces do not count ({@code Threat Name} answers to {@code
 * ThreatName}): finding spaces in name bytes, copying names without them for lookups, and the name
 * a value found that way is shown with (the event's own). Not thread-safe: one per scanner.
 */
final class SpaceFreeNames {
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private final CaptureTable capture;
  private final CaptureNames shown = new CaptureNames();
  private byte[] bare = new byte[64];

  SpaceFreeNames(CaptureTable capture) {
    this.capture = capture;
  }

  /** True when {@code b[s, e)} holds a space; eight bytes at a time. */
  static boolean hasSpace(byte[] b, int s, int e) {
    int i = s;
    for (; i + 8 <= e; i += 8) {
      long x = (long) LONGS.get(b, i) ^ 0x2020202020202020L;
      if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0) {
        return true;
      }
    }
    for (; i < e; i++) {
      if (b[i] == ' ') {
        return true;
      }
    }
    return false;
  }

  /** Copies {@code b[s, e)} without its spaces to {@link #bare()}; returns the length copied. */
  int copyWithoutSpaces(byte[] b, int s, int e) {
    if (bare.length < e - s + 8) {
      bare = new byte[Math.max(e - s + 8, bare.length * 2)];
    }
    int n = 0;
    for (int i = s; i < e; i++) {
      if (b[i] != ' ') {
        bare[n++] = b[i];
      }
    }
    return n;
  }

  /** The buffer {@link #copyWithoutSpaces} fills (with room to spare for hashing). */
  byte[] bare() {
    return bare;
  }

  /**
   * The name a value captured under {@code id} from path {@code path[0, plen)} (section-relative
   * from {@code soff}, of hashes {@code h} and {@code sh}) is shown with: the capture's name,
   * unless it was found by ignoring spaces, when the event's own name (short in evtx sections, else
   * full) is shown as written. {@code spaced} says whether that section-relative path has a space.
   */
  String shownName(
      int id, byte[] path, int plen, int h, int soff, int sh, boolean evtx, boolean spaced) {
    String name = capture.name(id);
    if (!spaced && !capture.spaced(id)) {
      return name;
    }
    String bareName = CaptureTable.withoutSpaces(name);
    String own =
        evtx ? shown.name(path, soff, plen - soff, sh, true) : shown.name(path, 0, plen, h, false);
    if (CaptureTable.withoutSpaces(own).equals(bareName)) {
      return own;
    }
    String full = evtx ? shown.name(path, 0, plen, h, false) : own;
    return CaptureTable.withoutSpaces(full).equals(bareName) ? full : name;
  }
}
