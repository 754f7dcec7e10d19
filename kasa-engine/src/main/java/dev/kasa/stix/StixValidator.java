package dev.kasa.stix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.ErrorCode;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks the MUST rules of STIX 2.1 (sections 2-3 and each object's required properties) that the
 * typed decoding does not already enforce. STIX 2.0 content (no {@code spec_version}) is accepted
 * where 2.0 differs: indicators need no {@code pattern_type}, malware no {@code is_family}.
 * Stateless and thread-safe.
 */
public final class StixValidator {
  private static final Set<String> SCO_TYPES =
      Set.of(
          "artifact",
          "autonomous-system",
          "directory",
          "domain-name",
          "email-addr",
          "email-message",
          "file",
          "ipv4-addr",
          "ipv6-addr",
          "mac-addr",
          "mutex",
          "network-traffic",
          "process",
          "software",
          "url",
          "user-account",
          "windows-registry-key",
          "x509-certificate");
  private static final Set<String> NOT_SDO =
      Set.of(
          "relationship",
          "sighting",
          "marking-definition",
          "language-content",
          "extension-definition",
          "bundle");
  private static final Set<String> IDENTITY = Set.of("identity");
  private static final Set<String> MARKING = Set.of("marking-definition");

  private StixValidator() {}

  /**
   * All violations found in {@code o} ({@link dev.kasa.ErrorCode#INVALID_INPUT}), each located by a
   * {@link StixLocation} with its id and a JSON path under {@code path} (e.g. {@code objects[3]})
   * and no file; empty when valid.
   */
  public static List<Problem> validate(StixObject o, String path) {
    var v = new Check(o.id(), path, 0);
    boolean v21 = common(v, o);
    switch (o) {
      case StixIndicator i -> indicator(v, i, v21);
      case StixSighting s -> {
        v.required("sighting_of_ref", s.sightingOfRef());
        if (s.sightingOfRef() != null
            && v.idOf("sighting_of_ref", s.sightingOfRef(), null, false)) {
          String t = typeOf(s.sightingOfRef());
          if (SCO_TYPES.contains(t) || NOT_SDO.contains(t)) {
            v.error("sighting_of_ref", "must refer to an SDO but refers to a " + t);
          }
        }
        v.refs("observed_data_refs", s.observedDataRefs(), Set.of("observed-data"));
        v.refs("where_sighted_refs", s.whereSightedRefs(), Set.of("identity", "location"));
        v.range("count", s.count(), 0, 999_999_999);
        v.order("last_seen", s.firstSeen(), s.lastSeen(), "first_seen");
      }
      case StixObservedData d -> {
        v.required("first_observed", d.firstObserved());
        v.required("last_observed", d.lastObserved());
        v.required("number_observed", d.numberObserved());
        v.range("number_observed", d.numberObserved(), 1, 999_999_999);
        v.order("last_observed", d.firstObserved(), d.lastObserved(), "first_observed");
        if (d.objectRefs() == null && !d.other().containsKey("objects")) {
          v.error("object_refs", "is required (or, deprecated, objects)");
        }
        v.refs("object_refs", d.objectRefs(), null);
      }
      case StixIdentity x -> v.required("name", x.name());
      case StixMarkingDefinition m -> {
        v.required("created", m.common().created());
        if (m.definitionType() == null && !m.other().containsKey("extensions")) {
          v.error("definition_type", "is required unless the definition is an extension");
        }
        if (m.definitionType() != null) {
          v.required("definition", m.definition());
        }
        TlpDefinitions.check(m, v::error);
      }
      case StixIntrusionSet x -> v.required("name", x.name());
      case StixThreatActor x -> v.required("name", x.name());
      case StixCampaign x -> v.required("name", x.name());
      case StixMalware m -> {
        if (v21 && m.common().specVersion().equals("2.1")) {
          v.required("is_family", m.isFamily());
          if (Boolean.TRUE.equals(m.isFamily())) {
            v.required("name", m.name());
          }
        } else {
          v.required("name", m.name());
        }
      }
      case StixTool x -> v.required("name", x.name());
      case StixAttackPattern x -> v.required("name", x.name());
      case StixRelationship r -> relationship(v, r);
      case StixReport r -> {
        v.required("name", r.name());
        v.required("published", r.published());
        v.required("object_refs", r.objectRefs());
        v.refs("object_refs", r.objectRefs(), null);
      }
      case StixGrouping g -> {
        v.required("context", g.context());
        v.required("object_refs", g.objectRefs());
        v.refs("object_refs", g.objectRefs(), null);
      }
      case StixIpv4Addr a -> v.required("value", a.value());
      case StixIpv6Addr a -> v.required("value", a.value());
      case StixDomainName a -> v.required("value", a.value());
      case StixUrl a -> v.required("value", a.value());
      case StixEmailAddr a -> v.required("value", a.value());
      case StixFile f -> {
        if (f.name() == null && (f.hashes() == null || f.hashes().isEmpty())) {
          v.error("hashes", "a file needs hashes or a name");
        }
      }
      case StixUnknownObject u -> {}
    }
    return v.errors();
  }

  /**
   * {@link #validate} of an indicator, for the byte path's millions of them: a method of its own,
   * so that the JIT's code for indicators is not thrown away (and {@link #validate}, with every
   * type's checks, compiled again) when the bundle's other objects come after them (measured in a
   * cold load of 1M indicators: 0.8 s of C2 recompiling validate at the first relationship).
   */
  static List<Problem> validateIndicator(StixIndicator i, int index) {
    var v = new Check(i.id(), null, index);
    indicator(v, i, common(v, i));
    return v.errors();
  }

  private static void relationship(Check v, StixRelationship r) {
    v.required("relationship_type", r.relationshipType());
    v.required("source_ref", r.sourceRef());
    v.required("target_ref", r.targetRef());
    for (String p : List.of("source_ref", "target_ref")) {
      String ref = p.equals("source_ref") ? r.sourceRef() : r.targetRef();
      if (ref != null && v.idOf(p, ref, null, false) && NOT_SDO.contains(typeOf(ref))) {
        v.error(p, "must refer to an SDO or SCO but refers to a " + typeOf(ref));
      }
    }
  }

  // The checks of every object's common properties; whether it is STIX 2.1 (has spec_version).
  private static boolean common(Check v, StixObject o) {
    StixCommon c = o.common();
    v.idOf("id", c.id(), c.type(), true);
    boolean v21 = c.specVersion() != null;
    if (v21 && !c.specVersion().equals("2.1") && !c.specVersion().equals("2.0")) {
      v.error("spec_version", "must be '2.1' but is '" + c.specVersion() + "'");
    }
    // An indicator's type, the byte path's constant, skips the set's probe (a million times).
    boolean sco = c.type() != StixIndicator.TYPE && SCO_TYPES.contains(c.type());
    boolean versioned = !sco && !(o instanceof StixUnknownObject);
    if (versioned && !(o instanceof StixMarkingDefinition)) {
      v.required("created", c.created());
      v.required("modified", c.modified());
    }
    if (c.created() != null && c.modified() != null && c.modified().compareTo(c.created()) < 0) {
      v.error("modified", c.modified().text() + " is earlier than created " + c.created().text());
    }
    v.ref("created_by_ref", c.createdByRef(), IDENTITY);
    v.refs("object_marking_refs", c.objectMarkingRefs(), MARKING);
    if (c.confidence() != null && (c.confidence() < 0 || c.confidence() > 100)) {
      v.error("confidence", "must be in 0..100 but is " + c.confidence());
    }
    granular(v, c.granularMarkings());
    return v21;
  }

  private static void indicator(Check v, StixIndicator i, boolean v21) {
    v.required("pattern", i.pattern());
    if (v21) {
      v.required("pattern_type", i.patternType());
    }
    v.required("valid_from", i.validFrom());
    if (i.validFrom() != null
        && i.validUntil() != null
        && i.validUntil().compareTo(i.validFrom()) <= 0) {
      v.error(
          "valid_until",
          i.validUntil().text() + " is not after valid_from " + i.validFrom().text());
    }
  }

  /** Whether {@code id} has the form {@code <type>--<uuid>} (any case of hex digits). */
  public static boolean isIdentifier(String id) {
    // One pass from the end: the uuid has a fixed length, so its "--" must be the first one.
    int sep = id.length() - 38;
    if (sep < 1 || id.charAt(sep) != '-' || id.charAt(sep + 1) != '-') {
      return false;
    }
    char previous = 0;
    for (int i = 0; i < sep; i++) {
      char ch = id.charAt(i);
      if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-')
          || ch == '-' && previous == '-') {
        return false;
      }
      previous = ch;
    }
    if (previous == '-') {
      return false; // "x---uuid": the first "--" is not the uuid's
    }
    int u = sep + 2;
    if (id.charAt(u + 8) != '-'
        || id.charAt(u + 13) != '-'
        || id.charAt(u + 18) != '-'
        || id.charAt(u + 23) != '-') {
      return false;
    }
    // Without a branch per digit: uuids are random hex, whose digit/letter mix defeats prediction.
    // The four dashes, checked above, are the only non-hex chars allowed: they count 4.
    int notHex = 0;
    for (int i = 0; i < 36; i++) {
      char ch = id.charAt(u + i);
      notHex += NOT_HEX[ch & 127] + (ch >>> 7);
    }
    return notHex == 4;
  }

  // 1 for every char that is not a hex digit of either case (below 128; any char above is not one).
  private static final byte[] NOT_HEX = new byte[128];

  static {
    java.util.Arrays.fill(NOT_HEX, (byte) 1);
    for (char c : "0123456789abcdefABCDEF".toCharArray()) {
      NOT_HEX[c] = 0;
    }
  }

  // Whether the identifier `id` (isIdentifier holds: its type is all that precedes its uuid) is of
  // `type`; without the substring typeOf makes, as it runs for every object and reference.
  private static boolean hasType(String id, String type) {
    return id.length() - 38 == type.length() && id.startsWith(type);
  }

  private static boolean hasTypeIn(String id, Set<String> types) {
    if (types.size() == 1) {
      return hasType(id, types.iterator().next());
    }
    return types.contains(typeOf(id));
  }

  /** The type part of an identifier (whatever precedes {@code --}). */
  public static String typeOf(String id) {
    int sep = id.indexOf("--");
    return sep < 0 ? id : id.substring(0, sep);
  }

  private static void granular(Check v, JsonNode g) {
    if (g == null) {
      return;
    }
    if (!g.isArray()) {
      v.error("granular_markings", "must be a list");
      return;
    }
    for (int i = 0; i < g.size(); i++) {
      JsonNode m = g.get(i);
      String p = "granular_markings[" + i + "]";
      JsonNode ref = m.get("marking_ref");
      if (ref == null && m.get("lang") == null) {
        v.error(p, "needs marking_ref or lang");
      } else if (ref != null) {
        v.ref(p + ".marking_ref", ref.isTextual() ? ref.textValue() : ref.toString(), MARKING);
      }
      if (m.get("selectors") == null || !m.get("selectors").isArray()) {
        v.error(p + ".selectors", "is required and must be a list");
      }
    }
  }

  private static final class Check {
    // Made at the first error: nearly every object has none (a million indicators, a million
    // empty lists otherwise).
    private List<Problem> errors;
    final String id;
    // The object's path, or null for objects[index]: made at the first error, not for each of a
    // million valid indicators.
    private String path;
    private final int index;

    Check(String id, String path, int index) {
      this.id = id;
      this.path = path;
      this.index = index;
    }

    /** The errors found, in order; an empty list when none. */
    List<Problem> errors() {
      return errors == null ? List.of() : errors;
    }

    void error(String property, String message) {
      if (errors == null) {
        errors = new ArrayList<>(2);
      }
      if (path == null) {
        path = StixEntry.path(index);
      }
      errors.add(
          new Problem(
              ErrorCode.INVALID_INPUT, new StixLocation(null, id, path + "." + property), message));
    }

    void required(String property, Object value) {
      if (value == null) {
        error(property, "is required");
      }
    }

    boolean idOf(String property, String value, String expectedType, boolean self) {
      if (!isIdentifier(value)) {
        error(property, "'" + PropertyBag.clip(value) + "' is not of the form <type>--<uuid>");
        return false;
      }
      if (expectedType != null && !hasType(value, expectedType)) {
        error(property, "'" + value + "' does not start with its type '" + expectedType + "--'");
        return false;
      }
      return true;
    }

    void ref(String property, String value, Set<String> types) {
      if (value != null && types == MARKING && Tlp.ofMarkingId(value).isPresent()) {
        return; // the standard TLP ids, on nearly every object: a hash lookup, not a scan
      }
      if (value != null && idOf(property, value, null, false)) {
        if (types != null && !hasTypeIn(value, types)) {
          error(property, "'" + value + "' must refer to a " + String.join(" or ", types));
        }
      }
    }

    void refs(String property, List<String> values, Set<String> types) {
      if (values != null) {
        for (int i = 0; i < values.size(); i++) {
          String value = values.get(i);
          // The path is built only for a ref that is not a standard TLP id: on a million objects
          // the string concatenation cost more than the check.
          if (value != null && !(types == MARKING && Tlp.isStandard(value))) {
            ref(property + "[" + i + "]", value, types);
          }
        }
      }
    }

    void range(String property, Integer value, int min, int max) {
      if (value != null && (value < min || value > max)) {
        error(property, "must be in " + min + ".." + max + " but is " + value);
      }
    }

    void order(String property, StixTimestamp first, StixTimestamp last, String firstName) {
      if (first != null && last != null && last.compareTo(first) < 0) {
        error(property, last.text() + " is earlier than " + firstName + " " + first.text());
      }
    }
  }
}
