/**
 * Sigma correlation rules run over the matches of the rules they refer to: {@link
 * dev.kasa.sigma.correlation.CorrelationEngine} groups matches, keeps sliding or closing windows on
 * event time within fixed memory limits, and reports {@link
 * dev.kasa.sigma.correlation.CorrelationHit}s, which chained correlations consume in turn. The
 * semantics are written down in {@code docs/sigma-correlations.md}.
 */
package dev.kasa.sigma.correlation;
