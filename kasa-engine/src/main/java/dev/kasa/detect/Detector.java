package dev.kasa.detect;

import dev.kasa.EventContext;
import dev.kasa.event.DecodedRecord;
import dev.kasa.intel.PortConstraint;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One worker's probe of an {@link IndicatorMatcher} (an index, or a layered one): the matcher is
 * shared and immutable, the scratch state reused for every record is this object's own. Not
 * thread-safe: one per worker thread.
 */
public final class Detector implements IndicatorProbe {
  private final IndicatorMatcher index;
  private final RecordMatch scratch = new RecordMatch();

  /**
   * @param index the indicators to match (an index, or a layered one), never null
   */
  public Detector(IndicatorMatcher index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  @Override
  public void match(DecodedRecord record, long fallbackTimeMillis, Consumer<Hit> hits) {
    long t =
        record.timeMillis() == DecodedRecord.NO_TIME ? fallbackTimeMillis : record.timeMillis();
    RecordMatch m = scratch;
    if (m.busy) {
      // A hit consumer that matches again with this probe gets scratch of its own.
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
          index.matchNormalized(record.type(i), normalized, t, m, m.v6);
        } else {
          index.match(record.type(i), m.value, t, m, m.v6);
        }
      }
    } finally {
      m.end();
    }
  }

  /** The state of one {@link #match} call, reused so the miss path allocates nothing. */
  private static final class RecordMatch implements IntConsumer {
    final long[] v6 = new long[2];
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
    private EventContext context;

    /** The record's context, read once and only for an address hit with a port constraint. */
    private EventContext context() {
      if (context == null) {
        context = record.context();
      }
      return context;
    }

    void begin(IndicatorMatcher index, DecodedRecord record, long time, Consumer<Hit> hits) {
      this.busy = true;
      this.index = index;
      this.record = record;
      this.time = time;
      this.hits = hits;
      this.seen = 0;
      this.context = null;
    }

    void end() {
      Arrays.fill(seenFields, 0, seen, null);
      busy = false;
      index = null;
      record = null;
      hits = null;
      field = null;
      value = null;
      context = null;
    }

    @Override
    public void accept(int entry) {
      PortConstraint port = index.port(entry);
      if (port != null && !port.heldBy(context(), value)) {
        // The address alone is not the indicator: the event must have it with the port, on the
        // constraint's side.
        return;
      }
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
