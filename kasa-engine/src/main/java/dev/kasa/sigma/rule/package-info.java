/**
 * The Sigma rule model: documents (rules, correlations, filters) as immutable records and sealed
 * trees, as written in the Sigma specification 2.1; the parser that builds them from YAML with
 * every problem located by file, line and column.
 */
package dev.kasa.sigma.rule;
