package dev.kasa.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestDatabases;
import dev.kasa.node.alert.AlertStatus;
import dev.kasa.node.alert.Priority;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queries behind the watch floor's pages read indexes, never every alert: the overview's open
 * counts and the alert list (the benchmark's status=new, priority at least high, newest first). A
 * plan, not a time: on SQLite the planner's choice without statistics; on PostgreSQL that an index
 * plan without a sort exists (sequential and bitmap scans off: an empty table's plan says nothing
 * else).
 */
class AlertQueryPlansTest {
  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void pageQueriesAreIndexBacked(String kind) {
    try (Store store = Store.open(TestDatabases.location(kind, tmp), Clock.systemUTC())) {
      for (String column : List.of("priority", "sector", "asset", "actor")) {
        String plan =
            plan(store, AlertStore.openBySql(store.dialect(), column), Map.of("limit", 10));
        assertThat(plan).as(column).contains("alert_open_by_" + column);
        if (store.dialect() == Dialect.SQLITE) {
          assertThat(plan).as(column).contains("COVERING INDEX").doesNotContain("FOR GROUP BY");
        }
      }
      var benchmark = new AlertStore.Filter(AlertStatus.NEW, Priority.HIGH, null, null, null);
      for (boolean after : List.of(false, true)) {
        Map<String, Object> binds =
            after
                ? Map.of("status", "new", "priority", 2, "limit", 51, "ls", 1L, "id", 1L)
                : Map.of("status", "new", "priority", 2, "limit", 51);
        String plan = plan(store, AlertStore.listSql(benchmark, after), binds);
        assertThat(plan).contains("alert_by_status");
        assertThat(plan).doesNotContain("TEMP B-TREE").doesNotContain("Sort");
      }
      var byAsset = new AlertStore.Filter(null, null, "ws01", null, null);
      String plan =
          plan(store, AlertStore.listSql(byAsset, false), Map.of("asset", "a", "limit", 51));
      assertThat(plan)
          .contains("alert_by_asset")
          .doesNotContain("TEMP B-TREE")
          .doesNotContain("Sort");
    }
  }

  private static String plan(Store store, String sql, Map<String, Object> binds) {
    boolean sqlite = store.dialect() == Dialect.SQLITE;
    return store.call(
        h -> {
          if (!sqlite) {
            h.execute("SET enable_seqscan = off");
            h.execute("SET enable_bitmapscan = off");
          }
          var q = h.createQuery((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql);
          binds.forEach(q::bind);
          String out = String.join("\n", q.map((rs, ctx) -> rs.getString(sqlite ? 4 : 1)).list());
          if (!sqlite) {
            h.execute("RESET enable_seqscan");
            h.execute("RESET enable_bitmapscan");
          }
          return out;
        });
  }
}
