package dev.kasa.sigma.correlation;

/**
 * Receives correlation hits, on the thread that feeds the engine, in the order they fire. A hit of
 * a correlation that another correlation refers to is delivered here too (and also fed to that
 * other correlation); whether to report it is the caller's choice, see {@link
 * CorrelationEngine#suppressesStandalone}.
 */
@FunctionalInterface
public interface CorrelationSink {
  void hit(CorrelationHit hit);
}
