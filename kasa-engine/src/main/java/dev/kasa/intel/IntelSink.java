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

  /** An indicator ready for the index. */
  void indicator(Indicator indicator);

  /** Something that did not become an indicator; the import goes on. */
  void problem(Problem problem);
}
