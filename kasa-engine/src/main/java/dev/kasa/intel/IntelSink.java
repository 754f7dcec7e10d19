package dev.kasa.intel;

import dev.kasa.Problem;

/**
 * Receives what an importer reads. Importers call it from the thread that runs them, in input
 * order.
 */
public interface IntelSink {
  /**
   * One version of an indicator, as importers deliver them. By default its observables go to {@link
   * #indicator} one by one, marked revoked when the version is; a sink that keeps versions (an
   * intelligence set, where a newer version supersedes an older one) overrides this.
   */
  default void version(IntelVersion version) {
    for (Indicator i : version.observables()) {
      indicator(version.revoked() && !i.revoked() ? i.withRevoked() : i);
    }
  }

  /**
   * A run of versions of a STIX load, in load order. By default each refused version goes to {@link
   * #problem} and each other one to {@link #version} as a record; a sink that {@link #takesColumns}
   * overrides this to read the versions without records.
   */
  default void versions(VersionColumns versions) {
    for (int v = 0; v < versions.size(); v++) {
      Problem refusal = versions.refusal(v);
      if (refusal != null) {
        problem(refusal);
      } else {
        version(versions.version(v));
      }
    }
  }

  /**
   * Whether this sink's {@link #versions} reads the columns itself, so that the load need not make
   * the records (false by default: then the load makes them beside the caller, on a worker). A sink
   * that wraps another and overrides {@link #versions} to pass the columns on answers as it does.
   */
  default boolean takesColumns() {
    return false;
  }

  /**
   * Says that about {@code versions} versions with {@code observables} observables in all are about
   * to be delivered, so that a sink that keeps them can make room once instead of growing step by
   * step. Only a hint: the count delivered may differ. Does nothing by default.
   */
  default void expect(int versions, int observables) {}

  /** An indicator ready for the index. */
  void indicator(Indicator indicator);

  /** Something that did not become an indicator; the import goes on. */
  void problem(Problem problem);
}
