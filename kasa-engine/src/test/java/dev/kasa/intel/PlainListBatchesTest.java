package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import dev.kasa.TestWorkers;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Worker threads and batches change nothing in what a plain list yields, nor in its order. */
class PlainListBatchesTest {
  private static List<Object> read(PlainListImporter importer, String text) {
    List<Object> events = new ArrayList<>();
    long count =
        importer.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            "list.txt",
            new IntelSink() {
              @Override
              public void indicator(Indicator indicator) {
                events.add(indicator);
              }

              @Override
              public void problem(Problem problem) {
                events.add(problem);
              }
            });
    assertThat(count).isEqualTo(events.stream().filter(e -> e instanceof Indicator).count());
    return events;
  }

  private static String list(long seed, int lines) {
    var rnd = new SplittableRandom(seed);
    var sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      switch (rnd.nextInt(9)) {
        case 0 -> sb.append(rnd.nextInt(256)).append(".0.").append(rnd.nextInt(300)).append(".1");
        case 1 -> sb.append("10.").append(rnd.nextInt(256)).append(".0.0/").append(rnd.nextInt(40));
        case 2 -> sb.append("Host").append(rnd.nextInt(1000)).append(".Example.");
        case 3 -> sb.append("http://h").append(rnd.nextInt(1000)).append(".example:80/p?q");
        case 4 -> sb.append(Long.toHexString(rnd.nextLong()).repeat(4));
        case 5 -> sb.append("# comment ").append(i);
        case 6 -> sb.append("not a value ").append(i);
        case 7 -> sb.append("x".repeat(PlainListImporter.MAX_LINE_CHARS + rnd.nextInt(3)));
        default -> sb.append("   ");
      }
      sb.append(rnd.nextBoolean() ? "\n" : "\r\n");
    }
    return sb.toString();
  }

  @Test
  void workersYieldWhatOneThreadYieldsInTheSameOrder() {
    for (long seed = 1; seed <= 20; seed++) {
      String text = list(seed, 5 + (int) seed * 37);
      List<Object> inline = read(new PlainListImporter(Tlp.NONE, TestWorkers.POOL, 1, 4096), text);
      assertThat(read(new PlainListImporter(Tlp.NONE, TestWorkers.POOL, 2, 3), text))
          .isEqualTo(inline);
      assertThat(read(new PlainListImporter(Tlp.NONE, TestWorkers.POOL, 3, 1), text))
          .isEqualTo(inline);
      assertThat(read(new PlainListImporter(Tlp.NONE, TestWorkers.POOL, 1, 2), text))
          .isEqualTo(inline);
    }
  }

  @Test
  void aListOfExactlyOneBatchIsComplete() {
    String text = "203.0.113.1\n203.0.113.2\n203.0.113.3\n203.0.113.4\n";
    assertThat(read(new PlainListImporter(Tlp.NONE, TestWorkers.POOL, 2, 2), text)).hasSize(4);
    assertThat(read(new PlainListImporter(Tlp.NONE, TestWorkers.POOL, 2, 4), text)).hasSize(4);
  }
}
