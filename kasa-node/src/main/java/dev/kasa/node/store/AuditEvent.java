package dev.kasa.node.store;

import java.util.List;
import java.util.Objects;

/**
 * Something to record in the audit chain: a crossing (objects served, pushed, relayed, received,
 * refused) or a change of partners, grants, communities, recipients or links.
 *
 * @param kind what happened, e.g. {@code serve}, {@code refuse}, {@code grant}
 * @param principal the partner or user it concerns, or null
 * @param collection the collection's UUID, or null
 * @param rule the sharing rule that decided (refusals, relays), or null
 * @param objects the STIX ids it carried or concerned, possibly empty
 * @param detail more, as a JSON object text, or null
 */
public record AuditEvent(
    String kind,
    String principal,
    String collection,
    String rule,
    List<String> objects,
    String detail) {
  public AuditEvent {
    Objects.requireNonNull(kind, "kind");
    objects = List.copyOf(objects);
    for (String id : objects) {
      if (id.isEmpty() || id.indexOf(' ') >= 0) {
        throw new IllegalArgumentException("an audited object id has no spaces: '" + id + "'");
      }
    }
  }

  /** An event that carries no objects. */
  public static AuditEvent of(String kind, String principal, String collection, String detail) {
    return new AuditEvent(kind, principal, collection, null, List.of(), detail);
  }
}
