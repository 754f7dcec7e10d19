package dev.kasa.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting past the buffer: sorted runs in temporary files, merged, deleted. */
class SortedRowsTest {
  @TempDir Path tmp;

  private static List<SortedRows.Row> rows() {
    SplittableRandom random = new SplittableRandom(7);
    List<SortedRows.Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int t = random.nextInt(50);
      // Times repeat (ties keep the order added), some rows have none, texts hold any UTF-8.
      long time = t == 0 ? SortedRows.NO_TIME : 1_700_000_000_000L + t * 1000L;
      rows.add(new SortedRows.Row(time, i, t % 3 == 0 ? null : "k" + t, "row " + i + " é\r\n"));
    }
    return rows;
  }

  private static List<SortedRows.Row> sorted(int buffer, Path dir, int[] runs) {
    List<SortedRows.Row> out = new ArrayList<>();
    try (SortedRows sorted = new SortedRows(buffer, dir)) {
      rows().forEach(sorted::add);
      runs[0] = sorted.runs();
      sorted.drain(out::add);
    }
    return out;
  }

  @Test
  void spilledRunsMergeToTheOrderOfAnInMemorySortAndAreDeleted() throws IOException {
    int[] runs = new int[1];
    List<SortedRows.Row> memory = sorted(1_000_000, tmp, runs);
    assertThat(runs[0]).isZero();
    List<SortedRows.Row> spilled = sorted(7, tmp, runs);
    assertThat(runs[0]).isEqualTo(1000 / 7);
    assertThat(spilled).isEqualTo(memory);
    for (int i = 1; i < memory.size(); i++) {
      SortedRows.Row a = memory.get(i - 1);
      SortedRows.Row b = memory.get(i);
      assertThat(a.time() < b.time() || (a.time() == b.time() && a.seq() < b.seq())).isTrue();
    }
    assertThat(memory.get(memory.size() - 1).time()).isEqualTo(SortedRows.NO_TIME);
    try (var left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void closingWithoutDrainingDeletesTheRuns() throws IOException {
    SortedRows sorted = new SortedRows(10, tmp);
    rows().forEach(sorted::add);
    try (var runs = Files.list(tmp)) {
      assertThat(runs).hasSize(100);
    }
    sorted.close();
    try (var left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }
}
