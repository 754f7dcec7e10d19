package dev.kasa.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.stix.Tlp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the tags and galaxies of one MISP event or attribute say: TLP, confidence and attribution.
 * Mutable while it is being filled; {@link #merge} combines an event's view with an attribute's.
 */
final class MispTags {
  private static final Set<String> ACTOR_GALAXIES = Set.of("threat-actor", "mitre-intrusion-set");
  private static final Set<String> TECHNIQUE_GALAXIES =
      Set.of("mitre-attack-pattern", "mitre-enterprise-attack-attack-pattern");
  private static final Set<String> MALWARE_GALAXIES =
      Set.of(
          "mitre-malware",
          "mitre-enterprise-attack-malware",
          "mitre-tool",
          "mitre-enterprise-attack-tool",
          "malpedia",
          "tool",
          "ransomware",
          "backdoor",
          "rat",
          "banker",
          "stealer",
          "botnet",
          "exploit-kit");

  Tlp tlp = Tlp.NONE;
  int confidence = -1;
  final Map<String, Actor> actors = new LinkedHashMap<>();
  final Set<String> malware = new LinkedHashSet<>();
  final Set<String> techniques = new LinkedHashSet<>();

  /**
   * Reads {@code node.Galaxy[]} and {@code node.Tag[]}; galaxies first, they carry more. A tag is
   * an object with a {@code name} or a bare string, and {@code Tag} a list of them or a single one.
   * What cannot be read goes to {@code warnings} (a path below {@code path}, a message): a tag or a
   * {@code tlp:} level that cannot be read makes the TLP {@link Tlp#RED}, as it may have been.
   */
  static MispTags of(JsonNode node, String path, BiConsumer<String, String> warnings) {
    var tags = new MispTags();
    String prefix = path.isEmpty() ? "" : path + ".";
    try {
      for (JsonNode galaxy : MispFields.elements(node, "Galaxy")) {
        String galaxyType = galaxy.path("type").asText("");
        for (JsonNode cluster : MispFields.elements(galaxy, "GalaxyCluster")) {
          String type = cluster.path("type").asText(galaxyType);
          tags.cluster(type, cluster.path("value").asText(""), cluster);
        }
      }
    } catch (MispFields.Unreadable e) {
      warnings.accept(prefix + "Galaxy", e.getMessage() + "; galaxies ignored");
    }
    JsonNode list = node.path("Tag");
    if (list.isMissingNode() || list.isNull()) {
      return tags;
    }
    int unreadable = 0;
    String first = null;
    for (JsonNode tag : list.isArray() ? list : List.of(list)) {
      JsonNode name = tag.isObject() ? tag.path("name") : tag;
      if (name.isTextual()) {
        String unknown = tags.tag(name.textValue());
        if (unknown != null) {
          warnings.accept(
              prefix + "Tag",
              "unknown TLP '" + PlainListImporter.clip(unknown) + "'; taken as TLP:RED");
        }
      } else if (unreadable++ == 0) {
        first = MispFields.describe(tag);
      }
    }
    if (unreadable > 0) {
      tags.tlp = Tlp.RED;
      warnings.accept(
          prefix + "Tag",
          unreadable
              + (unreadable == 1 ? " tag" : " tags")
              + " cannot be read ("
              + first
              + "); taken as TLP:RED in case it was a TLP");
    }
    return tags;
  }

  /** The event's view refined by an attribute's: most restrictive TLP, attribute's confidence. */
  MispTags merge(MispTags attribute) {
    var m = new MispTags();
    m.tlp = tlp.max(attribute.tlp);
    m.confidence = attribute.confidence >= 0 ? attribute.confidence : confidence;
    m.actors.putAll(actors);
    attribute.actors.forEach(m.actors::putIfAbsent);
    m.malware.addAll(malware);
    m.malware.addAll(attribute.malware);
    m.techniques.addAll(techniques);
    m.techniques.addAll(attribute.techniques);
    return m;
  }

  boolean isEmpty() {
    return tlp == Tlp.NONE
        && confidence < 0
        && actors.isEmpty()
        && malware.isEmpty()
        && techniques.isEmpty();
  }

  Attribution attribution() {
    return new Attribution(
        new ArrayList<>(actors.values()),
        List.of(),
        new ArrayList<>(malware),
        new ArrayList<>(techniques));
  }

  /** Reads one tag; returns it when it is a {@code tlp:} tag of an unknown level (now RED). */
  private String tag(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("tlp:")) {
      Tlp level = Tlp.ofLabel(lower).orElse(null);
      tlp = tlp.max(level == null ? Tlp.RED : level);
      return level == null ? name : null;
    } else if (lower.startsWith("misp-galaxy:")) {
      int eq = name.indexOf('=');
      if (eq > 0) {
        String type = name.substring("misp-galaxy:".length(), eq).strip();
        cluster(type, unquote(name.substring(eq + 1)), null);
      }
    } else if (lower.startsWith("estimative-language:likelihood-probability=")) {
      int c = likelihood(unquote(lower.substring(lower.indexOf('=') + 1)));
      if (c >= 0) {
        confidence = c;
      }
    } else if (lower.startsWith("admiralty-scale:information-credibility=")) {
      int c = credibility(unquote(lower.substring(lower.indexOf('=') + 1)));
      if (c >= 0) {
        confidence = c;
      }
    }
    return null;
  }

  /** A galaxy cluster, or a {@code misp-galaxy:type="value"} tag when {@code cluster} is null. */
  private void cluster(String type, String value, JsonNode cluster) {
    String name = stripAttackId(value.strip());
    if (name.isEmpty()) {
      return;
    }
    if (ACTOR_GALAXIES.contains(type)) {
      String uuid = cluster == null ? "" : cluster.path("uuid").asText("");
      String stixId =
          MispAttributes.isUuid(uuid) ? "intrusion-set--" + uuid.toLowerCase(Locale.ROOT) : null;
      boolean state =
          cluster != null && hasValue(cluster.path("meta").path("cfr-suspected-state-sponsor"));
      actors.putIfAbsent(name, new Actor(name, stixId, state));
    } else if (TECHNIQUE_GALAXIES.contains(type)) {
      String id = techniqueId(value);
      if (id == null && cluster != null) {
        for (JsonNode ext : cluster.path("meta").path("external_id")) {
          id = id != null ? id : techniqueId(ext.asText(""));
        }
      }
      if (id != null) {
        techniques.add(id);
      }
    } else if (MALWARE_GALAXIES.contains(type)) {
      malware.add(name);
    }
  }

  private static boolean hasValue(JsonNode meta) {
    if (meta.isArray()) {
      for (JsonNode v : meta) {
        if (!v.asText("").isBlank()) {
          return true;
        }
      }
      return false;
    }
    return meta.isTextual() && !meta.asText().isBlank();
  }

  /** {@code "APT16 - G0023"} becomes {@code APT16}: the ATT&CK id is not part of the name. */
  static String stripAttackId(String value) {
    int dash = value.lastIndexOf(" - ");
    if (dash > 0 && attackId(value.substring(dash + 3).strip())) {
      return value.substring(0, dash).strip();
    }
    return value;
  }

  /** The technique id in {@code "Name - T1234.001"} or {@code "T1234"}, or null. */
  static String techniqueId(String value) {
    int dash = value.lastIndexOf(" - ");
    String id = (dash >= 0 ? value.substring(dash + 3) : value).strip();
    return id.startsWith("T") && attackId(id) ? id : null;
  }

  private static boolean attackId(String s) {
    if (s.length() < 5 || "GSTMC".indexOf(s.charAt(0)) < 0) {
      return false;
    }
    int i = 1;
    while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
    }
    if (i != 5) {
      return false;
    }
    if (i == s.length()) {
      return true;
    }
    if (s.charAt(i) != '.' || s.length() != 9) {
      return false;
    }
    for (int j = 6; j < 9; j++) {
      if (s.charAt(j) < '0' || s.charAt(j) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String unquote(String s) {
    String v = s.strip();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** STIX 2.1 appendix A, DNI scale; MISP's synonyms included. */
  static int likelihood(String v) {
    return switch (v) {
      case "almost-no-chance", "remote" -> 5;
      case "very-unlikely", "highly-improbable" -> 15;
      case "unlikely", "improbable" -> 30;
      case "roughly-even-chance", "roughly-even-odds" -> 50;
      case "likely", "probable" -> 70;
      case "very-likely", "highly-probable" -> 85;
      case "almost-certain", "nearly-certain" -> 95;
      default -> -1;
    };
  }

  /** STIX 2.1 appendix A, Admiralty credibility; 6 (cannot be judged) is unknown. */
  static int credibility(String v) {
    return switch (v) {
      case "1" -> 90;
      case "2" -> 70;
      case "3" -> 50;
      case "4" -> 30;
      case "5" -> 10;
      default -> -1;
    };
  }
}
