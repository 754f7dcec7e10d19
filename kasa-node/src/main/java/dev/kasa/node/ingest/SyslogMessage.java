package dev.kasa.node.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One syslog message, parsed.
 *
 * @param rfc which header layout it had: {@code 5424} or {@code 3164}
 * @param facility 0..23
 * @param severity 0..7
 * @param timestamp the header's time as ISO-8601 (RFC 3164's year-less time is placed in the year
 *     that makes it not later than a day after receipt), or null when absent
 * @param hostname null when absent ({@code -})
 * @param appName RFC 5424 APP-NAME or RFC 3164 TAG; null when absent
 * @param procId null when absent
 * @param msgId RFC 5424 only; null when absent
 * @param structuredData RFC 5424 SD elements in order: SD-ID and its parameters in order
 * @param message the MSG part (BOM dropped), decoded as UTF-8 with bad sequences replaced
 */
record SyslogMessage(
    int rfc,
    int facility,
    int severity,
    String timestamp,
    String hostname,
    String appName,
    String procId,
    String msgId,
    List<Element> structuredData,
    String message) {
  SyslogMessage {
    if (rfc != 5424 && rfc != 3164) {
      throw new IllegalArgumentException("rfc must be 5424 or 3164 but is " + rfc);
    }
    if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
      throw new IllegalArgumentException("bad facility/severity " + facility + "/" + severity);
    }
    structuredData = List.copyOf(structuredData);
    Objects.requireNonNull(message, "message");
  }

  /** One SD-ELEMENT: its id and its parameters (names may repeat; the last one is kept). */
  record Element(String id, Map<String, String> params) {
    Element {
      Objects.requireNonNull(id, "id");
      params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
  }
}
