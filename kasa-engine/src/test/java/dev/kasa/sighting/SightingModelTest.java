package dev.kasa.sighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kasa.stix.StixBundle;
import dev.kasa.stix.StixEntry;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixReader;
import dev.kasa.stix.StixReaderLimits;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.StixWriter;
import dev.kasa.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SightingModelTest {
  static final String ME = "identity--4d56d28b-f3d3-46c9-abee-2cd3a8be5877";
  static final String IND = "indicator--4a1c2e3f-6b7d-4e8f-9a0b-1c2d3e4f5a6b";
  static final String IND2 = "indicator--5b2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c";
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123456Z");
  static final Instant T1 = Instant.parse("2026-11-20T08:01:20.707Z");
  static final Instant T2 = Instant.parse("2026-11-20T08:21:14.654Z");

  static SightingModel model(Instant now) {
    return new SightingModel(Sighter.identified(ME), Clock.fixed(now, ZoneOffset.UTC));
  }

  static SightedDay seen(String ref, Tlp tlp, long count, Instant first, Instant last) {
    return new SightedDay(ref, SightedDay.dayOf(first), false, tlp, count, first, last);
  }

  @Test
  void kasaUuidsAreVersion5AsRfc9562Defines() {
    // RFC 9562 / Python uuid.uuid5(NAMESPACE_DNS, "www.example.com")
    assertThat(
            KasaUuids.of(
                UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
        .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    // Python uuid.uuid5(UUID("f71cb733-ff1b-4ce9-9cd9-9bf9280bc246"), name)
    assertThat(KasaUuids.of("ünïcode|日本"))
        .isEqualTo(UUID.fromString("7396a049-c63c-568d-a359-508f78796812"));
    assertThat(KasaUuids.of("x").version()).isEqualTo(5);
    assertThat(KasaUuids.of("x").variant()).isEqualTo(2);
  }

  @Test
  void theIdIsTheNameBasedUuidOfSighterObjectDayAndVerdict() {
    SightingModel m = model(NOW);
    LocalDate day = LocalDate.of(2026, 11, 20);
    assertThat(m.idOf(IND, day, false))
        .isEqualTo("sighting--233a8fd7-4f5f-5d2e-9898-8384ed8e118c")
        .isNotEqualTo(m.idOf(IND, day, true))
        .isNotEqualTo(m.idOf(IND2, day, false))
        .isNotEqualTo(m.idOf(IND, day.plusDays(1), false))
        .isNotEqualTo(
            new SightingModel(Sighter.organisation("another"), Clock.systemUTC())
                .idOf(IND, day, false));
    Sighting one = m.first(seen(IND, Tlp.NONE, 1, T1, T1));
    Sighting many = model(NOW.plusSeconds(60)).first(seen(IND, Tlp.NONE, 7, T1, T2));
    assertThat(many.id()).isEqualTo(one.id()).isEqualTo(m.idOf(IND, day, false));
  }

  @Test
  void createdIsTheStartOfTheUtcDayAndNeverChanges() {
    Sighting v1 = model(NOW).first(seen(IND, Tlp.NONE, 3, T1, T2));
    assertThat(v1.created()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(v1.modified()).isEqualTo(Instant.parse("2026-11-25T12:00:00.123Z"));
    Sighting v2 =
        model(NOW.plusSeconds(3600))
            .add(v1, seen(IND, Tlp.NONE, 1, T2.plusSeconds(5), T2.plusSeconds(5)));
    assertThat(v2.created()).isEqualTo(v1.created());
    assertThat(v2.id()).isEqualTo(v1.id());
    assertThat(v2.modified()).isEqualTo(Instant.parse("2026-11-25T13:00:00.123Z"));
    assertThat(v2.seen().count()).isEqualTo(4);
    assertThat(v2.seen().firstSeen()).isEqualTo(T1);
    assertThat(v2.seen().lastSeen()).isEqualTo(T2.plusSeconds(5));
  }

  @Test
  void equalContentIsTheSameVersionAndAnyChangeIsANewOne() {
    Sighting v1 = model(NOW).first(seen(IND, Tlp.GREEN, 3, T1, T2));
    SightingModel later = model(NOW.plusSeconds(10));
    assertThat(later.next(v1, seen(IND, Tlp.GREEN, 3, T1, T2))).isSameAs(v1);
    assertThat(later.next(v1, seen(IND, Tlp.GREEN, 4, T1, T2)).modified())
        .isEqualTo(v1.modified().plusSeconds(10));
    assertThat(later.next(v1, seen(IND, Tlp.GREEN, 3, T1, T2.plusMillis(1))).modified())
        .isAfter(v1.modified());
    assertThat(
            later.next(v1, seen(IND, Tlp.AMBER, 3, T1, T2)).toStix().common().objectMarkingRefs())
        .containsExactly(Tlp.AMBER.markingId().orElseThrow());
  }

  @Test
  void aNewVersionIsLaterThanThePreviousEvenWhenTheClockHasNotMoved() {
    SightingModel m = model(NOW);
    Sighting v1 = m.first(seen(IND, Tlp.NONE, 1, T1, T1));
    Sighting v2 = m.add(v1, seen(IND, Tlp.NONE, 1, T1, T1));
    Sighting v3 = model(NOW.minusSeconds(5)).add(v2, seen(IND, Tlp.NONE, 1, T1, T1));
    assertThat(v2.modified()).isEqualTo(v1.modified().plusMillis(1));
    assertThat(v3.modified()).isEqualTo(v2.modified().plusMillis(1));
  }

  @Test
  void modifiedIsNeverBeforeCreatedWhenTheEventsAreAheadOfTheClock() {
    Instant future = Instant.parse("2030-01-01T10:00:00Z");
    Sighting s = model(NOW).first(seen(IND, Tlp.NONE, 1, future, future));
    assertThat(s.modified()).isEqualTo(s.created());
    assertThat(s.created()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void eventsOnSeveralUtcDaysAreOneSightingPerDay() {
    var tally = new SightingTally();
    tally.add(IND, Tlp.GREEN, Instant.parse("2026-11-20T23:59:59.999Z").toEpochMilli(), false);
    tally.add(IND2, Tlp.NONE, Instant.parse("2026-11-20T12:00:00Z").toEpochMilli(), false);
    tally.add(IND, Tlp.GREEN, Instant.parse("2026-11-21T00:00:00Z").toEpochMilli(), false);
    tally.add(IND, Tlp.GREEN, Instant.parse("2026-11-20T00:00:00Z").toEpochMilli(), false);
    tally.add(IND, Tlp.GREEN, Instant.parse("2026-11-21T05:00:00Z").toEpochMilli(), true);
    List<Sighting> sightings = model(NOW).sightings(tally);
    assertThat(sightings)
        .extracting(
            s -> s.seen().sightingOfRef(), s -> s.seen().day().toString(), s -> s.seen().count())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(IND, "2026-11-20", 2L),
            org.assertj.core.groups.Tuple.tuple(IND2, "2026-11-20", 1L),
            org.assertj.core.groups.Tuple.tuple(IND, "2026-11-21", 1L),
            org.assertj.core.groups.Tuple.tuple(IND, "2026-11-21", 1L));
    assertThat(sightings.get(0).seen().firstSeen())
        .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(sightings.get(0).seen().lastSeen())
        .isEqualTo(Instant.parse("2026-11-20T23:59:59.999Z"));
    assertThat(sightings.get(3).seen().falsePositive()).isTrue();
    assertThat(sightings).extracting(Sighting::id).doesNotHaveDuplicates();
  }

  @Test
  void aSightingIsMarkedNoWiderThanWhatItSights() {
    var tally = new SightingTally();
    tally.add(IND, Tlp.GREEN, T1.toEpochMilli(), false);
    tally.add(IND, Tlp.AMBER_STRICT, T2.toEpochMilli(), false);
    tally.add(IND, Tlp.CLEAR, T2.toEpochMilli(), false);
    tally.add(IND2, Tlp.NONE, T2.toEpochMilli(), false);
    List<Sighting> s = model(NOW).sightings(tally);
    assertThat(s.get(0).toStix().common().objectMarkingRefs())
        .containsExactly("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
    assertThat(Tlp.of(s.get(0).toStix().common())).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(s.get(1).toStix().common().objectMarkingRefs()).isNull();
    for (Tlp t : Tlp.values()) {
      Sighting one = model(NOW).first(seen(IND, t, 1, T1, T1));
      assertThat(Tlp.of(one.toStix().common())).isEqualTo(t);
    }
  }

  @Test
  void theStixSightingNamesTheSighterAndIsValid() {
    Sighting s = model(NOW).first(seen(IND, Tlp.RED, 3, T1, T2));
    StixSighting x = s.toStix();
    assertThat(x.common().createdByRef()).isEqualTo(ME);
    assertThat(x.whereSightedRefs()).containsExactly(ME);
    assertThat(x.sightingOfRef()).isEqualTo(IND);
    assertThat(x.count()).isEqualTo(3);
    assertThat(x.firstSeen().text()).isEqualTo("2026-11-20T08:01:20.707Z");
    assertThat(x.lastSeen().text()).isEqualTo("2026-11-20T08:21:14.654Z");
    assertThat(x.common().created().text()).isEqualTo("2026-11-20T00:00:00.000Z");
    assertThat(x.common().modified().text()).isEqualTo("2026-11-25T12:00:00.123Z");
    assertThat(x.other()).isEmpty();
    assertThat(readBack(List.of(x)))
        .singleElement()
        .satisfies(e -> assertThat(e.isValid()).isTrue());
  }

  @Test
  void aFalsePositiveSaysSoWithTheKasaExtensionThatTheBundleDefines() {
    SightedDay fp = new SightedDay(IND, SightedDay.dayOf(T1), true, Tlp.GREEN, 2, T1, T2);
    Sighting s = model(NOW).first(fp);
    StixSighting x = s.toStix();
    assertThat(s.id()).isNotEqualTo(model(NOW).first(seen(IND, Tlp.GREEN, 2, T1, T2)).id());
    JsonNode ext = x.other().get("extensions").get(SightingExtension.ID);
    assertThat(ext.get("extension_type").asText()).isEqualTo("property-extension");
    assertThat(ext.get("false_positive").asBoolean()).isTrue();
    List<StixObject> objects = new ArrayList<>(SightingExtension.objects());
    objects.add(x);
    List<StixEntry> entries = readBack(objects);
    assertThat(entries).allSatisfy(e -> assertThat(e.errors()).isEmpty());
    assertThat(entries.get(1).object().type()).isEqualTo("extension-definition");
    assertThat(StixWriter.toTree(entries.get(1).object()).get("created_by_ref").asText())
        .isEqualTo(entries.get(0).id());
  }

  @Test
  void anAnonymisingNodeIsNamedNowhereAndItsIdsNeedItsSecret() {
    byte[] secret = "0123456789abcdef-node-secret".getBytes(StandardCharsets.UTF_8);
    Sighter anon = Sighter.anonymous(secret);
    var m = new SightingModel(anon, Clock.fixed(NOW, ZoneOffset.UTC));
    Sighting s = m.first(seen(IND, Tlp.GREEN, 1, T1, T1));
    assertThat(s.toStix().common().createdByRef()).isNull();
    assertThat(s.toStix().whereSightedRefs()).isNull();
    assertThat(s.id())
        .isEqualTo(
            new SightingModel(Sighter.anonymous(secret.clone()), Clock.systemUTC())
                .idOf(IND, s.seen().day(), false))
        .isNotEqualTo(model(NOW).idOf(IND, s.seen().day(), false));
    byte[] other = secret.clone();
    other[0] ^= 1;
    assertThat(
            new SightingModel(Sighter.anonymous(other), Clock.systemUTC())
                .idOf(IND, s.seen().day(), false))
        .isNotEqualTo(s.id());
    assertThat(anon.toString()).doesNotContain("node-secret").hasSizeLessThan(30);
    assertThatThrownBy(() -> Sighter.anonymous(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16");
  }

  @Test
  void badValuesAreRefusedNamingThem() {
    assertThatThrownBy(() -> Sighter.identified("indicator--4a1c2e3f-6b7d-4e8f-9a0b-1c2d3e4f5a6b"))
        .hasMessageContaining("indicator--4a1c2e3f");
    assertThatThrownBy(() -> seen("not-an-id", Tlp.NONE, 1, T1, T1))
        .hasMessageContaining("not-an-id");
    assertThatThrownBy(() -> seen(IND, Tlp.NONE, 0, T1, T1)).hasMessageContaining("0");
    assertThatThrownBy(() -> seen(IND, Tlp.NONE, 1, T1, Instant.parse("2026-11-21T00:00:00Z")))
        .hasMessageContaining("2026-11-20");
    assertThatThrownBy(() -> seen(IND, Tlp.NONE, 1, T2, T1)).hasMessageContaining("before");
    SightedDay a = seen(IND, Tlp.NONE, 1, T1, T1);
    assertThatThrownBy(() -> a.plus(seen(IND2, Tlp.NONE, 1, T1, T1))).hasMessageContaining(IND2);
    Sighting v1 = model(NOW).first(a);
    assertThatThrownBy(() -> model(NOW).next(v1, seen(IND2, Tlp.NONE, 1, T1, T1)))
        .hasMessageContaining(v1.id());
    assertThatThrownBy(() -> Sighter.organisation(" ")).hasMessageContaining("name");
  }

  @Test
  void theOrganisationIdentityIsNameBased() {
    assertThat(Sighter.organisation("Kasa node").identity())
        .contains("identity--ec9df6be-673d-5c11-9b9d-c2beb1d9c424");
  }

  private static List<StixEntry> readBack(List<StixObject> objects) {
    var out = new ByteArrayOutputStream();
    StixWriter.writeBundle(
        new StixBundle("bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", objects, Map.of()), out);
    List<StixEntry> entries = new ArrayList<>();
    try (var r =
        new StixReader(
            new ByteArrayInputStream(out.toByteArray()), "back", StixReaderLimits.DEFAULT)) {
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        entries.add(e);
      }
    }
    return entries;
  }
}
