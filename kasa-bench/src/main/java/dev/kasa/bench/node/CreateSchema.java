package dev.kasa.bench.node;

import java.sql.DriverManager;

/** Creates a PostgreSQL schema for a benchmark run. Usage: {@code CreateSchema JDBC_URL NAME}. */
public final class CreateSchema {
  private CreateSchema() {}

  public static void main(String[] args) throws Exception {
    if (!args[1].matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("schema name must be [a-z_][a-z0-9_]*: " + args[1]);
    }
    try (var c = DriverManager.getConnection(args[0]);
        var s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + args[1]);
    }
  }
}
