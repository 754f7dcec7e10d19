package dev.kasa.cli.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.cli.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kasa scan} sweeps a .evtx with Sigma rules as it sweeps its evtx_dump JSON. */
class EvtxScanCommandTest {
  @TempDir Path dir;

  private static Path rules() throws URISyntaxException {
    return Path.of(
        EvtxScanCommandTest.class
            .getResource("/dev/kasa/cli/rules/fixtures/regression-repo/rules")
            .toURI());
  }

  @Test
  void sigmaRulesMatchEvtxRecordsWhichAreNamedByTheirRecordId() throws Exception {
    Path f = dir.resolve("Microsoft-Windows-Sysmon%4Operational.evtx");
    EvtxFiles.write(f, 40, 10, List.of(3, 17, 33));
    CliRun run =
        CliRun.kasa(
            "scan",
            "--sigma",
            rules().toString(),
            "--format",
            "jsonl",
            "--progress=false",
            f.toString());
    assertThat(run.status()).isZero();
    List<JsonNode> hits = run.jsonLines();
    assertThat(hits).hasSize(3);
    assertThat(hits.stream().map(h -> h.get("line").asLong())).containsExactly(3L, 17L, 33L);
    assertThat(hits.get(0).get("file").asText()).isEqualTo(f.toString());
    assertThat(hits.get(0).get("kind").asText()).isEqualTo("sigma");
  }
}
