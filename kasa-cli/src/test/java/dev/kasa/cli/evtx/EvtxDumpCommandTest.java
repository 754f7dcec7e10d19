package dev.kasa.cli.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.cli.CliRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa evtx dump}: every record as JSON lines or XML, damage reported on stderr. */
class EvtxDumpCommandTest {
  @TempDir Path dir;

  @Test
  void recordsOfSeveralChunksBecomeJsonLinesInOrderWithTheirFile() throws Exception {
    Path f = dir.resolve("sysmon.evtx");
    EvtxFiles.write(f, 30, 10, List.of(7));
    CliRun run = CliRun.kasa("evtx", "dump", "--threads", "2", f.toString());
    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    List<JsonNode> lines = run.jsonLines();
    assertThat(lines).hasSize(30);
    for (int i = 0; i < 30; i++) {
      JsonNode r = lines.get(i);
      assertThat(r.get("file").asText()).isEqualTo(f.toString());
      assertThat(r.at("/Event/System/EventRecordID").asLong()).isEqualTo(i + 1);
      assertThat(r.at("/Event/System/EventID").asInt()).isEqualTo(1);
    }
    assertThat(lines.get(6).at("/Event/EventData/Image").asText())
        .isEqualTo("C:\\Windows\\System32\\whoami.exe");
    assertThat(run.out()).startsWith("{\"Event\":{\"#attributes\":{\"xmlns\":");
  }

  @Test
  void xmlIsOneWellFormedDocumentOfEvents() throws Exception {
    Path f = dir.resolve("sysmon.evtx");
    EvtxFiles.write(f, 12, 5, List.of());
    CliRun run = CliRun.kasa("evtx", "dump", "--format", "xml", f.toString());
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Events>\n");
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getElementsByTagName("Event").getLength()).isEqualTo(12);
    assertThat(run.out())
        .contains("    <EventRecordID>12</EventRecordID>\n")
        .contains("<Data Name=\"User\">BASE7\\bob</Data>");
  }

  @Test
  void directoriesAreSearchedForEvtxFilesInPathOrder() throws Exception {
    Files.createDirectories(dir.resolve("b"));
    EvtxFiles.write(dir.resolve("b/second.evtx"), 2, 10, List.of());
    EvtxFiles.write(dir.resolve("a.EVTX"), 3, 10, List.of());
    Files.writeString(dir.resolve("notes.txt"), "not a log");
    CliRun run = CliRun.kasa("evtx", "dump", dir.toString());
    assertThat(run.status()).isZero();
    assertThat(run.jsonLines().stream().map(j -> j.get("file").asText()).distinct())
        .containsExactly(dir.resolve("a.EVTX").toString(), dir.resolve("b/second.evtx").toString());
  }

  @Test
  void damageIsReportedWithFileChunkOffsetAndTheRestIsWritten() throws Exception {
    Path f = dir.resolve("damaged.evtx");
    EvtxFiles.write(f, 30, 10, List.of());
    byte[] b = Files.readAllBytes(f);
    b[4096 + 65536 + 300] ^= 1;
    Files.write(f, b);
    CliRun run = CliRun.kasa("evtx", "dump", f.toString());
    assertThat(run.status()).isZero();
    assertThat(run.jsonLines()).hasSize(20);
    assertThat(run.err())
        .contains(
            "kasa evtx dump: "
                + f
                + ": chunk 1, offset 0x11000: chunk header checksum mismatch (stored ")
        .contains("kasa evtx dump: 20 records from 1 files; 1 problems; 0 inputs unreadable");
  }

  @Test
  void inputsThatAreNotEvtxFilesAreUnreadable() throws Exception {
    Path f = dir.resolve("log.json");
    Files.writeString(f, "{\"a\":1}\n");
    Path good = dir.resolve("good.evtx");
    EvtxFiles.write(good, 2, 10, List.of());
    CliRun run =
        CliRun.kasa(
            "evtx", "dump", f.toString(), dir.resolve("missing.evtx").toString(), good.toString());
    assertThat(run.status()).isEqualTo(3);
    assertThat(run.jsonLines()).hasSize(2);
    assertThat(run.err())
        .contains(f + ": unreadable: not an EVTX file (no ElfFile signature)")
        .contains("missing.evtx: unreadable: no such file or directory");
  }

  @Test
  void outputGoesToAFileWhenAsked() throws Exception {
    Path f = dir.resolve("sysmon.evtx");
    EvtxFiles.write(f, 3, 10, List.of());
    Path out = dir.resolve("out.jsonl");
    CliRun run = CliRun.kasa("evtx", "dump", "-o", out.toString(), f.toString());
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readAllLines(out)).hasSize(3);
  }
}
