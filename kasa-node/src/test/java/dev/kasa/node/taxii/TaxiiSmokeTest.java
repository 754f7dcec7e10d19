package dev.kasa.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.StixFixtures;
import dev.kasa.node.TestNode;
import dev.kasa.node.store.CollectionRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxiiSmokeTest {
  @TempDir Path tmp;

  @Test
  void postThenGet() {
    try (TestNode node = TestNode.start(tmp, null)) {
      CollectionRecord col;
      try (var admin = node.admin()) {
        col = admin.addCollection("intel", "Intel", null);
      }
      var d = node.get("/taxii2/", node.adminAuth());
      assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
      var p =
          node.post(
              "/taxii2/api/collections/" + col.id() + "/objects/",
              node.adminAuth(),
              StixFixtures.envelope(StixFixtures.indicators(3)));
      assertThat(p.statusCode()).as(p.body()).isEqualTo(202);
      var g = node.get("/taxii2/api/collections/" + col.id() + "/objects/", node.adminAuth());
      assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
      System.out.println(p.body());
      System.out.println(g.headers().map());
      System.out.println(g.body());
    }
  }
}
