package dev.kasa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --allowlist} and {@code --warninglists} in a real scan. */
class SuppressionScanTest {
  @TempDir Path dir;

  @Test
  void benignValuesAreNotHitAndEachSuppressionIsReportedWithItsList() throws IOException {
    Path values =
        Files.writeString(
            dir.resolve("values.txt"), "198.51.100.77\n8.8.8.8\nupdate.microsoft.com\n");
    Path allow = Files.writeString(dir.resolve("resolvers.txt"), "8.8.8.0/24\n");
    Path lists = Files.createDirectories(dir.resolve("wl/lists/microsoft"));
    Files.writeString(
        lists.resolve("list.json"),
        "{\"name\":\"Microsoft domains\",\"type\":\"hostname\",\"list\":[\"microsoft.com\"]}");
    Path log =
        Files.writeString(
            dir.resolve("dns.json"),
            "{\"query\":\"update.microsoft.com\",\"answers\":[\"8.8.8.8\"],\"dst\":\"198.51.100.77\"}\n");
    CliRun run =
        CliRun.kasa(
            "scan",
            "--intel",
            values.toString(),
            "--allowlist",
            allow.toString(),
            "--warninglists",
            dir.resolve("wl").toString(),
            "--format",
            "jsonl",
            log.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.jsonLines())
        .singleElement()
        .satisfies(h -> assertThat(h.get("value").asText()).isEqualTo("198.51.100.77"));
    assertThat(run.err())
        .contains(
            "kasa: suppressed: 2 indicator values on 2 benign-value lists (allowlist"
                + " resolvers.txt: 1, warninglist Microsoft domains: 1)");
  }

  @Test
  void aMissingAllowlistIsAUsageError() {
    Path values = dir.resolve("values.txt");
    CliRun run =
        CliRun.kasa("scan", "--intel", "-", "--allowlist", values.toString(), dir.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--allowlist");
  }
}
