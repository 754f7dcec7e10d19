package dev.kasa.sigma.program;

import static dev.kasa.sigma.program.CodecFixtures.encode;
import static dev.kasa.sigma.program.CodecFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.event.EventFormat;
import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleInfo;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.SigmaRule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A program read back from its binary form ({@link ProgramCodec}) matches exactly what the program
 * compiled fresh matches, for random rules (literals, globs, regular expressions, keywords, nulls,
 * exists, filters of conditions) and events; the same rules write the same bytes; a truncated or
 * changed form is refused with {@link MalformedBinaryException} or read as a program that runs,
 * never another failure.
 */
class ProgramCodecProperties {

  @Property(tries = 150)
  void programReadBackMatchesAsTheFreshOne(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    SigmaProgram fresh = compile(set, Runnable::run);
    SigmaProgram read = read(set, encodeProgram(fresh, set), encodeAutomata(fresh));

    for (int round = 0; round < 3; round++) {
      String events = events(r);
      assertThat(matches(read, events)).isEqualTo(matches(fresh, events));
    }
    assertThat(read.rules()).isEqualTo(fresh.rules());
    assertThat(read.problems()).isEqualTo(fresh.problems());
    assertThat(read.setAside()).isEqualTo(fresh.setAside());
    assertThat(read.unmapped()).isEqualTo(fresh.unmapped());
    assertThat(read.capture()).isEqualTo(fresh.capture());
    assertThat(read.sources()).isEqualTo(fresh.sources());
    for (String source : fresh.sources()) {
      assertThat(read.dispatch(source).classCount()).isEqualTo(fresh.dispatch(source).classCount());
      assertThat(read.dispatch(source).buckets()).hasSameSizeAs(fresh.dispatch(source).buckets());
    }
  }

  /** A cache entry is keyed by content: compiled on a pool, the same rules write the same bytes. */
  @Property(tries = 40)
  void theSameRulesWriteTheSameProgramBytes(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    SigmaProgram one = compile(set, Runnable::run);
    SigmaProgram other = compile(set, ForkJoinPool.commonPool());
    assertThat(encodeProgram(other, set)).isEqualTo(encodeProgram(one, set));
    assertThat(encodeAutomata(other)).isEqualTo(encodeAutomata(one));
  }

  @Property(tries = 40)
  void aTruncatedProgramIsMalformed(@ForAll long seed, @ForAll @IntRange(max = 999) int cutPermille)
      throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    SigmaProgram fresh = compile(set, Runnable::run);
    byte[] program = encodeProgram(fresh, set);
    byte[] cut = Arrays.copyOf(program, (int) ((long) program.length * cutPermille / 1000));
    byte[] automata = encodeAutomata(fresh);
    assertThatThrownBy(() -> read(set, cut, automata)).isInstanceOf(MalformedBinaryException.class);
  }

  /**
   * Fuzzing the program reader past the entry's checksum: a form with a few bytes changed is
   * refused with {@link MalformedBinaryException} or read as a program that matches events without
   * failing (every number it holds is checked against what it names), never another exception.
   */
  @Property(tries = 300)
  void aChangedProgramIsRefusedOrRunsNeverAnotherFailure(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int changes) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    SigmaProgram fresh = compile(set, Runnable::run);
    byte[] program = changed(encodeProgram(fresh, set), changes, r);
    SigmaProgram read;
    try {
      read = read(set, program, encodeAutomata(fresh));
    } catch (MalformedBinaryException expected) {
      return; // refused: a cache miss
    }
    matches(read, events(r));
  }

  /**
   * A program read with the automata of another program (two entries' sections mixed up) is refused
   * or runs, never another failure: each bucket checks that its automata report only ids below its
   * atoms and prefiltered patterns, which the other program's need not.
   */
  @Property(tries = 200)
  void aProgramWithAnotherProgramsAutomataIsRefusedOrRuns(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    SigmaProgram fresh = compile(set, Runnable::run);
    SigmaProgram other = compile(randomSet(r), Runnable::run);
    SigmaProgram read;
    try {
      read = read(set, encodeProgram(fresh, set), encodeAutomata(other));
    } catch (MalformedBinaryException expected) {
      return;
    }
    for (int round = 0; round < 3; round++) {
      matches(read, events(r));
    }
  }

  private static byte[] changed(byte[] bytes, int changes, Random r) {
    byte[] out = bytes.clone();
    for (int i = 0; i < changes && out.length > 0; i++) {
      int at = r.nextInt(out.length);
      out[at] =
          switch (r.nextInt(4)) {
            case 0 -> (byte) r.nextInt(256);
            case 1 -> (byte) (out[at] ^ (1 << r.nextInt(8)));
            case 2 -> (byte) (out[at] + 1);
            default -> (byte) 0xFF;
          };
    }
    return out;
  }

  private static RuleSet randomSet(Random r) {
    List<SigmaRule> rules = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(8); i++) {
      SigmaRule rule = ProgramOracleProperties.rule(r, "r" + i);
      if (r.nextInt(3) == 0) {
        // Some rules under a mapped log source: several sources, dispatch trees on EventID.
        rule =
            new SigmaRule(
                new RuleInfo(
                    "p" + i,
                    null,
                    "t p" + i,
                    null,
                    "high",
                    List.of("attack.t1059.001"),
                    rule.info().position()),
                new dev.kasa.sigma.rule.LogSource("process_creation", "windows", null),
                rule.detection());
      }
      rules.add(rule);
    }
    return new RuleSet(rules, List.of(), List.of(), List.of(), 1, 0);
  }

  private static SigmaProgram compile(RuleSet set, java.util.concurrent.Executor executor) {
    return SigmaProgram.compile(
        set,
        LogSourceMap.defaults(),
        Placeholders.NONE,
        x -> Set.of(),
        executor,
        CompiledLiterals.NONE);
  }

  private static SigmaProgram read(RuleSet set, byte[] program, byte[] automata)
      throws MalformedBinaryException {
    BinaryIn automataIn = new BinaryIn(ByteBuffer.wrap(automata));
    List<LiteralAutomaton> all = ProgramCodec.readAutomata(automataIn);
    BinaryIn in = new BinaryIn(ByteBuffer.wrap(program));
    SigmaProgram read = ProgramCodec.read(in, set, Placeholders.NONE, () -> all);
    if (in.remaining() != 0) {
      throw new MalformedBinaryException("bytes left");
    }
    return read;
  }

  private static List<String> matches(SigmaProgram program, String events) {
    List<String> out = new ArrayList<>();
    for (SigmaMatch m : ProgramHarness.run(program, events, EventFormat.NDJSON, "e.json")) {
      out.add(
          m.line()
              + ":"
              + m.rule().id()
              + ":"
              + m.fields()
              + ":"
              + m.techniques()
              + ":"
              + m.keywords());
    }
    return out;
  }

  private static byte[] encodeProgram(SigmaProgram program, RuleSet set) throws IOException {
    return encode(out -> ProgramCodec.write(program, set, out));
  }

  private static byte[] encodeAutomata(SigmaProgram program) throws IOException {
    return encode(out -> ProgramCodec.writeAutomata(program, out));
  }
}
