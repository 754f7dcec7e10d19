package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import dev.kasa.event.DecoderConfig;
import dev.kasa.event.FieldCapture;
import dev.kasa.sigma.match.CaseFold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluates a {@link SigmaProgram} against the records of one input. Not thread-safe: one per
 * worker thread; its scratch state is reused for every record.
 *
 * <p>Records must have been decoded with the one {@link DecoderConfig} the evaluator was made for
 * (the configuration of one detection snapshot): capture ids are positions in its capture, and a
 * record of another snapshot is refused even when its capture is equal.
 */
public final class SigmaEvaluator {
  private static final int NAMES_SHOWN = 6;

  private final Dispatch dispatch;
  private final String input;
  private final DecoderConfig config;
  private final IdleScratches scratches;
  private Scratch scratch;

  SigmaEvaluator(
      Dispatch dispatch,
      String input,
      DecoderConfig config,
      FieldCapture capture,
      IdleScratches scratches) {
    if (!config.capture().equals(capture)) {
      throw new IllegalArgumentException(
          "records of "
              + input
              + " are decoded capturing "
              + describe(config.capture())
              + " but the Sigma program captures "
              + describe(capture)
              + ": capture ids are positions in the capture, so decode with the program's"
              + " capture (DecoderConfig.of(program.capture()))");
    }
    this.dispatch = dispatch;
    this.input = input;
    this.config = config;
    this.scratches = scratches;
    if (dispatch != null) {
      scratch = scratches.take();
      scratch.input = input;
    }
  }

  /**
   * Gives this evaluator's scratch state back to its program, for the next evaluator made (the
   * memos of values it searched then serve the next batch of records). Call it when done: the
   * evaluator then refuses to evaluate ({@link IllegalStateException}); a second call does nothing.
   * Not calling it only costs the next evaluator a new state.
   */
  public void release() {
    if (scratch == null) {
      return;
    }
    scratches.give(scratch);
    scratch = null;
  }

  /** True when some rule may apply to this input's records. */
  public boolean active() {
    return dispatch != null;
  }

  /**
   * Calls {@code out} once for every rule {@code record} matches.
   *
   * @throws IllegalArgumentException if {@code record} was decoded with another configuration than
   *     this evaluator's (another snapshot's, or another capture: its ids would name other fields)
   */
  public void evaluate(DecodedRecord record, Consumer<SigmaMatch> out) {
    if (record.config() != config) {
      throw new IllegalArgumentException(
          "a record of "
              + input
              + " at line "
              + record.line()
              + " was decoded with "
              + record.config()
              + " but is evaluated for "
              + config
              + ": a record is matched only against the snapshot it was decoded for");
    }
    if (dispatch == null) {
      return;
    }
    Scratch scratch = this.scratch;
    if (scratch == null) {
      throw new IllegalStateException("SigmaEvaluator[" + input + "] was released");
    }
    Bucket bucket = dispatch.bucketFor(record, scratch.lastClass);
    // Only the event classes of rules that search every value decode every value.
    DecodedRecord r = bucket.searchesEveryValue() ? record.everyValue() : record;
    bucket.evaluate(r, scratch, (slot, s) -> out.accept(match(r, bucket, slot, s)));
  }

  private static String describe(FieldCapture c) {
    List<String> names = c.names();
    String shown =
        names.size() <= NAMES_SHOWN
            ? String.join(", ", names)
            : String.join(", ", names.subList(0, NAMES_SHOWN)) + ", …";
    return names.size() + " names [" + shown + "]" + (c.all() ? " and every field" : "");
  }

  private static SigmaMatch match(DecodedRecord r, Bucket bucket, Bucket.RuleSlot slot, Scratch s) {
    List<SigmaMatch.Field> fields = new ArrayList<>();
    List<String> keywords = new ArrayList<>();
    for (int atom : slot.shownAtoms()) {
      int i = s.isSet(atom) ? s.valueOf(atom) : -1;
      String[] words = s.isSet(atom) ? bucket.atomKeywords(atom) : null;
      if (words != null) {
        keyword(words, i >= 0 ? r.capturedValue(i) : r.rawText(), keywords);
      }
      if (i >= 0 && r.capturedValue(i) != null) {
        SigmaMatch.Field f = new SigmaMatch.Field(r.capturedName(i), r.capturedValue(i));
        if (!fields.contains(f)) {
          fields.add(f);
        }
      }
    }
    Map<String, String> context = new LinkedHashMap<>();
    slot.context()
        .forEach(
            (sigma, id) -> {
              String v = first(r, id);
              if (v != null) {
                context.put(sigma, v);
              }
            });
    return new SigmaMatch(
        slot.rule().rule().info(),
        slot.rule().techniques(),
        r.line(),
        r.timeMillis(),
        fields,
        context,
        keywords);
  }

  /**
   * Adds the first of {@code words} found in {@code text} (the value that matched, or the raw event
   * for keywords searched there): the search is redone only for an event that matched.
   */
  private static void keyword(String[] words, String text, List<String> out) {
    if (text == null) {
      return;
    }
    String folded = CaseFold.fold(text);
    for (String w : words) {
      if ((text.contains(w) || folded.contains(w)) && !out.contains(w)) {
        out.add(w);
        return;
      }
    }
  }

  private static String first(DecodedRecord r, int id) {
    if (id < 0) {
      return null;
    }
    for (int i = 0; i < r.capturedCount(); i++) {
      if (r.capturedId(i) == id && r.capturedValue(i) != null) {
        return r.capturedValue(i);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "SigmaEvaluator[" + input + "]";
  }
}
