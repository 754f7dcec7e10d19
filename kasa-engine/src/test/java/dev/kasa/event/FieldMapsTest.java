package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldMapsTest {
  @TempDir Path dir;

  @Test
  void defaultsCoverEverySourceAndZeekTypeMapsInheritTheCommonSection() {
    FieldMaps maps = FieldMaps.defaults();
    assertThat(maps.sources())
        .contains("ndjson", "eve", "evtx-json", "windows-json", "zeek", "zeek:dns", "zeek:http");
    FieldMap http = maps.forSource("zeek:http");
    assertThat(http.roles()).containsEntry("id.orig_h", Role.IP).containsEntry("host", Role.DOMAIN);
    assertThat(http.roles()).doesNotContainKey("query");
    assertThat(http.urlPairs()).containsExactly("host+uri");
    FieldMap unknown = maps.forSource("zeek");
    assertThat(unknown.roles()).containsKeys("query", "host", "md5", "server_name", "mailfrom");
    assertThat(maps.forSource("zeek:modbus").roles())
        .containsOnlyKeys("ts", "id.orig_h", "id.resp_h", "id_orig_h", "id_resp_h");
    assertThat(maps.forSource("something-else").generic()).isTrue();
  }

  @Test
  void userFileAddsReplacesAndRemovesEntries() throws IOException {
    Path file = dir.resolve("map.txt");
    Files.writeString(
        file,
        """
        # my site
        [zeek:http]
        host = NONE          # trailing comment
        host+uri = NONE
        proxied = IP
        [eve]
        dns.rrname = URL
        [custom]
        a.b = SHA256
        @generic = false
        """);
    FieldMaps maps = FieldMaps.defaults().overriddenBy(FieldMaps.load(file));
    FieldMap http = maps.forSource("zeek:http");
    assertThat(http.roles()).doesNotContainKey("host").containsEntry("proxied", Role.IP);
    assertThat(http.urlPairs()).isEmpty();
    assertThat(maps.forSource("eve").roles()).containsEntry("dns.rrname", Role.URL);
    assertThat(maps.forSource("custom").roles())
        .containsExactlyEntriesOf(java.util.Map.of("a.b", Role.SHA256));
    assertThat(maps.forSource("custom").generic()).isFalse();
    var out = new java.util.ArrayList<String>();
    byte[] b = ("{\"a\":{\"b\":\"" + "f".repeat(64) + "\"},\"ip\":\"10.0.0.1\"}").getBytes();
    new JsonLinesDecoder(maps.forSource("custom"), 1 << 20, 64)
        .decode(b, 0, b.length, 1, JsonScannerTest.sink(out));
    assertThat(out).containsExactly("1: a.b=SHA256:" + "f".repeat(64));
  }

  @Test
  void badFilesNameFileAndLine() {
    for (var bad :
        List.of(
            "[x]\na = COLOR\n|unknown role 'COLOR' for 'a'",
            "a = IP\n|expected [source]",
            "[x]\na+ = URL\n|host+uri",
            "[x]\na+b = IP\n|can only be URL or NONE",
            "[x]\n@generic = maybe\n|must be true or false")) {
      String[] parts = bad.split("\\|");
      assertThatThrownBy(() -> FieldMaps.parse(parts[0], "m.txt"))
          .isInstanceOf(KasaException.class)
          .hasMessageContaining("m.txt:")
          .hasMessageContaining(parts[1])
          .satisfies(
              e -> assertThat(((KasaException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }
    assertThatThrownBy(() -> FieldMaps.load(dir.resolve("nope.txt")))
        .isInstanceOf(KasaException.class)
        .hasMessageContaining("nope.txt")
        .satisfies(
            e -> assertThat(((KasaException) e).code()).isEqualTo(ErrorCode.UNREADABLE_INPUT));
  }
}
