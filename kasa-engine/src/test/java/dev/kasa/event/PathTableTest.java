package dev.kasa.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathTableTest {

  @Test
  void keyHashDoesNotDependOnTheBytesAroundTheKey() {
    for (String key :
        new String[] {"", "a", "ts", "uid", "proto", "service", "duration", "id.orig_h"}) {
      byte[] exact = key.getBytes(StandardCharsets.UTF_8);
      byte[] inLine = ("{\"" + key + "\":\"zzzzzzzzzzzz\"}").getBytes(StandardCharsets.UTF_8);
      int h = PathTable.extend(7, exact, 0, exact.length);
      assertThat(PathTable.extend(7, inLine, 2, 2 + exact.length)).as(key).isEqualTo(h);
      byte[] atEnd = ("xx" + key).getBytes(StandardCharsets.UTF_8);
      assertThat(PathTable.extend(7, atEnd, 2, atEnd.length)).as(key).isEqualTo(h);
    }
  }

  @Test
  void shortKeysThatDifferInOneByteHashApart() {
    byte[] a = "{\"ab\":1,\"ac\":2}".getBytes(StandardCharsets.UTF_8);
    assertThat(PathTable.extend(0, a, 2, 4)).isNotEqualTo(PathTable.extend(0, a, 9, 11));
  }
}
