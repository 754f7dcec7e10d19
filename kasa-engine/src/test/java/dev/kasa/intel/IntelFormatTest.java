package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IntelFormatTest {
  private static Optional<IntelFormat> detect(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return IntelFormat.detect(b, b.length);
  }

  @Test
  void stixBundlesAreRecognisedByTypeOrObjectsWhereverTheKeyComes() {
    assertThat(detect("{\"type\": \"bundle\", \"id\": \"bundle--x\"}")).contains(IntelFormat.STIX);
    assertThat(detect("{\"id\": \"bundle--x\", \"spec_version\": \"2.0\", \"type\": \"bundle\"}"))
        .contains(IntelFormat.STIX);
    assertThat(detect("{\"id\": \"bundle--x\", \"objects\": [{\"type\": \"indicator\""))
        .contains(IntelFormat.STIX);
    assertThat(detect("\uFEFF\r\n  {\"type\":\"bundle\"")).contains(IntelFormat.STIX);
  }

  @Test
  void mispEventsWrappersListsAndBareEventsAreRecognised() {
    assertThat(detect("{\"Event\": {\"info\": \"x\"")).contains(IntelFormat.MISP);
    assertThat(detect("{\"response\": [{\"Event\": {}}]}")).contains(IntelFormat.MISP);
    assertThat(detect("[{\"Event\": {\"info\": \"x\"}}]")).contains(IntelFormat.MISP);
    assertThat(detect("[ ]")).contains(IntelFormat.MISP);
    assertThat(detect("{\"id\": \"1\", \"uuid\": \"u\", \"info\": \"bare\"}"))
        .contains(IntelFormat.MISP);
    assertThat(detect("[{\"id\": \"1\", \"Attribute\": []}]")).contains(IntelFormat.MISP);
  }

  @Test
  void textThatIsNotJsonIsAPlainList() {
    assertThat(detect("203.0.113.7\nevil.example\n")).contains(IntelFormat.PLAIN_LIST);
    assertThat(detect("# {\"type\": \"bundle\"}\n")).contains(IntelFormat.PLAIN_LIST);
    assertThat(detect("")).contains(IntelFormat.PLAIN_LIST);
    assertThat(detect("  \n")).contains(IntelFormat.PLAIN_LIST);
  }

  @Test
  void otherJsonIsNeither() {
    assertThat(detect("{\"hello\": \"world\"}")).isEmpty();
    assertThat(detect("[\"203.0.113.7\"]")).isEmpty();
    assertThat(detect("{\"type\": \"indicator\"}")).isEmpty();
    assertThat(detect("{\"Event\": {\"info\": \"cut sh")).contains(IntelFormat.MISP);
    assertThat(detect("{oops")).isEmpty();
  }

  @Test
  void looksOnlyAtThePrefixItIsGiven() {
    String bundle = "{\"id\": \"bundle--x\", \"type\": \"bundle\", \"objects\": []}";
    byte[] b = bundle.getBytes(StandardCharsets.UTF_8);
    assertThat(IntelFormat.detect(b, 20)).isEmpty();
    String padded = "{\"x_pad\": \"" + "p".repeat(70_000) + "\", \"type\": \"bundle\"}";
    byte[] p = padded.getBytes(StandardCharsets.UTF_8);
    assertThat(IntelFormat.detect(p, IntelFormat.PEEK_BYTES)).isEmpty();
  }

  @Property
  void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
    assertThat(IntelFormat.detect(bytes, bytes.length)).isNotNull();
  }

  @Property
  void neverThrowsOnJsonLookingBytes(@ForAll @Size(max = 200) byte[] bytes) {
    byte[] b = new byte[bytes.length + 1];
    b[0] = '{';
    System.arraycopy(bytes, 0, b, 1, bytes.length);
    assertThat(IntelFormat.detect(b, b.length)).isNotNull();
  }
}
