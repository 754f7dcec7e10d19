package dev.kasa.cli.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * JSON output may well be read on a terminal ({@code cat}, {@code less}): besides what JSON
 * requires escaped, the characters {@link TerminalWriter} escapes (DEL, C1 controls, bidi controls)
 * are written as {@code \\uXXXX}. The JSON values stay the same.
 */
final class TerminalSafeJson extends CharacterEscapes {
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
    if (ch > 0xffff || !TerminalWriter.controls((char) ch)) {
      return null;
    }
    return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
  }
}
