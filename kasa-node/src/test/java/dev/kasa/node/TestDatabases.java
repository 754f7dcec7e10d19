package dev.kasa.node;

import dev.kasa.node.store.StoreLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The stores tests run against: SQLite always; PostgreSQL when {@code -Dkasa.test.postgres} (or the
 * environment variable {@code KASA_TEST_POSTGRES}) gives a JDBC URL with user and password, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/kasa_test?user=kasa&password=kasa}. Each PostgreSQL test
 * gets a fresh schema of its own.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** The PostgreSQL URL, or null (then PostgreSQL cases are skipped with a message). */
  public static String postgresUrl() {
    String url = System.getProperty("kasa.test.postgres");
    if (url == null || url.isBlank()) {
      url = System.getenv("KASA_TEST_POSTGRES");
    }
    return url == null || url.isBlank() ? null : url;
  }

  /** "sqlite" and, when configured, "postgresql". */
  public static Stream<Arguments> kinds() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("sqlite"));
    if (postgresUrl() != null) {
      out.add(Arguments.of("postgresql"));
    } else {
      System.err.println(
          "PostgreSQL store tests skipped: set -Dkasa.test.postgres=JDBC_URL (see .ci/run)");
    }
    return out.stream();
  }

  /** A store of that kind: an SQLite file under {@code dir}, or a fresh PostgreSQL schema. */
  public static StoreLocation location(String kind, Path dir) {
    if (kind.equals("sqlite")) {
      return StoreLocation.sqlite(dir.resolve("test-store.db"));
    }
    String base = postgresUrl();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (var c = DriverManager.getConnection(base);
        var s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make a PostgreSQL schema: " + e.getMessage(), e);
    }
    return new StoreLocation(
        base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null);
  }

  /** Points a node directory's kasa.yml at {@code store}. */
  static void useStore(Path dir, StoreLocation store) {
    try {
      Path yml = dir.resolve("kasa.yml");
      String text = Files.readString(yml);
      Files.writeString(
          yml, text.replace("url: jdbc:sqlite:store.db", "url: \"" + store.url() + "\""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
