package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluates a {@link SigmaProgram} against the records of one input. Not thread-safe: one per
 * worker thread; its scratch state is reused for every record.
 */
public final class SigmaEvaluator {
  private final Dispatch dispatch;
  private final String input;
  private final Scratch scratch = new Scratch();

  SigmaEvaluator(Dispatch dispatch, String input) {
    this.dispatch = dispatch;
    this.input = input;
    scratch.input = input;
  }

  /** True when some rule may apply to this input's records. */
  public boolean active() {
    return dispatch != null;
  }

  /** Calls {@code out} once for every rule {@code record} matches. */
  public void evaluate(DecodedRecord record, Consumer<SigmaMatch> out) {
    if (dispatch == null) {
      return;
    }
    Bucket bucket = dispatch.bucketFor(record);
    bucket.evaluate(record, scratch, (slot, s) -> out.accept(match(record, bucket, slot, s)));
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
