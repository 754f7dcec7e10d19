package dev.kasa.cli.report;

import dev.kasa.intel.Indicator;
import dev.kasa.intel.PlainListImporter;
import dev.kasa.intel.StixPatternText;
import dev.kasa.sighting.KasaUuids;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixIndicator;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixTimestamp;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The indicator objects a share-back bundle must hold because only we have them: the {@code
 * pattern_type: sigma} indicator of every Sigma rule (or correlation) it sights, and a STIX
 * indicator for every plain-list entry it sights. Indicators read from STIX or MISP are the
 * partner's own: their ids are kept and their objects are not repeated. Every object is stable: the
 * same rule or list entry gives the same object in every run.
 */
final class SharedIndicators {
  private final String identityId;
  private final Map<String, StixObject> objects = new LinkedHashMap<>();
  private final Map<String, String> listRefs = new HashMap<>();

  /**
   * @param identityId our identity, the {@code created_by_ref} of the objects made here
   */
  SharedIndicators(String identityId) {
    this.identityId = identityId;
  }

  /** The id a sighting of {@code i} refers to: its own, or that of the list entry's object. */
  String sightedRef(Indicator i) {
    String key = i.id() + '\u0000' + i.provenance().source();
    String ref = listRefs.get(key);
    if (ref == null) {
      ref = PlainListImporter.isListIndicator(i) ? listEntry(i) : i.id();
      listRefs.put(key, ref);
    }
    return ref;
  }

  private String listEntry(Indicator i) {
    Path file = Path.of(i.provenance().source()).getFileName();
    String list = file == null ? i.provenance().source() : file.toString();
    String id =
        "indicator--"
            + KasaUuids.of("list-indicator|" + list + "|" + i.type().stixName() + "|" + i.value());
    StixTimestamp from = StixTimestamp.of(i.validFrom());
    objects.putIfAbsent(
        id,
        new StixIndicator(
            common(id, from, from, i.tlp().markingId().map(List::of).orElse(null), i.confidence()),
            i.type().stixName() + " " + i.value(),
            "Listed in " + list + ".",
            null,
            StixPatternText.of(i),
            "stix",
            "2.1",
            from,
            i.validUntil() == null ? null : StixTimestamp.of(i.validUntil()),
            Map.of()));
    return id;
  }

  /** The {@code pattern_type: sigma} indicator of {@code rule}, kept for the bundle; its id. */
  String rule(RuleInfo rule) {
    String id = ruleIndicator(rule);
    if (!objects.containsKey(id) && rule.text() != null) {
      Map<?, ?> yaml = yaml(rule.text());
      StixTimestamp created = StixTimestamp.of(day(yaml.get("date"), Instant.EPOCH));
      Instant changed = day(yaml.get("modified"), created.instant());
      StixTimestamp modified =
          changed.isAfter(created.instant()) ? StixTimestamp.of(changed) : created;
      objects.put(
          id,
          new StixIndicator(
              common(id, created, modified, null, -1),
              rule.title().isBlank() ? null : rule.title(),
              rule.description(),
              null,
              rule.text(),
              "sigma",
              null,
              created,
              null,
              Map.of()));
    }
    return id;
  }

  /**
   * A rule's indicator id: {@code indicator--} and the rule's UUID, so that every node names the
   * same rule the same way; for a rule whose id is not a UUID, the name-based UUID of its label.
   */
  static String ruleIndicator(RuleInfo rule) {
    String id = rule.id();
    try {
      if (id != null) {
        return "indicator--" + UUID.fromString(id);
      }
    } catch (IllegalArgumentException e) {
      // not a UUID: derive one below
    }
    return "indicator--" + KasaUuids.of("sigma-rule|" + rule.label());
  }

  /** The objects made so far, in the order they were first needed. */
  List<StixObject> objects() {
    return new ArrayList<>(objects.values());
  }

  private StixCommon common(
      String id,
      StixTimestamp created,
      StixTimestamp modified,
      List<String> markings,
      int confidence) {
    return new StixCommon(
        StixIndicator.TYPE,
        id,
        "2.1",
        created,
        modified,
        identityId,
        null,
        null,
        confidence < 0 ? null : confidence,
        null,
        markings,
        null);
  }

  private static Map<?, ?> yaml(String text) {
    try {
      Object doc = new Load(LoadSettings.builder().build()).loadFromString(text);
      return doc instanceof Map<?, ?> m ? m : Map.of();
    } catch (RuntimeException e) {
      // The rule compiled, so its text is YAML; a surprise only costs the dates.
      return Map.of();
    }
  }

  /** A Sigma date ({@code 2024-05-01} or {@code 2024/05/01}) as the start of its UTC day. */
  private static Instant day(Object value, Instant otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.toString().strip().replace('/', '-'))
          .atStartOfDay()
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }
}
