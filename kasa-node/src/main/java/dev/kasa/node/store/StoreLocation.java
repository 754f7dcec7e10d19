package dev.kasa.node.store;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a node's store lives: a JDBC URL of SQLite ({@code jdbc:sqlite:FILE}) or PostgreSQL ({@code
 * jdbc:postgresql://...}), with the user and password PostgreSQL needs.
 *
 * @param url the JDBC URL
 * @param user the database user, or null
 * @param password the database password, or null (never logged, never in messages)
 */
public record StoreLocation(String url, String user, String password) {
  public StoreLocation {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw new KasaException(
          ErrorCode.USAGE,
          "store url must start with jdbc:sqlite: or jdbc:postgresql: but is '"
              + url.replaceAll("password=[^&]*", "password=...")
              + "'");
    }
  }

  /** The embedded default: an SQLite file. */
  public static StoreLocation sqlite(Path file) {
    return new StoreLocation("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
  }

  Dialect dialect() {
    return url.startsWith("jdbc:sqlite:") ? Dialect.SQLITE : Dialect.POSTGRESQL;
  }

  @Override
  public String toString() {
    return "StoreLocation[" + url.replaceAll("password=[^&]*", "password=...") + "]";
  }
}
