package dev.kasa.sigma.match;

import static dev.kasa.sigma.match.SigmaTests.compile;
import static dev.kasa.sigma.match.SigmaTests.holds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.KasaException;
import dev.kasa.sigma.match.FieldPredicate.AnyOf;
import dev.kasa.sigma.match.Needle.Literal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingModifiersTest {

  private static List<Needle> needles(String key, String value) {
    return ((AnyOf) compile(key, value)).needles();
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void utf16VariantsMatchTheAppendixExamples() {
    assertThat(Encodings.utf16("cmd", false, false)).containsExactly(0x63, 0, 0x6d, 0, 0x64, 0);
    assertThat(Encodings.utf16("cmd", true, false)).containsExactly(0, 0x63, 0, 0x6d, 0, 0x64);
    assertThat(Encodings.utf16("cmd", false, true))
        .containsExactly(0xFF, 0xFE, 0x63, 0, 0x6d, 0, 0x64, 0);
  }

  @Test
  void base64IsACasedLiteralOfTheUtf8Bytes() {
    assertThat(needles("F|base64", "cmd"))
        .containsExactly(new Literal(LiteralKind.EQUALS, "Y21k", true));
    assertThat(needles("F|base64|contains", "http://"))
        .containsExactly(new Literal(LiteralKind.CONTAINS, "aHR0cDovLw==", true));
  }

  @Test
  void encodingsApplyInWrittenOrderBeforeBase64() {
    byte[] wide = "cmd".getBytes(StandardCharsets.UTF_16LE);
    assertThat(needles("F|wide|base64", "cmd"))
        .containsExactly(new Literal(LiteralKind.EQUALS, b64(wide), true));
    assertThat(needles("F|utf16le|base64", "cmd"))
        .containsExactly(new Literal(LiteralKind.EQUALS, b64(wide), true));
    assertThat(needles("F|utf16be|base64", "cmd"))
        .containsExactly(
            new Literal(LiteralKind.EQUALS, b64("cmd".getBytes(StandardCharsets.UTF_16BE)), true));
    assertThat(needles("F|utf16|base64", "cmd"))
        .containsExactly(
            new Literal(
                LiteralKind.EQUALS, b64(new byte[] {-1, -2, 0x63, 0, 0x6d, 0, 0x64, 0}), true));
  }

  @Test
  void base64OffsetGivesPySigmasThreeVariants() {
    // pySigma: b64encode(i*b" " + b"/c powershell")[(0,2,3)[i] : (None,-3,-2)[(len+i)%3]]
    assertThat(needles("F|base64offset|contains", "/c powershell"))
        .containsExactly(
            new Literal(LiteralKind.CONTAINS, "L2MgcG93ZXJzaGVsb", true),
            new Literal(LiteralKind.CONTAINS, "9jIHBvd2Vyc2hlbG", true),
            new Literal(LiteralKind.CONTAINS, "vYyBwb3dlcnNoZWxs", true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "F|base64offset|contains",
        "F|wide|base64offset|contains",
        "F|utf16le|base64offset|contains",
        "F|utf16be|base64offset|contains",
        "F|base64offset"
      })
  void base64OffsetFindsTheValueAtEveryOffset(String key) {
    FieldPredicate p = compile(key, "Invoke-Mimikatz");
    byte[] value =
        key.contains("wide") || key.contains("utf16le")
            ? "Invoke-Mimikatz".getBytes(StandardCharsets.UTF_16LE)
            : key.contains("utf16be")
                ? "Invoke-Mimikatz".getBytes(StandardCharsets.UTF_16BE)
                : "Invoke-Mimikatz".getBytes(StandardCharsets.UTF_8);
    for (int offset = 0; offset < 6; offset++) {
      for (int tail = 0; tail < 3; tail++) {
        byte[] doc = new byte[offset + value.length + tail];
        for (int i = 0; i < doc.length; i++) {
          doc[i] = (byte) ('a' + i % 7);
        }
        System.arraycopy(value, 0, doc, offset, value.length);
        String encoded = "powershell -enc " + b64(doc);
        assertThat(holds(p, encoded)).as("offset %d tail %d", offset, tail).isTrue();
      }
    }
    assertThat(holds(p, "powershell -enc " + b64("Invoke-Nothing".getBytes()))).isFalse();
  }

  @Test
  void base64OffsetDropsEmptyVariantsOfVeryShortValues() {
    assertThat(needles("F|base64offset|contains", "a"))
        .doesNotContain(new Literal(LiteralKind.CONTAINS, "", true));
  }

  @Test
  void encodingsRefuseWildcards() {
    assertThatThrownBy(() -> compile("F|base64", "a*b"))
        .isInstanceOf(KasaException.class)
        .extracting(e -> ((KasaException) e).code().label())
        .isEqualTo("bad-value");
  }

  @Test
  void wideAloneInterleavesZeroChars() {
    assertThat(needles("F|wide|contains", "AB"))
        .containsExactly(new Literal(LiteralKind.CONTAINS, "a\0b\0", false));
  }
}
