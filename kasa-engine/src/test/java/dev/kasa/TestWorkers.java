package dev.kasa;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The executor tests hand to engine parts that run work on worker threads (daemon threads). */
public final class TestWorkers {
  private TestWorkers() {}

  /** Grows as needed; threads idle for a minute go away. */
  public static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kasa-test-worker");
            t.setDaemon(true);
            return t;
          });
}
