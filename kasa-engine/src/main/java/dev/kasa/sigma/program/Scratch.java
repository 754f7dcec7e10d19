package dev.kasa.sigma.program;

import dev.kasa.event.DecodedRecord;
import dev.kasa.sigma.match.IdSink;
import dev.kasa.sigma.match.LineMemo;
import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The per-event state of an evaluation: which atoms hold (and by which captured value), which
 * fields are present, which rules are candidates; and what is remembered across events (memos of
 * values and lines, the last class path). Held by one evaluator at a time, reused for every event
 * and grown to the largest bucket; given back to its program's {@link IdleScratches} when the
 * evaluator's batch is done, for the next evaluator, on any thread.
 */
final class Scratch implements IdSink {
  long[] bits = new long[1];
  private int[] atomValue = new int[64];
  int[] touched = new int[64];
  int touchedCount;
  int[] candidates = new int[64];
  int candidateCount;
  private int[] ruleStamp = new int[64];
  private int[] presentStamp = new int[16];
  private int[] nonEmptyStamp = new int[16];
  int[] flagged = new int[16];
  int flaggedCount;
  private int[] flagStamp = new int[16];
  private int flagEpoch = 1;
  private int stamp = 1;
  private int atomCount;
  int value;

  /** The byte hash ({@link ValueMemo#hash}) of the captured value {@link Bucket} last looked up. */
  int bytesHash;

  /** The input being evaluated, as the scan names it (for what a fault report names). */
  String input = "";

  /**
   * Most chars the memos of one scratch hold together (all are dropped when a value would cross
   * it): a few MB a thread whatever the logs.
   */
  static final long MEMO_CHARS = 4_000_000;

  private final IdentityHashMap<Bucket, ValueMemo[]> memos = new IdentityHashMap<>();

  /** The path the last record took through a dispatch's tree (its dispatch named in it). */
  final Dispatch.Last lastClass = new Dispatch.Last();

  /** What the automata found in the lines of long values (shared by every bucket's automata). */
  final LineMemo lines = new LineMemo();

  private Bucket memoBucket;
  private ValueMemo[] bucketMemos;
  private long memoChars;

  /** While a value's atoms are recorded for its memo: those it set, and whether that is all. */
  private boolean recording;

  private boolean incomplete;
  private int[] recorded = new int[16];
  private int recordedCount;

  void begin(Bucket b, DecodedRecord r) {
    for (int k = 0; k < touchedCount; k++) {
      bits[touched[k] >>> 6] = 0;
    }
    touchedCount = 0;
    candidateCount = 0;
    atomCount = b.atomCount;
    int words = (atomCount >>> 6) + 1;
    if (bits.length < words) {
      bits = new long[words];
    }
    if (atomValue.length < atomCount) {
      atomValue = new int[atomCount];
    }
    if (ruleStamp.length < b.rules.length) {
      ruleStamp = Arrays.copyOf(ruleStamp, b.rules.length);
      candidates = new int[b.rules.length];
    }
    stamp++;
    if (stamp == Integer.MAX_VALUE) {
      Arrays.fill(ruleStamp, 0);
      Arrays.fill(presentStamp, 0);
      Arrays.fill(nonEmptyStamp, 0);
      stamp = 1;
    }
  }

  /** From the automaton: an atom id, or a prefiltered pattern (id − atomCount) to try. */
  @Override
  public void accept(int id) {
    if (id < atomCount) {
      set(id, value);
      return;
    }
    int p = id - atomCount;
    if (p >= flagStamp.length) {
      flagStamp = Arrays.copyOf(flagStamp, Math.max(p + 1, flagStamp.length * 2));
    }
    if (flagStamp[p] != flagEpoch) {
      flagStamp[p] = flagEpoch;
      if (flaggedCount == flagged.length) {
        flagged = Arrays.copyOf(flagged, flaggedCount * 2);
      }
      flagged[flaggedCount++] = p;
    }
  }

