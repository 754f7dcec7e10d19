package dev.kasa.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import dev.kasa.event.DecodedRecord;
import dev.kasa.intel.Indicator;
import dev.kasa.intel.IntelSink;
import dev.kasa.intel.IntelVersion;
import dev.kasa.intel.MispImporter;
import dev.kasa.intel.Origin;
import dev.kasa.intel.Provenance;
import dev.kasa.intel.StixBundleImporter;
import dev.kasa.observable.ObservableType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * A hit says where the intelligence it sighted came from: the origin of the version (so that a
 * sighting can go back to the partner) and its provenance (producer, name, reports, MISP event),
 * whether the indicator is in the bulk index or in the delta in front of it.
 */
class HitProvenanceTest {
  static final String I1 = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
  static final String IDENTITY = "identity--0b2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c";
  static final String REPORT = "report--1b2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c";
  static final long AT = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();

  final List<Problem> problems = new ArrayList<>();

  static String stix(String modified, String value, String name) {
    return ("{`type`:`bundle`,`id`:`bundle--0d2d3f4a-7c8e-4f9a-8b1c-2d3e4f5a6b7c`,`objects`:["
            + "{`type`:`identity`,`spec_version`:`2.1`,`id`:`"
            + IDENTITY
            + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
            + "`name`:`Allied Cyber Command`,`identity_class`:`organization`},"
            + "{`type`:`indicator`,`spec_version`:`2.1`,`id`:`"
            + I1
            + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`"
            + modified
            + "`,`name`:`"
            + name
            + "`,`created_by_ref`:`"
            + IDENTITY
            + "`,`pattern`:`[domain-name:value = '"
            + value
            + "']`,`pattern_type`:`stix`,`valid_from`:`2024-01-01T00:00:00Z`},"
            + "{`type`:`report`,`spec_version`:`2.1`,`id`:`"
            + REPORT
            + "`,`created`:`2024-01-01T00:00:00Z`,`modified`:`2024-01-01T00:00:00Z`,"
            + "`name`:`Storm Halberd wave 2`,`report_types`:[`threat-report`],"
            + "`published`:`2024-01-01T00:00:00Z`,`object_refs`:[`"
            + I1
            + "`]}]}")
        .replace('`', '"');
  }

  void readStix(String json, String source, Origin origin, IntelSink sink) {
    new StixBundleImporter()
        .read(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), source, origin, sink);
  }

  static List<Hit> hits(IndicatorMatcher m, String domain) {
    DecodedRecord r = new DecodedRecord();
    r.reset(7);
    r.setTimeMillis(AT);
    r.add("query", ObservableType.DOMAIN, domain);
    List<Hit> hits = new ArrayList<>();
    new Detector(m).match(r, 0, hits::add);
    return hits;
  }

  @Test
  void aHitInTheBulkCarriesTheOriginAndProvenanceOfItsStixVersion() {
    var set = new IntelSet();
    readStix(
        stix("2024-01-01T00:00:00Z", "evil.example", "Beacon domain"),
        "feed.json",
        Origin.partner("bravo", "shared"),
        set.sink(problems::add));
    assertThat(problems).isEmpty();
    Hit hit = hits(set.index(), "evil.example").get(0);
    assertThat(hit.indicator().origin()).isEqualTo(Origin.partner("bravo", "shared"));
    Provenance p = hit.indicator().provenance();
    assertThat(p.source()).isEqualTo("feed.json");
    assertThat(p.producer()).isEqualTo("Allied Cyber Command");
    assertThat(p.name()).isEqualTo("Beacon domain");
    assertThat(p.reports()).containsExactly("Storm Halberd wave 2");
  }

  @Test
  void aHitInTheDeltaCarriesTheNewVersionsOriginAndProvenanceNotTheOldOnes() {
    var set = new IntelSet();
    readStix(
        stix("2024-01-01T00:00:00Z", "evil.example", "Beacon domain"),
        "a.json",
        Origin.file("a.json"),
        set.sink(problems::add));
    Executor never = task -> {};
    var live = new LiveIndicators(set, never, 1000);
    // A partner shares a newer version of the same indicator, with another value and name.
    var versions = new ArrayList<IntelVersion>();
    readStix(
        stix("2024-02-01T00:00:00Z", "other.example", "Beacon domain, moved"),
        "taxii",
        Origin.partner("bravo", "shared"),
        new IntelSink() {
          @Override
          public void version(IntelVersion v) {
            versions.add(v);
          }

          @Override
          public void indicator(Indicator i) {
            throw new AssertionError(i);
          }

          @Override
          public void problem(Problem p) {
            problems.add(p);
          }
        });
    live.apply(versions);
    assertThat(problems).isEmpty();
    assertThat(hits(live.current(), "evil.example")).as("the old version is gone").isEmpty();
    Hit hit = hits(live.current(), "other.example").get(0);
    assertThat(hit.indicator().id()).isEqualTo(I1);
    assertThat(hit.indicator().origin()).isEqualTo(Origin.partner("bravo", "shared"));
    assertThat(hit.indicator().provenance().name()).isEqualTo("Beacon domain, moved");
    assertThat(hit.indicator().provenance().source()).isEqualTo("taxii");
  }

  @Test
  void aHitOnAMispAttributeCarriesItsEvent() {
    var set = new IntelSet();
    String event =
        ("{`Event`:{`uuid`:`3f2b8c1e-5d4a-4e7b-9c1d-2a6b8e0f4c37`,`info`:`Phishing wave`,"
                + "`Orgc`:{`name`:`Summit SOC`},`Attribute`:[{`uuid`:"
                + "`4a1c2e3f-6b7d-4e8f-9a0b-1c2d3e4f5a6b`,`type`:`domain`,"
                + "`category`:`Network activity`,`comment`:`Fake portal`,`to_ids`:true,"
                + "`timestamp`:`1763470000`,`value`:`tickets.example`}]}}")
            .replace('`', '"');
    new MispImporter()
        .read(
            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
            "event.json",
            Origin.local("alice", "mine"),
            set.sink(problems::add));
    Hit hit = hits(set.index(), "tickets.example").get(0);
    assertThat(hit.indicator().origin()).isEqualTo(Origin.local("alice", "mine"));
    assertThat(hit.indicator().provenance().producer()).isEqualTo("Summit SOC");
    assertThat(hit.indicator().provenance().misp())
        .isEqualTo(
            new Provenance.MispContext(
                "Phishing wave",
                "3f2b8c1e-5d4a-4e7b-9c1d-2a6b8e0f4c37",
                "Network activity",
                "Fake portal"));
  }
}
