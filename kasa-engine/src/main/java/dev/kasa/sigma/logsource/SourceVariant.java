package dev.kasa.sigma.logsource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One way an event can belong to a rule's logsource: the event comes from one of {@code sources},
 * satisfies every entry of {@code conditions}, and the rule's field names are renamed by {@code
 * fields}. Immutable; iteration order is the order of the mapping file.
 *
 * <p>Field names in {@code conditions} keys and {@code fields} values are written as in evtx_dump
 * JSON events (the {@code evtx-json} source); a source that names a field differently translates it
 * with {@link LogSourceMap#eventField(String, String)}.
 *
 * @param name the mapping entry's name, unique in its map (e.g. {@code
 *     process_creation-security-4688})
 * @param sources the event source names it applies to ({@code evtx-json}, {@code windows-json},
 *     {@code eve}, {@code ndjson}, {@code zeek:dns}, ...); never empty
 * @param conditions field → allowed values: the event matches when, for every field, its value
 *     equals one of the values ignoring case (e.g. {@code Channel: [Security], EventID: [4688]});
 *     empty when every event of the sources belongs
 * @param fields Sigma field name → event field name, for the fields this variant renames; a field
 *     not listed keeps its name
 */
public record SourceVariant(
    String name,
    Set<String> sources,
    Map<String, List<String>> conditions,
    Map<String, String> fields) {

  public SourceVariant {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank variant name '" + name + "'");
    }
    Objects.requireNonNull(sources, "sources of " + name);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("variant " + name + " has no sources");
    }
    for (String source : sources) {
      if (source == null || source.isBlank()) {
        throw new IllegalArgumentException("variant " + name + " has a blank source: " + sources);
      }
    }
    sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
    Map<String, List<String>> conditionCopy = new LinkedHashMap<>();
    Objects.requireNonNull(conditions, "conditions of " + name)
        .forEach(
            (field, values) -> {
              if (field == null || field.isBlank() || values == null || values.isEmpty()) {
                throw new IllegalArgumentException(
                    "variant " + name + " has a bad condition " + field + ": " + values);
              }
              conditionCopy.put(field, List.copyOf(values));
            });
    conditions = Collections.unmodifiableMap(conditionCopy);
    Map<String, String> fieldCopy = new LinkedHashMap<>();
    Objects.requireNonNull(fields, "fields of " + name)
        .forEach(
            (sigma, event) -> {
              if (sigma == null || sigma.isBlank() || event == null || event.isBlank()) {
                throw new IllegalArgumentException(
                    "variant " + name + " has a bad field rename " + sigma + " -> " + event);
              }
              fieldCopy.put(sigma, event);
            });
    fields = Collections.unmodifiableMap(fieldCopy);
  }

  /** The event field that holds Sigma field {@code sigmaField} in this variant. */
  public String fieldFor(String sigmaField) {
    return fields.getOrDefault(sigmaField, sigmaField);
  }

  /** Whether events of {@code source} can belong to this variant. */
  public boolean appliesTo(String source) {
    return sources.contains(source);
  }
}
