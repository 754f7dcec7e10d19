package dev.kasa.event;

import static dev.kasa.event.Captures.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZeekTsvCaptureTest {
  private static final String LOG = Scans.fixture("capture/zeek_capture.log");

  @Test
  void columnsAreCapturedByNameWithEscapesDecodedAndSetsSplit() {
    var r = Captures.scan(names("query", "answers", "id.orig_h", "rejected", "nope"), null, LOG);
    assertThat(r.of(8))
        .containsExactly(
            "TIME 1704164645123",
            "2 id.orig_h=10.0.0.5",
            "0 query=evil.example",
            "1 answers=a.example",
            "1 answers=b.example",
            "3 rejected=F");
  }

  @Test
  void unsetIsNotCapturedAndEmptyIsTheEmptyString() {
    var r = Captures.scan(names("query", "answers", "TTLs"), null, LOG);
    assertThat(r.of(9)).containsExactly("TIME 1704164646000", "1 answers=");
  }

  @Test
  void lineWithWrongFieldCountIsMalformedAndNeighboursKept() {
    var r = Captures.scan(names("query"), null, LOG);
    assertThat(r.malformed()).singleElement().asString().startsWith("10 MALFORMED expected 7");
    assertThat(r.of(11)).containsExactly("TIME 1704164648000", "0 query=ok.example");
  }

  @Test
  void allModeCapturesEveryColumnUnderItsName() {
    var r = Captures.scan(new FieldCapture(List.of("uid"), true), null, LOG);
    assertThat(r.of(11))
        .containsExactly(
            "TIME 1704164648000",
            "-1 ts=1704164648.000000",
            "0 uid=C4",
            "-1 id.orig_h=10.0.0.8",
            "-1 query=ok.example",
            "-1 answers=c.example",
            "-1 TTLs=30.0",
            "-1 rejected=F");
  }

  @Test
  void observablesAreUnchangedByCapture() {
    var plain = Scans.scan(Scans.options(), LOG);
    var captured =
        Scans.scan(
            Scans.options(),
            new FieldCapture(List.of(), true),
            new java.io.ByteArrayInputStream(new byte[0]),
            LOG);
    assertThat(captured.events).isEqualTo(plain.events);
  }
}
