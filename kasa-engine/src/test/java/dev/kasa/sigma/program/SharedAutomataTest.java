package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.event.EventFormat;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A program builds each distinct literal automaton once and its buckets share it; building them on
 * several threads gives the program that building them on the caller's thread gives.
 */
class SharedAutomataTest {
  // A: every Security event. B: only 4688, so 4688 events get a bucket of A and B, the other
  // Security events one of A alone; A's CommandLine literals are the same in both.
  private static final String RULES =
      """
      title: any security
      id: a
      logsource:
        product: windows
        service: security
      detection:
        sel:
          CommandLine|contains: mimikatz
        condition: sel
      ---
      title: process creation
      id: b
      logsource:
        product: windows
        service: security
      detection:
        sel:
          EventID: 4688
          NewProcessName|endswith: \\\\rundll32.exe
        condition: sel
      ---
      """;

  @Test
  void bucketsWithTheSameLiteralsOnAFieldShareOneAutomaton() {
    SigmaProgram program = SigmaProgramTest.compile(RULES);
    List<Bucket> withA =
        program.dispatch("windows-json").buckets().stream()
            .filter(b -> b.rules.length > 0 && b.rules[0].rule().rule().info().id().equals("a"))
            .toList();
    assertThat(withA).as("a bucket for 4688 and one for the other Security events").hasSize(2);
    Set<LiteralAutomaton> first = identitySet(withA.get(0).automata());
    assertThat(withA.get(1).automata())
        .as("the CommandLine automaton is one object")
        .anyMatch(first::contains);
  }

  @Test
  void automataBuiltOnSeveralThreadsMatchAsOnTheCallersThread() throws Exception {
    RuleSet set = SigmaProgramTest.ruleSet(RULES);
    SigmaProgram here =
        SigmaProgram.compile(set, LogSourceMap.defaults(), Placeholders.NONE, r -> Set.of());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    SigmaProgram pooled;
    try {
      pooled =
          SigmaProgram.compile(
              set, LogSourceMap.defaults(), Placeholders.NONE, r -> Set.of(), pool);
    } finally {
      pool.shutdownNow();
    }
    StringBuilder events = new StringBuilder();
    String[] ids = {"4688", "4624", "1"};
    String[] lines = {"mimikatz.exe x", "nothing", "MIMIKATZ"};
    for (String id : ids) {
      for (String line : lines) {
        events.append(
            "{\"Channel\":\"Security\",\"EventID\":%s,\"CommandLine\":\"%s\",\"NewProcessName\":\"C:\\\\Windows\\\\rundll32.exe\"}\n"
                .formatted(id, line));
      }
    }
    List<String> expected = matches(here, events.toString());
    assertThat(expected).as("the events exercise both rules").contains("1:a", "1:b", "2:b");
    assertThat(matches(pooled, events.toString())).isEqualTo(expected);
  }

  private static List<String> matches(SigmaProgram program, String events) {
    return ProgramHarness.run(program, events, EventFormat.WINDOWS_JSON, "events.json").stream()
        .map(m -> m.line() + ":" + m.rule().id())
        .toList();
  }

  private static Set<LiteralAutomaton> identitySet(List<LiteralAutomaton> automata) {
    Set<LiteralAutomaton> out = Collections.newSetFromMap(new IdentityHashMap<>());
    out.addAll(automata);
    return out;
  }
}
