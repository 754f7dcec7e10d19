package dev.kasa.node.store;

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

  String migrations() {
    return "classpath:dev/kasa/node/store/migration/" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
