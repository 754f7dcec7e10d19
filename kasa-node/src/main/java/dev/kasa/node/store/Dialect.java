package dev.kasa.node.store;

import java.util.List;

/** The SQL differences between the two stores, in one place. */
enum Dialect {
  SQLITE("1", "0", ""),
  POSTGRESQL("TRUE", "FALSE", " FOR UPDATE");

  private final String trueLiteral;
  private final String falseLiteral;
  private final String forUpdate;

  Dialect(String trueLiteral, String falseLiteral, String forUpdate) {
    this.trueLiteral = trueLiteral;
    this.falseLiteral = falseLiteral;
    this.forUpdate = forUpdate;
  }

  /** A literal that the partial indexes' predicates recognise. */
  String yes() {
    return trueLiteral;
  }

  String no() {
    return falseLiteral;
  }

  /**
   * Row locking for a read-modify-write in a transaction; SQLite's transactions already hold the
   * write lock (they begin IMMEDIATE).
   */
  String forUpdate() {
    return forUpdate;
  }

  /**
   * Makes SQLite read {@code alert} through the named index: without statistics its planner takes
   * an equality on the leading column of another index for selective and would visit every open
   * alert's row. PostgreSQL's planner has statistics and needs no hint.
   */
  String alertIndexedBy(String index) {
    return this == SQLITE ? " INDEXED BY " + index : "";
  }

  /**
   * Reserves {@code n} new object version ids. SQLite: the transaction holds the database's write
   * lock, so the next ids after the largest are free; PostgreSQL: from the column's sequence.
   */
  long[] allocateVersionIds(org.jdbi.v3.core.Handle h, int n) {
    long[] ids = new long[n];
    if (this == SQLITE) {
      long max =
          h.createQuery("SELECT COALESCE(MAX(ver), 0) FROM object_version").mapTo(Long.class).one();
      for (int i = 0; i < n; i++) {
        ids[i] = max + 1 + i;
      }
    } else {
      List<Long> got =
          h.createQuery(
                  "SELECT nextval(pg_get_serial_sequence('object_version', 'ver'))"
                      + " FROM generate_series(1, ?)")
              .bind(0, n)
              .mapTo(Long.class)
              .list();
      for (int i = 0; i < n; i++) {
        ids[i] = got.get(i);
      }
    }
    return ids;
  }

  /** Receives a stored version: its id, row id, key and shown version. */
  interface VersionRow {
    void accept(String stixId, long ver, String key, String version) throws java.sql.SQLException;
  }

  /** Receives a collection entry: id, row id, version key and flags. */
  interface EntryRow {
    void accept(String stixId, long ver, String key, boolean latest, boolean first)
        throws java.sql.SQLException;
  }

  /**
   * Every stored version of the ids. SQLite: one query per 500 ids; PostgreSQL: one query with an
   * array.
   */
  void forEachVersion(java.sql.Connection c, List<String> ids, VersionRow row)
      throws java.sql.SQLException {
    String sql = "SELECT stix_id, ver, version_key, version FROM object_version WHERE stix_id ";
    each(
        c,
        sql,
        ids,
        -1,
        rs -> row.accept(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
  }

  /**
   * Every entry of the collection for the ids: found through the ids' stored versions and the
   * entries' unique (col, ver), as no index of entries by id is kept (V4). CROSS JOIN keeps that
   * order in SQLite, whose planner would otherwise walk the whole collection.
   */
  void forEachEntry(java.sql.Connection c, long col, List<String> ids, EntryRow row)
      throws java.sql.SQLException {
    String sql =
        "SELECT v.stix_id, e.ver, e.version_key, e.latest, e.first FROM object_version v"
            + " CROSS JOIN collection_entry e WHERE e.col = ? AND e.ver = v.ver AND v.stix_id ";
    each(
        c,
        sql,
        ids,
        col,
        rs ->
            row.accept(
                rs.getString(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getBoolean(4),
                rs.getBoolean(5)));
  }

  private interface Row {
    void accept(java.sql.ResultSet rs) throws java.sql.SQLException;
  }

  // Ids per SQLite statement: well under its limit of bound parameters (32,766).
  private static final int SQLITE_CHUNK = 500;

  private void each(java.sql.Connection c, String sql, List<String> ids, long col, Row row)
      throws java.sql.SQLException {
    int p = col >= 0 ? 2 : 1;
    if (this == SQLITE) {
      // One statement per chunk of ids, not one per id: a bundle's thousand point queries each
      // cost a JDBC round of binding, stepping and result set set-up.
      for (int from = 0; from < ids.size(); from += SQLITE_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SQLITE_CHUNK));
        String in = "IN (" + "?,".repeat(chunk.size() - 1) + "?)";
        try (var s = c.prepareStatement(sql + in)) {
          if (col >= 0) {
            s.setLong(1, col);
          }
          for (int i = 0; i < chunk.size(); i++) {
            s.setString(p + i, chunk.get(i));
          }
          try (var rs = s.executeQuery()) {
            while (rs.next()) {
              row.accept(rs);
            }
          }
        }
      }
    } else {
      try (var s = c.prepareStatement(sql + "= ANY (?)")) {
        if (col >= 0) {
          s.setLong(1, col);
        }
        s.setArray(p, c.createArrayOf("text", ids.toArray()));
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            row.accept(rs);
          }
        }
      }
    }
  }

  /**
   * An aggregate of the origins rows aliased {@code o}: {@code kind:principal}, space-separated.
   */
  String originList(String o) {
    String item = o + ".kind || ':' || " + o + ".principal";
    return this == SQLITE ? "group_concat(" + item + ", ' ')" : "string_agg(" + item + ", ' ')";
  }

  /** A condition that the bytes column {@code column} contains the bytes bound to {@code param}. */
  String bytesContain(String column, String param) {
    return this == SQLITE
        ? "instr(" + column + ", :" + param + ") > 0"
        : "position(:" + param + " IN " + column + ") > 0";
  }

  String migrations() {
    return "classpath:dev/kasa/node/store/migration/" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
