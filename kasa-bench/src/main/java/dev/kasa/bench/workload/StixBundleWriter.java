package dev.kasa.bench.workload;

import dev.kasa.stix.Tlp;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Writes an {@link IntelCatalog} as a STIX 2.1 bundle: the producer's identity, the TLP 2.0 marking
 * definitions, a few dozen intrusion sets, the indicators, and {@code indicates} relationships for
 * about 5% of them. One object per line, so the file stays greppable.
 */
final class StixBundleWriter {
  static final String TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
  static final String TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
  private static final String TLP_CLEAR =
      "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
  private static final String TLP_AMBER_STRICT =
      "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
  private static final String TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
  private static final String TLP_EXTENSION =
      "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
  private static final String[] INDICATOR_TYPES = {
    "malicious-activity", "attribution", "compromised", "anomalous-activity"
  };
  static final int INTRUSION_SETS = 36;
  private static final long PRODUCED = 1_745_000_000L;

  private final RandomValues r;
  private final StringBuilder sb = new StringBuilder(512);
  private int relationships;

  StixBundleWriter(RandomValues r) {
    this.r = r;
  }

  /** Writes the whole bundle; returns the number of relationships written. */
  int write(IntelCatalog intel, Writer out) throws IOException {
    String identity = "identity--" + r.uuid();
    String[] sets = new String[INTRUSION_SETS];
    out.write("{\"type\":\"bundle\",\"id\":\"bundle--" + r.uuid() + "\",\"objects\":[\n");
    out.write(
        "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\""
            + identity
            + "\",\"created\":\""
            + time(PRODUCED)
            + "\",\"modified\":\""
            + time(PRODUCED)
            + "\",\"name\":\"Allied Coalition CERT (synthetic benchmark producer)\","
            + "\"identity_class\":\"organization\",\"sectors\":[\"defense\"]}");
    writeMarking(out, TLP_CLEAR, "CLEAR", "clear");
    writeMarking(out, TLP_GREEN, "GREEN", "green");
    writeMarking(out, TLP_AMBER, "AMBER", "amber");
    writeMarking(out, TLP_AMBER_STRICT, "AMBER+STRICT", "amber+strict");
    writeMarking(out, TLP_RED, "RED", "red");
    for (int s = 0; s < INTRUSION_SETS; s++) {
      sets[s] = "intrusion-set--" + r.uuid();
      boolean state = s % 3 == 0;
      out.write(
          ",\n{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\""
              + sets[s]
              + "\",\"created_by_ref\":\""
              + identity
              + "\",\"created\":\""
              + time(PRODUCED)
              + "\",\"modified\":\""
              + time(PRODUCED)
              + "\",\"name\":\"SYNTH-"
              + (state ? "APT-" : "FIN-")
              + (10 + s)
              + "\",\"aliases\":[\"Synthetic Group "
              + (10 + s)
              + "\"],\"resource_level\":\""
              + (state ? "government" : "organization")
              + "\",\"primary_motivation\":\""
              + (state ? "dominance" : "personal-gain")
              + "\",\"object_marking_refs\":[\""
              + TLP_GREEN
              + "\"]}");
    }
    for (int i = 0; i < intel.size(); i++) {
      writeIndicator(out, intel, i, identity);
    }
    for (int i = 0; i < intel.size(); i++) {
      if (r.chance(50)) {
        writeRelationship(out, intel, i, identity, sets[r.below(INTRUSION_SETS)]);
      }
    }
    out.write("\n]}\n");
    return relationships;
  }

  private void writeMarking(Writer out, String id, String name, String level) throws IOException {
    out.write(
        ",\n{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\""
            + id
            + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:"
            + name
            + "\",\"extensions\":{\""
            + TLP_EXTENSION
            + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\""
            + level
            + "\"}}}");
  }

  private void writeIndicator(Writer out, IntelCatalog intel, int i, String identity)
      throws IOException {
    String value = intel.value(i);
    String from = time(intel.validFromSeconds(i));
    sb.setLength(0);
    sb.append(",\n{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"")
        .append(intel.id(i))
        .append("\",\"created_by_ref\":\"")
        .append(identity)
        .append("\",\"created\":\"")
        .append(from)
        .append("\",\"modified\":\"")
        .append(from)
        .append("\",\"name\":\"");
    String pattern =
        switch (intel.kind(i)) {
          case IPV4, CIDR -> {
            sb.append("Hostile infrastructure address");
            yield "[ipv4-addr:value = '" + value + "']";
          }
          case DOMAIN -> {
            sb.append("Command and control domain");
            yield "[domain-name:value = '" + value + "']";
          }
          case URL -> {
            sb.append("Payload download URL");
            yield "[url:value = '" + value + "']";
          }
          case SHA256 -> {
            sb.append("Implant file hash");
            yield "[file:hashes.'SHA-256' = '" + value + "']";
          }
        };
    sb.append("\",\"indicator_types\":[\"")
        .append(r.pick(INDICATOR_TYPES))
        .append("\"],\"pattern\":\"")
        .append(pattern)
        .append("\",\"pattern_type\":\"stix\",\"valid_from\":\"")
        .append(from)
        .append('"');
    if (intel.hasValidUntil(i)) {
      sb.append(",\"valid_until\":\"").append(time(IntelCatalog.VALID_UNTIL)).append('"');
    }
    sb.append(",\"confidence\":")
        .append(60 + r.below(40))
        .append(",\"object_marking_refs\":[\"")
        .append(intel.tlp(i) == Tlp.AMBER ? TLP_AMBER : TLP_GREEN)
        .append("\"]}");
    out.append(sb);
  }

  private void writeRelationship(Writer out, IntelCatalog intel, int i, String identity, String set)
      throws IOException {
    String created = time(intel.validFromSeconds(i));
    sb.setLength(0);
    sb.append(",\n{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--")
        .append(r.uuid())
        .append("\",\"created_by_ref\":\"")
        .append(identity)
        .append("\",\"created\":\"")
        .append(created)
        .append("\",\"modified\":\"")
        .append(created)
        .append("\",\"relationship_type\":\"indicates\",\"source_ref\":\"")
        .append(intel.id(i))
        .append("\",\"target_ref\":\"")
        .append(set)
        .append("\",\"object_marking_refs\":[\"")
        .append(TLP_GREEN)
        .append("\"]}");
    out.append(sb);
    relationships++;
  }

  /** A STIX timestamp with millisecond precision, as STIX 2.1 requires for created/modified. */
  static String time(long epochSeconds) {
    String s = Instant.ofEpochSecond(epochSeconds).toString();
    return s.substring(0, s.length() - 1) + ".000Z";
  }
}
