package dev.kasa.detect;

import dev.kasa.event.DecodedRecord;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * An immutable snapshot of everything compiled for matching. Thread-safe: many threads may call
 * {@link #match} at once.
 */
public final class Detector {
  private static final ThreadLocal<RecordMatch> SCRATCH = ThreadLocal.withInitial(RecordMatch::new);

  private final IndicatorMatcher index;

  /**
   * @param index the indicators to match (an index, or a layered one), never null
   */
  public Detector(IndicatorMatcher index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /**
   * Matches one record. A record without a time is matched at {@code fallbackTimeMillis}. Each
   * (field, indicator id) pair yields at most one hit per record.
   */
  public void match(DecodedRecord record, long fallbackTimeMillis, Consumer<Hit> hits) {
    long t =
        record.timeMillis() == DecodedRecord.NO_TIME ? fallbackTimeMillis : record.timeMillis();
    RecordMatch m = SCRATCH.get();
    if (m.busy) {
      // A hit consumer that matches again on the same thread gets its own scratch.
      m = new RecordMatch();
    }
    m.begin(index, record, t, hits);
    try {
      for (int i = 0; i < record.size(); i++) {
        m.field = record.field(i);
        m.value = record.value(i);
        long address = record.ipv4(i);
        String normalized = record.normalized(i);
        if (address >= 0) {
          index.matchIpv4(address, t, m);
        } else if (normalized != null) {
          index.matchNormalized(record.type(i), normalized, t, m);
        } else {
          index.match(record.type(i), m.value, t, m);
        }
      }
    } finally {
      m.end();
    }
  }

  /** Per-thread state of one {@link #match} call, reused so the miss path allocates nothing. */
  private static final class RecordMatch implements IntConsumer {
    boolean busy;
    IndicatorMatcher index;
    DecodedRecord record;
    long time;
    Consumer<Hit> hits;
    String field;
    String value;
    private String[] seenFields = new String[8];
    private long[] seenIds = new long[16];
    private int seen;

    void begin(IndicatorMatcher index, DecodedRecord record, long time, Consumer<Hit> hits) {
      this.busy = true;
      this.index = index;
      this.record = record;
      this.time = time;
      this.hits = hits;
      this.seen = 0;
    }

    void end() {
      Arrays.fill(seenFields, 0, seen, null);
      busy = false;
      index = null;
      record = null;
      hits = null;
      field = null;
      value = null;
    }

    @Override
    public void accept(int entry) {
      long hi = index.idHigh(entry);
      long lo = index.idLow(entry);
      for (int i = 0; i < seen; i++) {
        if (seenIds[2 * i] == hi && seenIds[2 * i + 1] == lo && seenFields[i].equals(field)) {
          return;
        }
      }
      if (seen == seenFields.length) {
        seenFields = Arrays.copyOf(seenFields, seen * 2);
        seenIds = Arrays.copyOf(seenIds, seen * 4);
      }
      seenFields[seen] = field;
      seenIds[2 * seen] = hi;
      seenIds[2 * seen + 1] = lo;
      seen++;
      hits.accept(new Hit(record.line(), time, field, value, index.indicator(entry)));
    }
  }
}
