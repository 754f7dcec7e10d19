package dev.kasa.event;

import java.nio.charset.StandardCharsets;

/**
 * The evtx_dump sections whose fields have short canonical names: {@code Event.EventData}, {@code
 * Event.System} (objects at depth 3) and each element of {@code Event.UserData} (objects at depth
 * 4). Thread-safe: stateless.
 */
final class EvtxSections {
  private EvtxSections() {}

  private static final byte[] EVENT_DATA = bytes("Event.EventData");
  private static final byte[] SYSTEM = bytes("Event.System");
  private static final byte[] USER_DATA = bytes("Event.UserData.");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * True when the object whose path is {@code path[0, plen)}, at nesting {@code depth} (the record
   * is depth 1), starts a section: its fields are named relative to it.
   */
  static boolean startsSection(byte[] path, int plen, int depth) {
    if (depth == 3) {
      return is(path, plen, EVENT_DATA) || is(path, plen, SYSTEM);
    }
    if (depth == 4 && plen > USER_DATA.length && startsWith(path, plen, USER_DATA)) {
      for (int i = USER_DATA.length; i < plen; i++) {
        if (path[i] == '.') {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean is(byte[] path, int plen, byte[] want) {
    return plen == want.length && startsWith(path, plen, want);
  }

  private static boolean startsWith(byte[] path, int plen, byte[] want) {
    if (plen < want.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (path[i] != want[i]) {
        return false;
      }
    }
    return true;
  }
}
