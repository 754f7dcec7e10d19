package dev.kasa.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The speed limit issue 14 measures Kasa against: Jackson's streaming parser reading every token of
 * the same files and decoding every string (field names and values), one task per file on a pool of
 * the given size. What it returns is a checksum of the decoded text so that nothing is optimised
 * away.
 */
final class JacksonReference {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JacksonReference() {}

  /** The result of one pass: wall seconds, root values (events) read, bytes read. */
  record Pass(double seconds, long events, long bytes, long checksum) {}

  static Pass read(List<Path> files, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<long[]>> parts = new ArrayList<>();
      for (Path file : files) {
        parts.add(pool.submit(() -> readFile(file)));
      }
      long events = 0;
      long bytes = 0;
      long checksum = 0;
      for (Future<long[]> part : parts) {
        long[] r = part.get();
        events += r[0];
        bytes += r[1];
        checksum += r[2];
      }
      return new Pass((System.nanoTime() - start) / 1e9, events, bytes, checksum);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] readFile(Path file) {
    long events = 0;
    long checksum = 0;
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = FACTORY.createParser(in)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> {
            if (--depth == 0) {
              events++;
            }
          }
          case FIELD_NAME, VALUE_STRING -> checksum += parser.getText().length();
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> checksum += parser.getTextLength();
          case NOT_AVAILABLE, VALUE_EMBEDDED_OBJECT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
              checksum++;
        }
      }
      return new long[] {events, Files.size(file), checksum};
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
