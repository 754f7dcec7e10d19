package dev.kasa.event;

import static dev.kasa.event.Scans.options;
import static dev.kasa.event.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged gzip input gives every record decodable before the damage, then is reported with what
 * is wrong (as {@code zcat} recovers what it can, then complains).
 */
class DamagedGzipTest {
  @TempDir Path dir;

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(b)) {
      out.write(content);
    }
    return b.toByteArray();
  }

  static String ndjson(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      s.append("{\"n\":").append(i).append(",\"ip\":\"10.1.").append(i / 250).append('.');
      s.append(i % 250)
          .append("\",\"pad\":\"")
          .append(Integer.toHexString(i * 7919))
          .append("\"}\n");
    }
    return s.toString();
  }

  private Path write(String name, byte[] b) throws IOException {
    return Files.write(dir.resolve(name), b);
  }

  @Test
  void aTruncatedGzipGivesTheRecordsBeforeTheDamage() throws IOException {
    byte[] whole = gzip(ndjson(20_000).getBytes(StandardCharsets.UTF_8));
    Path cut = write("events.json.gz", Arrays.copyOf(whole, whole.length / 2));
    var r = scan(options(), cut.toString());
    // Half of the compressed bytes hold roughly half of the records; all of them are scanned.
    assertThat(r.records()).hasSizeGreaterThan(8_000);
    assertThat(r.records().get(0)).isEqualTo("1 RECORD");
    assertThat(r.unreadable)
        .singleElement()
        .asString()
        .startsWith(cut + ": truncated gzip stream after " + whole.length / 2 + " bytes");
    assertThat(r.totals.unreadable()).isEqualTo(1);
  }

  @Test
  void aTruncatedGzipOfPrettyObjectsGivesTheObjectsBeforeTheDamage() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      s.append("{\n  \"Event\": {\n    \"System\": {\"EventID\": 3},\n    \"EventData\": {")
          .append("\"DestinationIp\": \"198.51.100.")
          .append(i % 250)
          .append("\"}\n  }\n}\n");
    }
    byte[] whole = gzip(s.toString().getBytes(StandardCharsets.UTF_8));
    Path cut = write("events.evtx.json.gz", Arrays.copyOf(whole, whole.length - 40));
    var r = scan(options(), cut.toString());
    assertThat(r.inputs.get(0).format()).isEqualTo(EventFormat.EVTX_JSON);
    assertThat(r.records()).hasSizeGreaterThan(2900);
    assertThat(r.unreadable)
        .singleElement()
        .asString()
        .startsWith(cut + ": truncated gzip stream after " + (whole.length - 40) + " bytes");
  }

  @Test
  void aGzipCutInsideItsHeaderSaysSo() throws IOException {
    Path cut = write("broken.log.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
    var r = scan(options(), cut.toString());
    assertThat(r.unreadable)
        .singleElement()
        .asString()
        .isEqualTo(cut + ": cannot read: truncated gzip stream after 6 bytes (in its header)");
  }

  @Test
  void aGzipMagicWithoutGzipAfterItIsNotInGzipFormat() throws IOException {
    Path bad =
        write("bad.gz", new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 3, 'x', 'y', 'z'});
    var r = scan(options(), bad.toString());
    assertThat(r.unreadable)
        .singleElement()
        .asString()
        .startsWith(bad + ": cannot read: not in gzip format");
  }

  @Test
  void corruptCompressedDataIsReportedAsCorruptAfterTheGoodRecords() throws IOException {
    byte[] whole = gzip(ndjson(20_000).getBytes(StandardCharsets.UTF_8));
    byte[] damaged = whole.clone();
    for (int i = whole.length / 2; i < whole.length / 2 + 64; i++) {
      damaged[i] = (byte) 0xff;
    }
    Path bad = write("corrupt.json.gz", damaged);
    var r = scan(options(), bad.toString());
    assertThat(r.records()).hasSizeGreaterThan(5_000);
    assertThat(r.unreadable).singleElement().asString().contains(": corrupt gzip data after ");
    assertThat(String.join("\n", r.unreadable)).doesNotContain("null").doesNotContain("Exception");
  }
}
