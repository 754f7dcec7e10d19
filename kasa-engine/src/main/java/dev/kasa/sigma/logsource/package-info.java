/**
 * Where a Sigma rule's events come from: the logsource map ({@code logsources.yml}, extensible by a
 * user file) that turns a rule's {@code logsource} into {@link
 * dev.kasa.sigma.logsource.SourceVariant}s (event sources, channel and EventID conditions, field
 * renames), and the placeholder values of the {@code expand} modifier. See {@code
 * docs/sigma-logsources.md}.
 */
package dev.kasa.sigma.logsource;
