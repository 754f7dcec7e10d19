package dev.kasa.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store made before the relation table (V8) gets the edges of the relationships it already holds
 * when it is migrated, so the live detector attributes their indicators from its first start.
 */
class RelationBackfillTest {
  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  private long ver;

  private void version(Connection c, String id, String type, String body) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO object_version (ver, stix_id, version_key, version, type, spec_version,"
                + " tlp, marking_refs, revoked, body, first_received)"
                + " VALUES (?, ?, '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000Z', ?,"
                + " '2.1', 'none', NULL, ?, ?, 0)")) {
      s.setLong(1, ++ver);
      s.setString(2, id);
      s.setString(3, type);
      s.setBoolean(4, false);
      s.setBytes(5, body.getBytes(StandardCharsets.UTF_8));
      s.executeUpdate();
    }
  }

  private static String relationship(String id, String type, String source, String target) {
    return "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
        + "\"relationship_type\":\""
        + type
        + "\",\"source_ref\":\""
        + source
        + "\",\"target_ref\":\""
        + target
        + "\"}";
  }

  @ParameterizedTest
  @MethodSource("stores")
  void relationshipsStoredBeforeTheRelationTableGetTheirEdgesWhenMigrated(String kind)
      throws SQLException {
    StoreLocation location = TestDatabases.location(kind, tmp);
    Flyway.configure()
        .dataSource(location.url(), location.user(), location.password())
        .locations(location.dialect().migrations())
        .table("kasa_schema_history")
        .target("7")
        .load()
        .migrate();
    String indicator = "indicator--" + UUID.randomUUID();
    String campaign = "campaign--" + UUID.randomUUID();
    String actor = "intrusion-set--" + UUID.randomUUID();
    String indicates = "relationship--" + UUID.randomUUID();
    String attributed = "relationship--" + UUID.randomUUID();
    ver = 0;
    try (Connection c =
        DriverManager.getConnection(location.url(), location.user(), location.password())) {
      version(
          c,
          indicator,
          "indicator",
          "{\"type\":\"indicator\",\"id\":\"" + indicator + "\",\"pattern\":\"[x]\"}");
      version(
          c, indicates, "relationship", relationship(indicates, "indicates", indicator, campaign));
      version(
          c,
          attributed,
          "relationship",
          relationship(attributed, "attributed-to", campaign, actor));
    }

    try (Store store = Store.open(location, Clock.systemUTC())) {
      List<String> edges =
          store.call(
              h ->
                  h.createQuery(
                          "SELECT ver, stix_id, relationship_type, source_ref, target_ref"
                              + " FROM relation ORDER BY ver")
                      .map(
                          (rs, ctx) ->
                              rs.getLong(1)
                                  + " "
                                  + rs.getString(2)
                                  + " "
                                  + rs.getString(3)
                                  + " "
                                  + rs.getString(4)
                                  + " "
                                  + rs.getString(5))
                      .list());
      assertThat(edges)
          .containsExactly(
              "2 " + indicates + " indicates " + indicator + " " + campaign,
              "3 " + attributed + " attributed-to " + campaign + " " + actor);
      // The actor behind the campaign leads back to the indicator.
      assertThat(store.indicatorContext().indicatorsAttributedBy(Set.of(actor)))
          .containsExactly(indicator);
    }
  }
}
