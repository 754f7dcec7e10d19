package dev.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.Location.EventLocation;
import dev.kasa.Location.FilePosition;
import dev.kasa.Location.JsonLocation;
import dev.kasa.Location.RuleLocation;
import dev.kasa.Location.StixLocation;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Locations and problems render as reports have always printed them. */
class ProblemTest {
  @Test
  void filePositionsLeaveOutWhatIsUnknown() {
    assertThat(FilePosition.of("feed.txt")).hasToString("feed.txt");
    assertThat(new FilePosition("list.txt", 2, 0)).hasToString("list.txt:2");
    assertThat(new FilePosition("a.yml", 12, 5)).hasToString("a.yml:12:5");
    assertThatThrownBy(() -> new FilePosition("a.yml", -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1:0 in a.yml");
  }

  @Test
  void jsonAndStixLocationsAreTheFileAndAPath() {
    assertThat(new JsonLocation("e.json", "Event.Attribute[3]"))
        .hasToString("e.json#Event.Attribute[3]");
    assertThat(new JsonLocation("e.json", "")).hasToString("e.json");
    String id = "indicator--a932fcc6-e032-476c-826f-cb970a5a1ade";
    assertThat(new StixLocation("b.json", id, "objects[3].pattern"))
        .hasToString("b.json#objects[3].pattern");
    assertThat(new StixLocation("b.json", id, null)).hasToString("b.json#" + id);
    assertThat(new StixLocation(null, id, "objects[3].id"))
        .hasToString("objects[3].id (" + id + ")");
    assertThat(new StixLocation(null, null, "objects")).hasToString("objects");
    assertThat(new StixLocation(null, id, "objects[3]").in("b.json"))
        .isEqualTo(new StixLocation("b.json", id, "objects[3]"));
    assertThatThrownBy(() -> new StixLocation("b.json", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventsAreTheirSourceAndLine() {
    EventRef e = new EventRef("conn.log", 1042, 1_700_000_000_000L);
    assertThat(new EventLocation(e)).hasToString("conn.log:1042");
    assertThat(EventRef.untimed("-", 0)).hasToString("-");
    assertThat(EventRef.untimed("x", 3).timeMillis()).isEqualTo(EventRef.NO_TIME);
    assertThatThrownBy(() -> new EventRef("f", -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void ruleLocationsNameTheRuleAfterThePosition() {
    FilePosition at = new FilePosition("bad/b.yml", 8, 34);
    assertThat(new RuleLocation(at, "7c5f")).hasToString("bad/b.yml:8:34: rule 7c5f");
    assertThat(Location.inRule(at, "7c5f")).isEqualTo(new RuleLocation(at, "7c5f"));
    assertThat(Location.inRule(at, null)).isSameAs(at);
    assertThat(Location.NOWHERE).hasToString("");
  }

  @Test
  void aProblemPrintsWhereWhatAndItsLabel() {
    Problem p =
        new Problem(
            ErrorCode.BAD_CONDITION,
            new RuleLocation(new FilePosition("b.yml", 8, 34), "7c5f"),
            "unknown search identifier 'filter'");
    assertThat(p.text()).isEqualTo("b.yml:8:34: rule 7c5f: unknown search identifier 'filter'");
    assertThat(p)
        .hasToString("b.yml:8:34: rule 7c5f: unknown search identifier 'filter' [bad-condition]");
    assertThat(p.severity()).isEqualTo(ErrorCode.Severity.ERROR);
    assertThat(p.category()).isEqualTo(ErrorCode.Category.INVALID_INPUT);
    assertThat(Problem.of(ErrorCode.USAGE, "give --intel").text()).isEqualTo("give --intel");
    assertThat(p.at(FilePosition.of("c.yml")).text())
        .isEqualTo("c.yml: unknown search identifier 'filter'");
    assertThat(ErrorCode.UNKNOWN_PLACEHOLDER.severity()).isEqualTo(ErrorCode.Severity.WARNING);
  }

  @Test
  void kasaExceptionsCarryTheirProblem() {
    Problem p = new Problem(ErrorCode.INVALID_INPUT, FilePosition.of("f.txt"), "bad line");
    IOException cause = new IOException("x");
    KasaException e = new KasaException(p, cause);
    assertThat(e.problem()).isEqualTo(p);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e).hasMessage("f.txt: bad line").hasCause(cause);
    KasaException plain = new KasaException(ErrorCode.USAGE, "no such file: x");
    assertThat(plain.problem()).isEqualTo(Problem.of(ErrorCode.USAGE, "no such file: x"));
    assertThat(plain).hasMessage("no such file: x");
  }
}
