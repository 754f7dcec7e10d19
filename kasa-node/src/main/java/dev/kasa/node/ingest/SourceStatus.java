package dev.kasa.node.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * What one ingest source has done, as {@code GET /kasa/v1/sources} shows it.
 *
 * @param name the configured name
 * @param kind {@code syslog-udp}, {@code syslog-tcp}, {@code syslog-tls} or {@code file}
 * @param where the listening address or the tailed path
 * @param events records delivered to the sink since the node started
 * @param eventsPerSecond events per second over the last few seconds
 * @param malformed records refused (unparseable, over the size limit, lost framing)
 * @param dropped records dropped because the sink was full (UDP only; 0 for the others)
 * @param lag what is waiting: bytes not yet delivered (files) or records queued (UDP)
 * @param lastEvent when the last record was delivered, or null
 * @param connections open connections (TCP, TLS), else 0
 */
public record SourceStatus(
    String name,
    String kind,
    String where,
    long events,
    double eventsPerSecond,
    long malformed,
    long dropped,
    long lag,
    Instant lastEvent,
    int connections) {
  public SourceStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(where, "where");
  }
}
