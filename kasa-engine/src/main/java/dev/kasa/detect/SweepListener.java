package dev.kasa.detect;

/**
 * Receives a sweep's findings, on the thread that delivers batches, in input order (a correlation
 * when it fires). What it does with them (format, store, route) is its own business.
 */
@FunctionalInterface
public interface SweepListener {
  void finding(Finding finding);
}
