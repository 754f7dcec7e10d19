package dev.kasa.detect;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place where the detection state of a running engine changes: holds the current {@link
 * DetectionSnapshot} and publishes a new one atomically while matching goes on. Workers read {@link
 * #current()} once per batch and keep that snapshot for the whole batch. Thread-safe.
 */
public final class SnapshotHolder {
  private final AtomicReference<DetectionSnapshot> current;

  public SnapshotHolder(DetectionSnapshot first) {
    this.current = new AtomicReference<>(Objects.requireNonNull(first, "first"));
  }

  /** The snapshot published last. */
  public DetectionSnapshot current() {
    return current.get();
  }

  /**
   * Makes {@code next} current; batches pinned before keep their own.
   *
   * @throws IllegalArgumentException if {@code next}'s generation is not greater than the current
   *     one's (then nothing changes)
   */
  public void publish(DetectionSnapshot next) {
    Objects.requireNonNull(next, "next");
    DetectionSnapshot now;
    do {
      now = current.get();
      if (next.generation() <= now.generation()) {
        throw new IllegalArgumentException(
            "generation "
                + next.generation()
                + " published after "
                + now.generation()
                + ": generations must increase");
      }
    } while (!current.compareAndSet(now, next));
  }
}
