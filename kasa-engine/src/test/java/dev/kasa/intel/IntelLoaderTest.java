package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelLoaderTest {
  private static final String MISP_EVENT =
      "{\"Event\": {\"Tag\": [{\"name\": \"tlp:green\"}], \"Attribute\": ["
          + "{\"type\": \"domain\", \"to_ids\": true, \"value\": \"%s\"},"
          + "{\"type\": \"text\", \"to_ids\": false, \"value\": \"context\"}]}}";

  @TempDir Path dir;

  private static byte[] gzip(String text) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private IntelLoader.Report load(IntelLoaderCollector sink, String... inputs) {
    return new IntelLoader(IntelLoader.Options.defaults()).load(List.of(inputs), sink);
  }

  @Test
  void detectsEachFilesFormatAndCountsWhatItRead() throws IOException {
    Files.writeString(dir.resolve("list.txt"), "203.0.113.7\nwhat is this\n");
    Files.writeString(dir.resolve("event.json"), MISP_EVENT.formatted("evil.example"));
    var sink = new IntelLoaderCollector();
    IntelLoader.Report report =
        load(sink, dir.resolve("list.txt").toString(), dir.resolve("event.json").toString());
    assertThat(sink.values()).containsExactly("203.0.113.7", "evil.example");
    assertThat(sink.byValue("evil.example").tlp()).isEqualTo(Tlp.GREEN);
    assertThat(report.files()).isEqualTo(2);
    assertThat(report.indicators()).isEqualTo(2);
    assertThat(report.mispContext()).isEqualTo(1);
    assertThat(report.problems()).isEqualTo(Map.of(ErrorCode.INVALID_INPUT, 1L));
    assertThat(report.problemCount()).isEqualTo(1);
    assertThat(sink.problems.get(0).where().toString()).isEqualTo(dir.resolve("list.txt") + ":2");
  }

  @Test
  void gzipIsDetectedByItsMagicBytesNotItsName() throws IOException {
    Files.write(dir.resolve("list.txt"), gzip("evil.example\n"));
    Files.write(dir.resolve("misp.dat"), gzip(MISP_EVENT.formatted("misp.example")));
    Files.writeString(dir.resolve("plain.list.gz"), "plain.example\n");
    var sink = new IntelLoaderCollector();
    load(sink, dir.toString());
    assertThat(sink.values()).containsExactly("evil.example", "misp.example", "plain.example");
    assertThat(sink.problems).isEmpty();
  }

  @Test
  void aDirectoryWalkReadsPlainListsOnlyFromFilesNamedAsLists() throws IOException {
    Files.writeString(dir.resolve("LICENSE"), "licensed.example\nunder.example\n");
    Files.writeString(dir.resolve("README.md"), "readme.example\n");
    Files.writeString(dir.resolve("iocs.csv"), "csv.example\n");
    Files.writeString(dir.resolve("iocs.list"), "list.example\n");
    Files.writeString(dir.resolve("event.json"), MISP_EVENT.formatted("misp.example"));
    var sink = new IntelLoaderCollector();
    IntelLoader.Report report = load(sink, dir.toString());
    assertThat(sink.values()).containsExactly("misp.example", "csv.example", "list.example");
    assertThat(sink.problems).isEmpty();
    assertThat(report.notLists()).isEqualTo(2);
    assertThat(report.files()).isEqualTo(3);
  }

  @Test
  void aNamedFileNotNamedAsAListIsAProblemAndPlainListsReadsItAnyway() throws IOException {
    Path license = Files.writeString(dir.resolve("LICENSE"), "licensed.example\n");
    var sink = new IntelLoaderCollector();
    load(sink, license.toString());
    assertThat(sink.values()).isEmpty();
    assertThat(sink.problems)
        .singleElement()
        .satisfies(p -> assertThat(p.text()).contains("--intel-list"));

    var forced = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults())
        .load(List.of(), List.of(license.toString()), forced);
    assertThat(forced.values()).containsExactly("licensed.example");
    assertThat(forced.problems).isEmpty();
  }

  @Test
  void walksDirectoriesInNameOrderSkippingHiddenEntries() throws IOException {
    Files.createDirectories(dir.resolve("b/nested"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("b/nested/z.txt"), "z.example");
    Files.writeString(dir.resolve("b/a.txt"), "ba.example");
    Files.writeString(dir.resolve("a.txt"), "a.example");
    Files.writeString(dir.resolve(".hidden.txt"), "hidden.example");
    Files.writeString(dir.resolve(".git/HEAD"), "git.example");
    var sink = new IntelLoaderCollector();
    IntelLoader.Report report = load(sink, dir.toString());
    assertThat(sink.values()).containsExactly("a.example", "ba.example", "z.example");
    assertThat(report.files()).isEqualTo(3);
  }

  @Test
  void aDirectoryWithAManifestIsAMispFeed() throws IOException {
    Path feed = Files.createDirectories(dir.resolve("feed"));
    String uuid = "5a3b1c2d-0000-4000-8000-00000000000a";
    Files.writeString(feed.resolve("manifest.json"), "{\"" + uuid + "\": {}}");
    Files.writeString(feed.resolve(uuid + ".json"), MISP_EVENT.formatted("feed.example"));
    Files.writeString(feed.resolve("hashes.csv"), "not read: the manifest lists what is read");
    var sink = new IntelLoaderCollector();
    IntelLoader.Report report = load(sink, dir.toString());
    assertThat(sink.values()).containsExactly("feed.example");
    assertThat(sink.problems).isEmpty();
    assertThat(report.files()).isEqualTo(1);
    assertThat(report.mispContext()).isEqualTo(1);
  }

  @Test
  void unreadableInputsAreReportedAndTheLoadGoesOn() throws IOException {
    Files.writeString(dir.resolve("ok.txt"), "ok.example");
    Files.write(dir.resolve("broken.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
    var sink = new IntelLoaderCollector();
    String missing = dir.resolve("missing.txt").toString();
    IntelLoader.Report report =
        load(sink, missing, dir.resolve("broken.gz").toString(), dir.resolve("ok.txt").toString());
    assertThat(sink.values()).containsExactly("ok.example");
    assertThat(sink.problems)
        .extracting(Problem::code, p -> p.where().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ErrorCode.UNREADABLE_INPUT, missing),
            org.assertj.core.groups.Tuple.tuple(
                ErrorCode.UNREADABLE_INPUT, dir.resolve("broken.gz").toString()));
    assertThat(sink.problems.get(0).message()).isEqualTo("no such file or directory");
    assertThat(report.problems().get(ErrorCode.UNREADABLE_INPUT)).isEqualTo(2);
  }

  @Test
  void jsonThatIsNeitherStixNorMispIsReported() throws IOException {
    Files.writeString(dir.resolve("other.json"), "{\"hello\": \"world\"}");
    var sink = new IntelLoaderCollector();
    load(sink, dir.resolve("other.json").toString());
    assertThat(sink.indicators).isEmpty();
    assertThat(sink.problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(p.message()).contains("neither a STIX bundle nor MISP");
            });
  }

  @Test
  void aForcedFormatOverridesDetection() throws IOException {
    Files.writeString(dir.resolve("list.json"), "{\"hello\": \"world\"}\nforced.example\n");
    var sink = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults().withFormat(IntelFormat.PLAIN_LIST))
        .load(List.of(dir.resolve("list.json").toString()), sink);
    assertThat(sink.values()).containsExactly("forced.example");
    assertThat(sink.problems).hasSize(1);
  }

  @Test
  void theDefaultTlpMarksPlainListsAndUntaggedMisp() throws IOException {
    Files.writeString(dir.resolve("list.txt"), "evil.example");
    Files.writeString(
        dir.resolve("e.json"),
        "{\"Attribute\": [{\"type\": \"ip-dst\", \"to_ids\": true, \"value\": \"192.0.2.1\"}]}");
    var sink = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults().withDefaultTlp(Tlp.AMBER))
        .load(List.of(dir.toString()), sink);
    assertThat(sink.indicators).extracting(Indicator::tlp).containsExactly(Tlp.AMBER, Tlp.AMBER);
  }

  @Test
  void readsStandardInputGzippedOrNot() throws IOException {
    var sink = new IntelLoaderCollector();
    IntelLoader.Report report =
        new IntelLoader(
                IntelLoader.Options.defaults(), new ByteArrayInputStream(gzip("stdin.example\n")))
            .load(List.of("-"), sink);
    assertThat(sink.values()).containsExactly("stdin.example");
    assertThat(report.files()).isEqualTo(1);
  }
}
