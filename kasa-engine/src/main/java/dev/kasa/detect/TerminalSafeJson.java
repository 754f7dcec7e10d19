package dev.kasa.detect;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * JSON output may well be read on a terminal ({@code cat}, {@code less}): besides what JSON
 * requires escaped, the characters that could drive a terminal ({@link #controls}: DEL, C1
 * controls, bidi controls) are written as {@code \\uXXXX}. The JSON values stay the same.
 */
public final class TerminalSafeJson extends CharacterEscapes {
  private static final int[] ASCII = ascii();

  private static int[] ascii() {
    int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
    codes[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
    return codes;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ASCII;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch > 0xffff || !controls((char) ch)) {
      return null;
    }
    return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
  }

  /**
   * Whether {@code c} can change what a terminal shows beyond itself: C0 controls, DEL, C1
   * controls, line and paragraph separators and the bidirectional embeddings, overrides, isolates
   * and marks.
   */
  public static boolean controls(char c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
    return c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
