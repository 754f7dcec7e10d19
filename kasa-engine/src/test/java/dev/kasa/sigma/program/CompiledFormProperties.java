package dev.kasa.sigma.program;

import static dev.kasa.sigma.program.CodecFixtures.encode;
import static dev.kasa.sigma.program.CodecFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.event.EventFormat;
import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.RuleSetCodec;
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
 * The compiled form read back ({@link RuleSetCodec}, {@link CompiledLiterals}) compiles into a
 * program that matches exactly what the freshly compiled program matches, for random rules and
 * events; a truncated form is always a {@link MalformedBinaryException}, never another failure.
 */
class CompiledFormProperties {

  @Property(tries = 120)
  void programFromTheCompiledFormMatchesAsTheFreshOne(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    SigmaProgram fresh = compile(set, CompiledLiterals.NONE);

    RuleSet readSet = RuleSetCodec.read(new BinaryIn(ByteBuffer.wrap(encodeSet(set))));
    assertThat(readSet).isEqualTo(set);
    CompiledLiterals literals = readLiterals(encodeLiterals(fresh.literals()));
    assertThat(literals.size()).isEqualTo(fresh.literals().size());
    SigmaProgram cached = compile(readSet, literals);

    String events = events(r);
    assertThat(matches(cached, events)).isEqualTo(matches(fresh, events));
    assertThat(cached.problems()).isEqualTo(fresh.problems());
    assertThat(cached.setAside()).isEqualTo(fresh.setAside());
    assertThat(cached.capture()).isEqualTo(fresh.capture());
  }

  /**
   * A cache entry is keyed by content, so the same rules give the same bytes: compiled again on a
   * pool (automata built in another order), and read back and written again (the read map iterates
   * in another order than the compiled one).
   */
  @Property(tries = 40)
  void theSameRulesWriteTheSameBytes(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    byte[] automata = encodeLiterals(compile(set, CompiledLiterals.NONE).literals());
    SigmaProgram onPool =
        SigmaProgram.compile(
            set,
            LogSourceMap.defaults(),
            Placeholders.NONE,
            x -> Set.of(),
            ForkJoinPool.commonPool(),
            CompiledLiterals.NONE);
    assertThat(encodeLiterals(onPool.literals())).isEqualTo(automata);
    assertThat(encodeLiterals(readLiterals(automata))).isEqualTo(automata);
    byte[] rules = encodeSet(set);
    assertThat(encodeSet(RuleSetCodec.read(new BinaryIn(ByteBuffer.wrap(rules))))).isEqualTo(rules);
  }

  @Property(tries = 40)
  void aTruncatedFormIsMalformed(@ForAll long seed, @ForAll @IntRange(max = 999) int cutPermille)
      throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    byte[] rules = encodeSet(set);
    byte[] automata = encodeLiterals(compile(set, CompiledLiterals.NONE).literals());
    byte[] shortRules = Arrays.copyOf(rules, (int) ((long) rules.length * cutPermille / 1000));
    byte[] shortAutomata =
        Arrays.copyOf(automata, (int) ((long) automata.length * cutPermille / 1000));
    assertThatThrownBy(() -> RuleSetCodec.read(new BinaryIn(ByteBuffer.wrap(shortRules))))
        .isInstanceOf(MalformedBinaryException.class);
    assertThatThrownBy(() -> readLiterals(shortAutomata))
        .isInstanceOf(MalformedBinaryException.class);
  }

  /**
   * Fuzzing the reader: a form with a few bytes changed is read back or refused with {@link
   * MalformedBinaryException}, never another exception (the cache entry's checksum, not the reader,
   * tells a changed form from the written one).
   */
  @Property(tries = 200)
  void aChangedFormIsReadOrMalformedNeverAnotherFailure(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int changes) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    byte[] rules = changed(encodeSet(set), changes, r);
    byte[] automata =
        changed(encodeLiterals(compile(set, CompiledLiterals.NONE).literals()), changes, r);
    try {
      RuleSetCodec.read(new BinaryIn(ByteBuffer.wrap(rules)));
    } catch (MalformedBinaryException expected) {
      // refused: a cache miss
    }
    try {
      readLiterals(automata);
    } catch (MalformedBinaryException expected) {
      // refused: a cache miss
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

  @Property(tries = 20)
  void automataReadInTheBackgroundAreTheSame(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    RuleSet set = randomSet(r);
    SigmaProgram fresh = compile(set, CompiledLiterals.NONE);
    byte[] bytes = encodeLiterals(fresh.literals());
    CompiledLiterals later =
        CompiledLiterals.readOn(new BinaryIn(ByteBuffer.wrap(bytes)), ForkJoinPool.commonPool());
    assertThat(later.failure()).isNull();
    String events = events(r);
    assertThat(matches(compile(set, later), events)).isEqualTo(matches(fresh, events));

    CompiledLiterals broken =
        CompiledLiterals.readOn(
            new BinaryIn(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 1))),
            ForkJoinPool.commonPool());
    assertThat(broken.failure()).isNotNull();
    assertThat(matches(compile(set, broken), events)).isEqualTo(matches(fresh, events));
  }

  private static RuleSet randomSet(Random r) {
    List<SigmaRule> rules = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(8); i++) {
      rules.add(ProgramOracleProperties.rule(r, "r" + i));
    }
    return new RuleSet(rules, List.of(), List.of(), List.of(), 1, 0);
  }

  private static SigmaProgram compile(RuleSet set, CompiledLiterals built) {
    return SigmaProgram.compile(
        set, LogSourceMap.defaults(), Placeholders.NONE, x -> Set.of(), Runnable::run, built);
  }

  private static List<String> matches(SigmaProgram program, String events) {
    List<String> out = new ArrayList<>();
    for (SigmaMatch m : ProgramHarness.run(program, events, EventFormat.NDJSON, "e.json")) {
      out.add(m.line() + ":" + m.rule().id());
    }
    return out;
  }

  private static byte[] encodeSet(RuleSet set) throws IOException {
    return encode(out -> RuleSetCodec.write(set, out));
  }

  private static byte[] encodeLiterals(CompiledLiterals literals) throws IOException {
    return encode(literals::write);
  }

  private static CompiledLiterals readLiterals(byte[] bytes) throws MalformedBinaryException {
    BinaryIn in = new BinaryIn(ByteBuffer.wrap(bytes));
    CompiledLiterals read = CompiledLiterals.read(in);
    if (in.remaining() != 0) {
      throw new MalformedBinaryException("bytes left");
    }
    return read;
  }
}
