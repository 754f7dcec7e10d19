package dev.kasa.intel;

import dev.kasa.stix.ExternalReference;
import dev.kasa.stix.StixAttackPattern;
import dev.kasa.stix.StixCampaign;
import dev.kasa.stix.StixIntrusionSet;
import dev.kasa.stix.StixMalware;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixRelationship;
import dev.kasa.stix.StixThreatActor;
import dev.kasa.stix.StixTool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Collects the objects and relationships of a bundle that attribute indicators, in any order, and
 * resolves an indicator's {@link Attribution} once the bundle has been read. Equal attributions are
 * one shared instance. Not thread-safe; one per import.
 */
final class StixAttributionResolver {
  private enum Role {
    ACTOR,
    CAMPAIGN,
    MALWARE,
    TECHNIQUE
  }

  private record Target(Role role, String name, Actor actor) {}

  private final Map<String, Target> targets = new HashMap<>();
  private final Map<String, String> techniqueNames = new HashMap<>();
  private final Map<String, List<String>> indicates = new HashMap<>();
  private final Map<String, List<String>> attributedTo = new HashMap<>();
  private final Map<List<String>, Attribution> byTargets = new HashMap<>();
  private final Map<Attribution, Attribution> interned = new HashMap<>();
  // The attributions by indicator uuid (prepare), null after a change.
  private IndicatorIdMap<Attribution> byUuid;

  /** Takes note of an object if it matters for attribution; revoked ones are ignored. */
  void accept(StixObject o) {
    byUuid = null;
    if (o.common().isRevoked()) {
      return;
    }
    switch (o) {
      case StixIntrusionSet s -> actor(s.id(), s.name(), "government".equals(s.resourceLevel()));
      case StixThreatActor t ->
          actor(
              t.id(),
              t.name(),
              "government".equals(t.resourceLevel())
                  || (t.threatActorTypes() != null
                      && t.threatActorTypes().contains("nation-state")));
      case StixCampaign c -> targets.put(c.id(), new Target(Role.CAMPAIGN, c.name(), null));
      case StixMalware m -> named(m.id(), Role.MALWARE, m.name());
      case StixTool t -> named(t.id(), Role.MALWARE, t.name());
      case StixAttackPattern a -> {
        String technique = techniqueOf(a);
        if (technique != null) {
          targets.put(a.id(), new Target(Role.TECHNIQUE, technique, null));
          if (a.name() != null && !a.name().isBlank()) {
            techniqueNames.put(technique, a.name());
          }
        }
      }
      case StixRelationship r -> relationship(r);
      default -> {}
    }
  }

  /** The attribution of an indicator; {@link Attribution#NONE} when nothing points anywhere. */
  Attribution resolve(String indicatorId) {
    List<String> to = indicates.get(indicatorId);
    if (to == null) {
      return Attribution.NONE;
    }
    return byTargets.computeIfAbsent(to, this::build);
  }

  /**
   * The attribution of the indicator whose id has the uuid {@code hi}, {@code lo} ({@link
   * IndicatorIdMap#high}, {@link IndicatorIdMap#low}): the same as {@link #resolve(String)} of that
   * id, without making the id string. Once {@link #prepare} has been called after the last {@link
   * #accept}, this only reads, and so may be called from several threads at once.
   */
  Attribution resolve(long hi, long lo) {
    if (byUuid == null) {
      prepare();
    }
    Attribution a = byUuid.get(hi, lo);
    return a == null ? Attribution.NONE : a;
  }

  /** Resolves the attribution of every indicator that something points to, for lookups by uuid. */
  void prepare() {
    var map = new IndicatorIdMap<Attribution>();
    indicates.forEach((id, to) -> map.put(id, byTargets.computeIfAbsent(to, this::build)));
    byUuid = map;
  }

  private Attribution build(List<String> to) {
    var actors = new LinkedHashSet<Actor>();
    var campaigns = new LinkedHashSet<String>();
    var malware = new LinkedHashSet<String>();
    var techniques = new LinkedHashSet<String>();
    for (String id : to) {
      Target t = targets.get(id);
      if (t == null) {
        continue;
      }
      switch (t.role()) {
        case ACTOR -> actors.add(t.actor());
        case CAMPAIGN -> {
          campaigns.add(t.name());
          for (String a : attributedTo.getOrDefault(id, List.of())) {
            Target actor = targets.get(a);
            if (actor != null && actor.role() == Role.ACTOR) {
              actors.add(actor.actor());
            }
          }
        }
        case MALWARE -> malware.add(t.name());
        case TECHNIQUE -> techniques.add(t.name());
      }
    }
    var a =
        new Attribution(
            List.copyOf(actors),
            List.copyOf(campaigns),
            List.copyOf(malware),
            List.copyOf(techniques),
            names(techniques));
    return a.isEmpty() ? Attribution.NONE : interned.computeIfAbsent(a, x -> x);
  }

  private java.util.Map<String, String> names(java.util.Set<String> techniques) {
    var names = new java.util.LinkedHashMap<String, String>();
    for (String t : techniques) {
      String name = techniqueNames.get(t);
      if (name != null) {
        names.put(t, name);
      }
    }
    return names;
  }

  private void relationship(StixRelationship r) {
    String type = r.relationshipType();
    if ("indicates".equals(type) && r.sourceRef().startsWith("indicator--")) {
      add(indicates, r.sourceRef(), r.targetRef());
    } else if ("attributed-to".equals(type) && r.sourceRef().startsWith("campaign--")) {
      add(attributedTo, r.sourceRef(), r.targetRef());
    }
  }

  private static void add(Map<String, List<String>> map, String from, String to) {
    List<String> list = map.computeIfAbsent(from, k -> new ArrayList<>(1));
    if (!list.contains(to)) {
      list.add(to);
    }
  }

  private void actor(String id, String name, boolean stateSponsored) {
    if (name != null && !name.isBlank()) {
      targets.put(id, new Target(Role.ACTOR, name, new Actor(name, id, stateSponsored)));
    }
  }

  private void named(String id, Role role, String name) {
    if (name != null && !name.isBlank()) {
      targets.put(id, new Target(role, name, null));
    }
  }

  private static String techniqueOf(StixAttackPattern a) {
    if (a.common().externalReferences() == null) {
      return null;
    }
    for (ExternalReference r : a.common().externalReferences()) {
      if ("mitre-attack".equals(r.sourceName()) && r.externalId() != null) {
        return r.externalId();
      }
    }
    return null;
  }
}
