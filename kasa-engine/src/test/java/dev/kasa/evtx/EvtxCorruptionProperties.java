package dev.kasa.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.TestCorpora;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random damage to real files (writer-made ones, and the corpus's when present): bit flips, cuts,
 * chunks shuffled or repeated, huge size and count fields, with checksums left wrong or made right
 * again (so that the damage reaches the binary XML). Whatever the damage, decoding only ever
 * reports problems: no exception, no problem that is a bug ("internal error"), every record
 * rendered as valid JSON within the size limit, and the work bounded by the per-chunk limit
 * (counted in tokens and nodes, not timed).
 */
class EvtxCorruptionProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RECORD = 256 << 10;
  private static final List<byte[]> FILES = files();

  private static List<byte[]> files() {
    List<byte[]> files = new ArrayList<>();
    files.add(
        Fixtures.events(
            60, new dev.kasa.evtxwriter.EvtxWriter.Options(false, 20), Fixtures::processData));
    if (TestCorpora.find("sigma/regression_data") != null) {
      List<Path> evtx = Corpus.evtxFiles();
      for (int i = 0; i < evtx.size(); i += 16) {
        files.add(Corpus.read(evtx.get(i)));
      }
    }
    return files;
  }

  /** One kind of damage at one place. */
  sealed interface Harm {
    byte[] apply(byte[] file);
  }

  record FlipBits(List<Integer> positions) implements Harm {
    public byte[] apply(byte[] f) {
      byte[] g = f.clone();
      for (int p : positions) {
        if (g.length == 0) {
          break;
        }
        int at = Math.floorMod(p, g.length * 8);
        g[at / 8] ^= (byte) (1 << (at % 8));
      }
      return g;
    }
  }

  record Cut(int at) implements Harm {
    public byte[] apply(byte[] f) {
      return Arrays.copyOf(f, Math.floorMod(at, f.length + 1));
    }
  }

  record ShuffleChunks(long seed, boolean repeatOne) implements Harm {
    public byte[] apply(byte[] f) {
      int n = Damage.chunks(f);
      List<byte[]> chunks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        chunks.add(Arrays.copyOfRange(f, Damage.chunkAt(i), Damage.chunkAt(i + 1)));
      }
      java.util.Collections.shuffle(chunks, new java.util.Random(seed));
      if (repeatOne && n > 0) {
        chunks.add(chunks.get(0));
      }
      byte[] g = Arrays.copyOf(f, 4096 + chunks.size() * 65536);
      for (int i = 0; i < chunks.size(); i++) {
        System.arraycopy(chunks.get(i), 0, g, Damage.chunkAt(i), 65536);
      }
      return g;
    }
  }

  /** A huge or odd 16- or 32-bit value written over a field (sizes, counts, offsets). */
  record HugeField(int at, int value, boolean wide) implements Harm {
    public byte[] apply(byte[] f) {
      byte[] g = f.clone();
      if (g.length < 4) {
        return g;
      }
      int p = Math.floorMod(at, g.length - 3);
      if (wide) {
        Damage.le(g).putInt(p, value);
      } else {
        Damage.le(g).putShort(p, (short) value);
      }
      return g;
    }
  }

  @Provide
  Arbitrary<List<Harm>> harms() {
    return harm().list().ofMinSize(1).ofMaxSize(3);
  }

  private static Arbitrary<Harm> harm() {
    Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    Arbitrary<Integer> huge =
        Arbitraries.of(0xffffffff, 0x7fffffff, 0xfffffff0, 0x10000, 65535, 0, 1, 511, 512, 513);
    return Arbitraries.oneOf(
        anywhere.list().ofMinSize(1).ofMaxSize(64).map(FlipBits::new),
        anywhere.map(Cut::new),
        Combinators.combine(Arbitraries.longs(), Arbitraries.of(true, false))
            .as(ShuffleChunks::new),
        Combinators.combine(anywhere, huge, Arbitraries.of(true, false)).as(HugeField::new));
  }

  @Property(tries = 400)
  void damageIsOnlyEverReported(
      @ForAll("harms") List<Harm> harms,
      @ForAll boolean fixChecksums,
      @ForAll("fileIndex") int file)
      throws Exception {
    byte[] f = FILES.get(file % FILES.size());
    for (Harm h : harms) {
      f = h.apply(f);
    }
    if (fixChecksums && f.length >= 128 && EvtxFileHeader.isEvtx(f, 0, f.length)) {
      f = Damage.fixChecksums(Arrays.copyOf(f, f.length - (f.length - 4096) % 65536));
    }
    if (!EvtxFileHeader.isEvtx(f, 0, f.length)) {
      return;
    }
    for (RecordFormat format : RecordFormat.values()) {
      Decoded d = Decoded.of(f, format, 64, MAX_RECORD);
      for (EvtxProblem p : d.problems) {
        assertThat(p.reason()).doesNotContain("internal error");
        assertThat(p.offset()).isLessThanOrEqualTo(Math.max(f.length, 4096));
      }
      long chunks = Math.max(1, (f.length - 4096) / 65536);
      assertThat(d.work).isLessThanOrEqualTo(chunks * 8_000_000L + 1_000_000L);
      for (String r : d.records) {
        assertThat(r.length()).isLessThanOrEqualTo(MAX_RECORD);
        if (format == RecordFormat.JSON) {
          JSON.readTree(r);
        }
      }
    }
  }

  @Provide
  Arbitrary<Integer> fileIndex() {
    return Arbitraries.integers().between(0, 1000);
  }
}
