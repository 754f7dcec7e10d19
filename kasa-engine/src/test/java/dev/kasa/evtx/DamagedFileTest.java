package dev.kasa.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.evtxwriter.EvtxWriter;
import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import dev.kasa.evtxwriter.XmlNode;
import dev.kasa.evtxwriter.XmlNode.Element;
import dev.kasa.evtxwriter.XmlNode.Substitution;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Damage is skipped and reported with its place; it never stops the rest of the file. */
class DamagedFileTest {
  /** Three chunks of 10 records each (ids 1..30). */
  private static byte[] threeChunks() {
    return Fixtures.events(30, new EvtxWriter.Options(false, 10), Fixtures::processData);
  }

  private static List<Long> ids(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void anIntactFileReadsWithoutProblems() {
    Decoded d = Decoded.of(threeChunks(), RecordFormat.JSON);
    assertThat(d.problems).isEmpty();
    assertThat(d.ids).isEqualTo(ids(1, 30));
  }

  @Test
  void aChunkWithADamagedHeaderIsSkippedAndReported() {
    byte[] f = threeChunks();
    f[Damage.chunkAt(1) + 300] ^= 1; // in the string table, covered by the header checksum
    Decoded d = Decoded.of(f, RecordFormat.JSON);
    List<Long> expected = new ArrayList<>(ids(1, 10));
    expected.addAll(ids(21, 30));
    assertThat(d.ids).isEqualTo(expected);
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).chunk()).isEqualTo(1);
    assertThat(d.problems.get(0).offset()).isEqualTo(4096 + 65536);
    assertThat(d.problems.get(0).toString())
        .startsWith("chunk 1, offset 0x11000: chunk header checksum mismatch")
        .endsWith("chunk skipped");
  }

  @Test
  void recordsOfAChunkWhoseRecordsChecksumFailsAreStillRead() {
    byte[] f = threeChunks();
    int r = Damage.record(f, 0, 3);
    int image = indexOf(f, r, "cmd4.exe");
    f[image] = 'C'; // a value changed after the checksum was computed
    Decoded d = Decoded.of(f, RecordFormat.JSON);
    assertThat(d.ids).isEqualTo(ids(1, 30));
    assertThat(d.records.get(3)).contains("Cmd4.exe");
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).toString())
        .contains("event records checksum mismatch")
        .contains("records checked one by one");
  }

  @Test
  void aRecordWithBadFramingIsSkippedAndReadingResumesAtTheNext() {
    byte[] f = threeChunks();
    int r = Damage.record(f, 0, 4);
    Damage.le(f).putInt(r + 4, 0x7fff0000); // size far past the chunk
    Decoded d = Decoded.of(Damage.fixChecksums(f), RecordFormat.JSON);
    List<Long> expected = new ArrayList<>(ids(1, 4));
    expected.addAll(ids(6, 30));
    assertThat(d.ids).isEqualTo(expected);
    assertThat(d.problems).hasSize(1);
    EvtxProblem p = d.problems.get(0);
    assertThat(p.chunk()).isZero();
    assertThat(p.offset()).isEqualTo(r);
    assertThat(p.reason()).contains("runs past the chunk's records").endsWith("next record");
  }

  @Test
  void aRecordWhoseBinaryXmlIsDamagedIsSkippedWithItsId() {
    byte[] f = threeChunks();
    int r = Damage.record(f, 1, 2); // record 13
    f[r + 24] = (byte) 0x77; // the fragment header token
    Decoded d = Decoded.of(Damage.fixChecksums(f), RecordFormat.JSON);
    assertThat(d.ids).doesNotContain(13L).hasSize(29);
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).recordId()).isEqualTo(13);
    assertThat(d.problems.get(0).toString())
        .startsWith("chunk 1, offset 0x" + Integer.toHexString(r) + ", record 13: ")
        .contains("unexpected token 0x77")
        .endsWith("record skipped");
  }

  @Test
  void aFileCutShortReportsTheCutAndKeepsTheWholeChunks() {
    byte[] f = Arrays.copyOf(threeChunks(), 4096 + 2 * 65536 + 1000);
    Decoded d = Decoded.of(f, RecordFormat.JSON);
    assertThat(d.ids).isEqualTo(ids(1, 20));
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).toString())
        .isEqualTo(
            "chunk 2, offset 0x21000: file ends inside a chunk (1000 of 65536 bytes);"
                + " those bytes skipped");
  }

  @Test
  void unusedChunksOfZerosArePassedOverSilently() {
    byte[] f = Arrays.copyOf(threeChunks(), 4096 + 5 * 65536);
    Decoded d = Decoded.of(f, RecordFormat.JSON);
    assertThat(d.ids).isEqualTo(ids(1, 30));
    assertThat(d.problems).isEmpty();
  }

  @Test
  void aDirtyFileIsReadToItsLastChunkWhateverItsHeaderSays() {
    byte[] f = Fixtures.events(30, new EvtxWriter.Options(true, 10), Fixtures::processData);
    Damage.le(f).putShort(42, (short) 1); // the header lags: one chunk
    Damage.le(f).putLong(16, 0);
    Decoded d = Decoded.of(Damage.fixChecksums(f), RecordFormat.JSON);
    assertThat(d.ids).isEqualTo(ids(1, 30));
    assertThat(d.problems).isEmpty();
  }

  @Test
  void aFileHeaderWithABadChecksumIsReportedAndTheChunksRead() {
    byte[] f = threeChunks();
    f[100] = 1;
    Decoded d = Decoded.of(f, RecordFormat.JSON);
    assertThat(d.ids).isEqualTo(ids(1, 30));
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).toString())
        .startsWith("file header, offset 0x0: file header checksum mismatch");
  }

  @Test
  void somethingElseIsNotAnEvtxFile() {
    assertThatThrownBy(() -> new EvtxStream(new ByteArrayInputStream("{\"a\":1}\n".getBytes())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an EVTX file (no ElfFile signature)");
  }

  @Test
  void nestingDeeperThanTheLimitIsAProblemNotARecursion() {
    Element deep = new Element("Leaf", Substitution.of(0));
    for (int i = 0; i < 100; i++) {
      deep = new Element("N", deep);
    }
    byte[] f = Fixtures.record(new Template(UUID.randomUUID(), deep), List.of(Value.string("v")));
    Decoded d = Decoded.of(f, RecordFormat.JSON);
    assertThat(d.records).isEmpty();
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).reason()).contains("nested deeper than 64");
  }

  @Test
  void nestedValuesDeeperThanTheLimitAreAProblemToo() {
    Template t =
        new Template(
            UUID.randomUUID(), new Element("X", Substitution.optional(0, ValueType.BIN_XML)));
    Value v = Value.string("bottom");
    for (int i = 0; i < 80; i++) {
      v = Value.binXml(t, List.of(v));
    }
    Decoded d = Decoded.of(Fixtures.record(t, List.of(v)), RecordFormat.XML);
    assertThat(d.records).isEmpty();
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).reason()).contains("deeper than 64");
  }

  @Test
  void aRecordRenderingPastTheSizeLimitIsAProblem() {
    Decoded d = Decoded.of(Fixtures.oneEvent(Fixtures.processData(1)), RecordFormat.JSON, 64, 300);
    assertThat(d.records).isEmpty();
    assertThat(d.problems.get(0).reason()).contains("renders to more than 300 bytes");
  }

  @Test
  void substitutionsRepeatingANestedValueRunIntoTheWorkLimit() {
    // 700 substitutions of one nested value whose 100 elements have 30 null attributes each:
    // much work, little output, so the work limit ends it (not the size limit).
    List<XmlNode> wide = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      wide.add(new Element("E", Substitution.of(0)));
    }
    List<XmlNode.Attribute> attributes = new ArrayList<>();
    List<Value> nulls = new ArrayList<>();
    for (int a = 0; a < 30; a++) {
      attributes.add(new XmlNode.Attribute("a" + a, Substitution.optional(a, ValueType.STRING)));
      nulls.add(Value.nul());
    }
    List<XmlNode> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(new Element("L", attributes, List.of()));
    }
    Template inner = new Template(UUID.randomUUID(), new Element("In", List.of(), many));
    Template outer = new Template(UUID.randomUUID(), new Element("Out", List.of(), wide));
    byte[] f = Fixtures.record(outer, List.of(Value.binXml(inner, nulls)));
    Decoded d = Decoded.of(f, RecordFormat.JSON);
    assertThat(d.records).isEmpty();
    assertThat(d.problems).hasSize(1);
    assertThat(d.problems.get(0).reason()).contains("tokens and nodes to decode one record");
    assertThat(d.work).isLessThanOrEqualTo(1_000_000L + 100);
  }

  private static int indexOf(byte[] f, int from, String ascii) {
    byte[] utf16 = ascii.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    outer:
    for (int i = from; i + utf16.length <= f.length; i++) {
      for (int j = 0; j < utf16.length; j++) {
        if (f[i + j] != utf16[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(ascii + " not found");
  }
}
