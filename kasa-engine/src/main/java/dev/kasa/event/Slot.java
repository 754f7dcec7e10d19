package dev.kasa.event;

/**
 * What the decoder does with one field path: report it under {@code role} (nullable), and/or feed
 * URL composition pair {@code pairHost}/{@code pairPath} (-1 when none). Immutable.
 */
record Slot(String field, Role role, int timeRank, int pairHost, int pairPath) {
  static Slot of(String field, Role role, int timeRank) {
    return new Slot(field, role, timeRank, -1, -1);
  }

  Slot withRole(Role newRole, int rank) {
    return new Slot(field, newRole, rank, pairHost, pairPath);
  }

  Slot withPairHost(int pair) {
    return new Slot(field, role, timeRank, pair, pairPath);
  }

  Slot withPairPath(int pair) {
    return new Slot(field, role, timeRank, pairHost, pair);
  }
}
