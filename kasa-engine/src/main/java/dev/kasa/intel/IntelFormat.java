package dev.kasa.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/** The intel file formats Kasa reads; see {@code docs/intel.md} for how each is recognised. */
public enum IntelFormat {
  /** A STIX 2.0 or 2.1 bundle. */
  STIX,
  /** MISP event JSON, or a MISP feed directory. */
  MISP,
  /** A plain list of values, one a line. */
  PLAIN_LIST;

  /** How many bytes of a file detection looks at. */
  static final int PEEK_BYTES = 64 * 1024;

  private static final Set<String> BARE_EVENT_KEYS =
      Set.of("Attribute", "Object", "info", "threat_level_id", "Orgc", "orgc_id", "analysis");

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
          .build();

  /**
   * Detects the format from the first bytes of a (decompressed) file. Text that does not start
   * with {@code {} or {@code [} is a plain list. A JSON object with {@code "type": "bundle"} or
   * {@code objects} is STIX; one with {@code Event}, {@code response} or event keys ({@code
   * Attribute}, {@code info}, …) is MISP; a list whose first element is such an object, or an
   * empty list, is MISP.
   *
   * @return the format, or empty for JSON that is neither (reported, not read)
   */
  static Optional<IntelFormat> detect(byte[] prefix, int length) {
    int i = 0;
    if (length >= 3
        && (prefix[0] & 0xff) == 0xef
        && (prefix[1] & 0xff) == 0xbb
        && (prefix[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < length
        && (prefix[i] == ' ' || prefix[i] == '\t' || prefix[i] == '\r' || prefix[i] == '\n')) {
      i++;
    }
    if (i == length || (prefix[i] != '{' && prefix[i] != '[')) {
      return Optional.of(PLAIN_LIST);
    }
    try (JsonParser p = JSON.createParser(prefix, i, length - i)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_ARRAY) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
          return Optional.of(MISP);
        }
        return t == JsonToken.START_OBJECT ? objectKeys(p, true) : Optional.empty();
      }
      return objectKeys(p, false);
    } catch (IOException | RuntimeException e) {
      // Truncated or malformed JSON in the prefix: nothing decisive was seen.
      return Optional.empty();
    }
  }

  private static Optional<IntelFormat> objectKeys(JsonParser p, boolean inList) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      // Decide on the key alone where it is decisive: its value may lie beyond the prefix.
      if (name.equals("Event") || BARE_EVENT_KEYS.contains(name)) {
        return Optional.of(MISP);
      }
      if (!inList && name.equals("objects")) {
        return Optional.of(STIX);
      }
      JsonToken value = p.nextToken();
      if (!inList && name.equals("response") && value == JsonToken.START_ARRAY) {
        return Optional.of(MISP);
      }
      if (!inList
          && name.equals("type")
          && value == JsonToken.VALUE_STRING
          && p.getText().equals("bundle")) {
        return Optional.of(STIX);
      }
      p.skipChildren();
    }
    return Optional.empty();
  }
}