  void clearFlagged() {
    flaggedCount = 0;
    flagEpoch++;
    if (flagEpoch == Integer.MAX_VALUE) {
      Arrays.fill(flagStamp, 0);
      flagEpoch = 1;
    }
  }

  void set(int atom, int capture) {
    long mask = 1L << atom;
    int w = atom >>> 6;
    if ((bits[w] & mask) != 0) {
      already(atom);
      return;
    }
    bits[w] |= mask;
    atomValue[atom] = capture;
    if (recording) {
      if (recordedCount == recorded.length) {
        recorded = Arrays.copyOf(recorded, recordedCount * 2);
      }
      recorded[recordedCount++] = atom;
    }
    if (touchedCount == touched.length) {
      touched = Arrays.copyOf(touched, touchedCount * 2);
    }
    touched[touchedCount++] = atom;
  }

  /**
   * Notes that {@code atom}, found or tested for the value being recorded, was already set: by an
   * earlier value, the record is not all the value's atoms (a test may have been skipped for it).
   */
  void already(int atom) {
    if (recording && atomValue[atom] != value) {
      incomplete = true;
    }
  }

  /** Notes that the value being recorded did not have every test run (a fault, the budget). */
  void untested() {
    incomplete = true;
  }

  /** The memo of field index {@code field} of bucket {@code b}, made when missing. */
  ValueMemo memo(Bucket b, int field, int fields) {
    if (b != memoBucket) {
      bucketMemos = memos.computeIfAbsent(b, k -> new ValueMemo[fields]);
      memoBucket = b;
    }
    ValueMemo m = bucketMemos[field];
    if (m == null) {
      m = new ValueMemo();
      bucketMemos[field] = m;
    }
    return m;
  }

  /** Starts recording the atoms the current value sets. */
  void record() {
    recording = true;
    incomplete = false;
    recordedCount = 0;
  }

  /** Stops recording: the atoms the value set, or null when they may not be all it satisfies. */
  int[] recorded() {
    recording = false;
    return incomplete ? null : Arrays.copyOf(recorded, recordedCount);
  }

  /** Holds {@code found} in {@code memo}, within {@link #MEMO_CHARS} over every memo. */
  void remember(ValueMemo memo, String value, int hash, int[] found) {
    bound(value.length());
    memoChars += memo.put(value, hash, found);
  }

  /** {@link #remember} for a value kept by the bytes it was captured from. */
  void rememberBytes(ValueMemo memo, byte[] b, int from, int to, int hash, int[] found) {
    bound(to - from);
    memoChars += memo.putBytes(b, from, to, hash, found);
  }

  /** Empties every memo when holding {@code more} would pass {@link #MEMO_CHARS}. */
  private void bound(int more) {
    if (memoChars + more > MEMO_CHARS) {
      for (ValueMemo[] ms : memos.values()) {
        for (ValueMemo m : ms) {
          if (m != null) {
            m.clear();
          }
        }
      }
      memoChars = 0;
    }
  }

  boolean isSet(int atom) {
    return (bits[atom >>> 6] & (1L << atom)) != 0;
  }

  /** The captured-value index that first satisfied {@code atom}, or -1 (null/exists/ref). */
  int valueOf(int atom) {
    return atomValue[atom];
  }

  void candidate(int slot) {
    if (ruleStamp[slot] != stamp) {
      ruleStamp[slot] = stamp;
      candidates[candidateCount++] = slot;
    }
  }

  void present(int field) {
    grow(field);
    presentStamp[field] = stamp;
  }

  void nonEmpty(int field) {
    grow(field);
    nonEmptyStamp[field] = stamp;
  }

  boolean isNonEmpty(int field) {
    return field < nonEmptyStamp.length && nonEmptyStamp[field] == stamp;
  }

  private void grow(int field) {
    if (field >= presentStamp.length) {
      int n = Math.max(field + 1, presentStamp.length * 2);
      presentStamp = Arrays.copyOf(presentStamp, n);
      nonEmptyStamp = Arrays.copyOf(nonEmptyStamp, n);
    }
  }
}
