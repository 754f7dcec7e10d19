package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import dev.kasa.event.FieldCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluates a {@link SigmaProgram} against the records of one input. Not thread-safe: one per
 * worker thread; its scratch state is reused for every record.
 *
 * <p>Records must have been decoded with the program's {@link SigmaProgram#capture()}: capture ids
 * are positions in it, and under another capture they name other fields.
 */
public final class SigmaEvaluator {
  private static final int NAMES_SHOWN = 6;

  private final Dispatch dispatch;
  private final String input;
  private final FieldCapture capture;
  private final Scratch scratch = new Scratch();

  /** The capture instance last found equal to {@link #capture}: one reference compare a record. */
  private FieldCapture agreed;

  SigmaEvaluator(Dispatch dispatch, String input, FieldCapture capture) {
    this.dispatch = dispatch;
    this.input = input;
    scratch.input = input;
    this.capture = capture;
    this.agreed = capture;
  }

  /** True when some rule may apply to this input's records. */
  public boolean active() {
    return dispatch != null;
  }

  /**
   * Calls {@code out} once for every rule {@code record} matches.
   *
   * @throws IllegalArgumentException if {@code record} was decoded with another capture than the
   *     program's (its capture ids would be read as other fields)
   */
  public void evaluate(DecodedRecord record, Consumer<SigmaMatch> out) {
    if (record.capture() != agreed) {
      agree(record.capture());
    }
    if (dispatch == null) {
      return;
    }
    Bucket bucket = dispatch.bucketFor(record);
    bucket.evaluate(record, scratch, (slot, s) -> out.accept(match(record, bucket, slot, s)));
  }

  private void agree(FieldCapture other) {
    if (!other.equals(capture)) {
      throw new IllegalArgumentException(
          "a record of "
              + input
              + " was decoded capturing "
              + describe(other)
              + " but is evaluated by a Sigma program that captures "
              + describe(capture)
              + ": capture ids are positions in the capture, so decode with the program's"
              + " capture (ScanOptions.withCapture(program.capture()))");
    }
    agreed = other;
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
    for (int atom : slot.shownAtoms()) {
      int i = s.isSet(atom) ? s.valueOf(atom) : -1;
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
        context);
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
