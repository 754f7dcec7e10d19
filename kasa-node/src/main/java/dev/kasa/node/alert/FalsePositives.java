package dev.kasa.node.alert;

import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredAlert;
import dev.kasa.sighting.SightedDay;
import dev.kasa.sighting.Sighter;
import dev.kasa.sighting.SightingModel;
import dev.kasa.stix.StixWriter;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Turns an alert marked false positive into a sighting of its indicator, made by this node and
 * carrying Kasa's sighting extension ({@code false_positive: true}, docs/stix.md), stored in the
 * collection that holds the indicator. From there the existing sighting path takes it back to where
 * the indicator came from (docs/federation.md, "Sightings back").
 */
public final class FalsePositives {
  private final Store store;
  private final ObjectIntake intake;
  private final SightingModel model;
  private final Clock clock;

  public FalsePositives(Store store, ObjectIntake intake, String identityId, Clock clock) {
    this.store = store;
    this.intake = intake;
    this.model = new SightingModel(new Sighter.Identified(identityId), clock);
    this.clock = clock;
  }

  /**
   * Stores the sighting for {@code alert}, as given by {@code analyst}; alerts without a stored
   * indicator behind them (local rules, file intel) give none.
   *
   * @return the sighting's STIX id, or null when none was made
   */
  public String sight(StoredAlert alert, String analyst) {
    if (alert.collection() == null
        || alert.stixId() == null
        || !alert.stixId().startsWith("indicator--")) {
      return null;
    }
    var sighting =
        model.first(SightedDay.of(alert.stixId(), Tlp.NONE, clock.instant(), true)).toStix();
    byte[] envelope =
        ("{\"objects\":[" + StixWriter.toJson(sighting) + "]}").getBytes(StandardCharsets.UTF_8);
    ObjectIntake.Result read = intake.read(envelope, "false positive of alert " + alert.id());
    if (read.accepted().isEmpty()) {
      throw new IllegalStateException("the false-positive sighting was refused: " + read.refused());
    }
    store.ingest().add(alert.collection(), new Origin(analyst, Kind.USER), read.accepted());
    return sighting.common().id();
  }
}
