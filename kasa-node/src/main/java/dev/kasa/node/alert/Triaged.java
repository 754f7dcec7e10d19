package dev.kasa.node.alert;

import dev.kasa.node.asset.AssetTouch;
import java.util.Objects;

/**
 * What triage made of one finding: the alert group it belongs to and the alert's fields.
 *
 * @param detection {@code indicator:<STIX id>} or {@code rule:<rule id, name or title>}
 * @param title what analysts see as the detection's name
 * @param asset the most specific protected asset touched, or null
 * @param side which side of the connection that asset was on, or null without an asset
 * @param sector the asset's sector label, or null
 * @param actor the first attributed actor's name, or null
 * @param stateSponsored whether an attributed actor is state-sponsored
 * @param priority by {@link Priority}'s rule
 */
public record Triaged(
    String detection,
    String title,
    String asset,
    AssetTouch.Side side,
    String sector,
    String actor,
    boolean stateSponsored,
    Priority priority) {
  public Triaged {
    Objects.requireNonNull(detection, "detection");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    if ((asset == null) != (side == null)) {
      throw new IllegalArgumentException("asset " + asset + " and side " + side + " go together");
    }
  }
}
