package dev.kasa.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.evtx.EvtxDump;
import dev.kasa.evtx.EvtxProblem;
import dev.kasa.evtx.RecordFormat;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvtxWorkloadGeneratorTest {
  @TempDir Path dir;

  @Test
  void writesWholeChunkFilesThatReadBackWithoutProblemsAndTheSameBytesEachTime() throws Exception {
    EvtxWorkloadGenerator.Summary s = EvtxWorkloadGenerator.generate(dir.resolve("a"), 4, 1, 7);
    EvtxWorkloadGenerator.generate(dir.resolve("b"), 4, 1, 7);
    assertThat(s.files()).isEqualTo(4);
    // 16 full chunks, and the one the last record opened.
    assertThat(s.bytes()).isEqualTo(4L * (4096 + 17 * 65536));
    for (String f : List.of("00-Sysmon.evtx", "03-Security.evtx")) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
          .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
    }
    assertThat(Files.readString(dir.resolve("a/workload.properties")))
        .contains("files=4", "file-mb=1", "seed=7", "records=" + s.records());

    List<String> problems = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EvtxDump.Totals t =
        new EvtxDump(EvtxDump.Options.defaults(RecordFormat.JSON), Runnable::run)
            .dump(
                List.of(dir.resolve("a").toString()),
                out,
                new EvtxDump.Listener() {
                  @Override
                  public void problem(String file, EvtxProblem problem) {
                    problems.add(file + ": " + problem);
                  }

                  @Override
                  public void unreadable(String file, String reason) {
                    problems.add(file + ": " + reason);
                  }
                });
    assertThat(problems).isEmpty();
    assertThat(t.records()).isEqualTo(s.records());
    assertThat(out.toString()).contains("\"EventID\":4624", "\"EventID\":1,", "\"EventID\":3,");
  }
}
