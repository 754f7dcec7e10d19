package dev.kasa.node.alert;

import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.EntryQuery;
import dev.kasa.node.store.EntryQuery.VersionSelector;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredAlert;
import dev.kasa.node.store.StoredEntry;
import dev.kasa.sighting.SightedDay;
import dev.kasa.sighting.Sighter;
import dev.kasa.sighting.SightingModel;
import dev.kasa.stix.StixWriter;
import dev.kasa.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Turns an alert marked false positive into a sighting of its indicator, made by this node and
 * carrying Kasa's sighting extension ({@code false_positive: true}, docs/stix.md), marked as the
 * indicator is (never wider), stored in the collection that holds the indicator. From there the
 * existing sighting path takes it back to where the indicator came from (docs/federation.md,
 * "Sightings back").
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
        model
            .first(
                SightedDay.of(
                    alert.stixId(),
                    markingOf(alert.collection(), alert.stixId()),
                    clock.instant(),
                    true))
            .toStix();
    byte[] envelope =
        ("{\"objects\":[" + StixWriter.toJson(sighting) + "]}").getBytes(StandardCharsets.UTF_8);
    ObjectIntake.Result read = intake.read(envelope, "false positive of alert " + alert.id());
    if (read.accepted().isEmpty()) {
      throw new IllegalStateException("the false-positive sighting was refused: " + read.refused());
    }
    store.ingest().add(alert.collection(), new Origin(analyst, Kind.USER), read.accepted());
    return sighting.common().id();
  }

  // The sighting is marked as its indicator is, by the most restrictive TLP among the versions
  // held (the newest's included), so that what goes back to the partner is never wider than what
  // it sights; unmarked when none of them is marked.
  private Tlp markingOf(String collection, String stixId) {
    var query =
        new EntryQuery(
            Long.MIN_VALUE, 1000, List.of(stixId), List.of(), VersionSelector.ALL, List.of());
    Tlp tlp = Tlp.NONE;
    for (StoredEntry e :
        store.reader().page(collection, query, false, e -> true).orElseThrow().entries()) {
      tlp = tlp.max(e.tlp()).max(e.newestTlp());
    }
    return tlp;
  }
}
