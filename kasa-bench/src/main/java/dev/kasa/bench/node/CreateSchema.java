package dev.kasa.bench.node;

import java.sql.DriverManager;

/**
 * Creates or drops a PostgreSQL schema for a benchmark run. Usage: {@code CreateSchema JDBC_URL
 * NAME [--drop]}. Each run drops its schema at the end, so that runs do not measure a database
 * grown by earlier runs (vacuum and cache pressure from their tables).
 */
public final class CreateSchema {
  private CreateSchema() {}

  public static void main(String[] args) throws Exception {
    if (!args[1].matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("schema name must be [a-z_][a-z0-9_]*: " + args[1]);
    }
    boolean drop = args.length > 2 && args[2].equals("--drop");
    try (var c = DriverManager.getConnection(args[0]);
        var s = c.createStatement()) {
      s.execute(drop ? "DROP SCHEMA " + args[1] + " CASCADE" : "CREATE SCHEMA " + args[1]);
    }
  }
}
