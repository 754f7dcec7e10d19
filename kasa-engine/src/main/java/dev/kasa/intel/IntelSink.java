package dev.kasa.intel;

import dev.kasa.Problem;

/**
 * Receives what an importer reads. Importers call it from the thread that runs them, in input
 * order.
 */
public interface IntelSink {
  /** An indicator ready for the index. */
  void indicator(Indicator indicator);

  /** Something that did not become an indicator; the import goes on. */
  void problem(Problem problem);
}
