package dev.kasa.intel;

import java.util.Objects;

/**
 * A threat actor or intrusion set that an indicator points to.
 *
 * @param name the actor's name as published (never blank)
 * @param stixId the STIX id of the threat-actor or intrusion-set, or null when the source has none
 *     (a MISP galaxy cluster without uuid)
 * @param stateSponsored whether the source says the actor is state-sponsored (threat actor type
 *     {@code nation-state}, resource level {@code government}, or a MISP galaxy saying so)
 */
public record Actor(String name, String stixId, boolean stateSponsored) {
  public Actor {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("actor name is blank");
    }
  }
}
