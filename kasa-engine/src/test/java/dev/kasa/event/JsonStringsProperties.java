package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one-pass decode of escaped string bodies (unescaped into UTF-8 bytes, one String) against the
 * char-by-char way, a String per run between escapes, which it replaced: equal text for any valid
 * escapes between any bytes, invalid UTF-8 included.
 */
class JsonStringsProperties {

  @Property(tries = 2000)
  void decodesAsTheCharByCharWay(@ForAll("bodies") byte[] body) {
    assertThat(JsonStrings.decode(body, 0, body.length))
        .isEqualTo(JsonStrings.decodeChars(body, 0, body.length));
  }

  @Property(tries = 300)
  void decodesOnlyTheGivenRange(@ForAll("bodies") byte[] body) {
    byte[] framed = new byte[body.length + 4];
    framed[0] = '"';
    framed[1] = 'x';
    System.arraycopy(body, 0, framed, 2, body.length);
    framed[body.length + 2] = 'y';
    framed[body.length + 3] = '"';
    assertThat(JsonStrings.decode(framed, 2, body.length + 2))
        .isEqualTo(JsonStrings.decodeChars(body, 0, body.length));
  }

  @Example
  void windowsPathsUnicodeAndSurrogates() {
    assertThat(decode("C:\\\\Windows\\\\System32\\\\cmd.exe /c \\\"x\\\""))
        .isEqualTo("C:\\Windows\\System32\\cmd.exe /c \"x\"");
    assertThat(decode("caf\\u00e9 \\u20ac \\u0041\\/\\b\\f\\n\\r\\t"))
        .isEqualTo("café € A/\b\f\n\r\t");
    assertThat(decode("é\\\\€")).isEqualTo("é\\€");
    assertThat(decode("\\ud83d\\ude00 and \\ud800 alone"))
        .isEqualTo("\ud83d\ude00 and \ud800 alone");
  }

  private static String decode(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return JsonStrings.decode(b, 0, b.length);
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> ascii =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .excludeChars('\\')
            .ofMaxLength(8)
            .map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> utf8 =
        Arbitraries.integers()
            .between(0x80, 0x10FFFF)
            .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
            .map(cp -> Character.toString(cp).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> invalid =
        Arbitraries.bytes()
            .between((byte) 0x80, (byte) 0xFF)
            .array(byte[].class)
            .ofMinSize(1)
            .ofMaxSize(3);
    Arbitrary<byte[]> shortEscape =
        Arbitraries.of("\\\\", "\\\"", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t")
            .map(t -> t.getBytes(StandardCharsets.US_ASCII));
    Arbitrary<byte[]> unicodeEscape =
        Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7FF),
                Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0xD800, 0xDFFF))
            .flatMap(
                c ->
                    Arbitraries.of(true, false)
                        .map(
                            upper -> {
                              String hex = String.format("%04x", c);
                              return ("\\u" + (upper ? hex.toUpperCase() : hex))
                                  .getBytes(StandardCharsets.US_ASCII);
                            }));
    Arbitrary<byte[]> piece =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, ascii),
            net.jqwik.api.Tuple.of(3, utf8),
            net.jqwik.api.Tuple.of(1, invalid),
            net.jqwik.api.Tuple.of(4, shortEscape),
            net.jqwik.api.Tuple.of(2, unicodeEscape));
    return piece.list().ofMaxSize(12).map(JsonStringsProperties::concat);
  }

  private static byte[] concat(List<byte[]> pieces) {
    var out = new ByteArrayOutputStream();
    pieces.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
