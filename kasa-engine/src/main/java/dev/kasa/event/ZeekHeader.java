package dev.kasa.event;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The header state of a Zeek TSV log ({@code #separator}, {@code #set_separator}, {@code
 * #empty_field}, {@code #unset_field}, {@code #path}, {@code #fields}, {@code #types}). Immutable;
 * {@link #apply} returns the state after one header line.
 */
record ZeekHeader(
    byte separator,
    byte setSeparator,
    String empty,
    String unset,
    String path,
    List<String> fields,
    List<String> types) {

  static final ZeekHeader INITIAL =
      new ZeekHeader((byte) '\t', (byte) ',', "(empty)", "-", null, List.of(), List.of());

  /** The state after header line {@code b[off, end)} (which starts with '#'). */
  ZeekHeader apply(byte[] b, int off, int end) {
    if (end > off && b[end - 1] == '\r') {
      end--;
    }
    String line = new String(b, off, end - off, StandardCharsets.UTF_8);
    if (line.startsWith("#separator ")) {
      String sep = unescape(line.substring("#separator ".length()).strip());
      return sep.length() == 1
          ? new ZeekHeader((byte) sep.charAt(0), setSeparator, empty, unset, path, fields, types)
          : this;
    }
    String sep = String.valueOf((char) (separator & 0xff));
    int cut = line.indexOf(sep);
    if (cut < 0) {
      return this;
    }
    String key = line.substring(0, cut);
    String rest = line.substring(cut + 1);
    return switch (key) {
      case "#set_separator" ->
          rest.isEmpty()
              ? this
              : new ZeekHeader(
                  separator, (byte) unescape(rest).charAt(0), empty, unset, path, fields, types);
      case "#empty_field" ->
          new ZeekHeader(separator, setSeparator, rest, unset, path, fields, types);
      case "#unset_field" ->
          new ZeekHeader(separator, setSeparator, empty, rest, path, fields, types);
      case "#path" -> new ZeekHeader(separator, setSeparator, empty, unset, rest, fields, types);
      case "#fields" ->
          new ZeekHeader(
              separator, setSeparator, empty, unset, path, List.of(rest.split(sep, -1)), List.of());
      case "#types" ->
          new ZeekHeader(
              separator, setSeparator, empty, unset, path, fields, List.of(rest.split(sep, -1)));
      default -> this;
    };
  }

  boolean isContainer(int column) {
    return column < types.size()
        && (types.get(column).startsWith("set[") || types.get(column).startsWith("vector["));
  }

  /** Decodes Zeek's {@code \xHH} escapes. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x' && isHex(s, i + 2)) {
        out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int i) {
    return i + 2 <= s.length()
        && Character.digit(s.charAt(i), 16) >= 0
        && Character.digit(s.charAt(i + 1), 16) >= 0;
  }
}
