package dev.kasa.evtx;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

/**
 * Converts EVTX files to JSON lines (one evtx_dump-shaped object per record, with the file it came
 * from under {@code "file"}) or to XML. Files are read in order on the calling thread, in batches
 * of chunks that the injected executor's threads decode; the output is written in file and record
 * order. Memory is bounded by the batches in flight (two per thread of {@link Options#threads()}).
 * Problems are reported to the {@link Listener} in file order and never stop the rest.
 */
public final class EvtxDump {
  /**
   * How to dump.
   *
   * @param threads decoding tasks in flight are at most twice this, at least 1; the executor should
   *     have as many threads
   * @param batchChunks chunks per decoding task, at least 1
   * @param maxDepth deeper nesting in a record is a problem
   * @param maxRecordBytes a record rendering to more is a problem
   */
  public record Options(
      RecordFormat format, int threads, int batchChunks, int maxDepth, int maxRecordBytes) {
    public Options {
      Objects.requireNonNull(format, "format");
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      if (batchChunks < 1) {
        throw new IllegalArgumentException("batchChunks must be >= 1, got " + batchChunks);
      }
    }

    /** All processors, 64 chunks (4 MiB) per task, depth 64, 1 MiB per record. */
    public static Options defaults(RecordFormat format) {
      return new Options(format, Runtime.getRuntime().availableProcessors(), 64, 64, 1 << 20);
    }
  }

  /** Receives problems on the calling thread, in file order. */
  public interface Listener {
    /** A part of {@code file} that was skipped (or read with care); the rest was read. */
    void problem(String file, EvtxProblem problem);

    /** An input that could not be read at all (or not to its end). */
    void unreadable(String file, String reason);
  }

  /** What a dump did. */
  public record Totals(int files, int unreadable, long records, long problems, long bytes) {}

  private final Options options;
  private final Executor workers;

  /** A dump whose batches are decoded on {@code workers} (which it never shuts down). */
  public EvtxDump(Options options, Executor workers) {
    this.options = Objects.requireNonNull(options, "options");
    this.workers = Objects.requireNonNull(workers, "workers");
  }

  /**
   * Dumps {@code inputs} (files, or directories searched for {@code *.evtx}) to {@code out}.
   *
   * @throws IOException when writing to {@code out} fails
   */
  public Totals dump(List<String> inputs, OutputStream out, Listener listener) throws IOException {
    Run run = new Run(out, listener);
    try {
      if (options.format() == RecordFormat.XML) {
        out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Events>\n".getBytes(UTF8));
      }
      for (String input : inputs) {
        for (String file : files(input, run)) {
          run.file(file);
        }
      }
      run.drainAll();
      if (options.format() == RecordFormat.XML) {
        out.write("</Events>\n".getBytes(UTF8));
      }
      out.flush();
      return run.totals();
    } finally {
      run.abandon();
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private List<String> files(String input, Run run) {
    Path path = Path.of(input);
    if (!Files.isDirectory(path)) {
      return List.of(input);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".evtx"))
          .sorted(Comparator.comparing(Path::toString))
          .map(Path::toString)
          .toList();
    } catch (IOException | UncheckedIOException e) {
      run.unreadable(input, "cannot list directory: " + e.getMessage());
      return List.of();
    }
  }

  /** One decoding task's result. */
  private record Batch(String file, Utf8Out text, long records, List<EvtxProblem> problems) {}

  /** What waits its turn to be written or reported, in file order. */
  private sealed interface Pending {
    /** A decoding task in flight. */
    record Task(Future<Batch> batch) implements Pending {}

    /** A problem found on the reading thread. */
    record Problem(String file, EvtxProblem problem) implements Pending {}

    /** An input that could not be read. */
    record Unreadable(String file, String reason) implements Pending {}

    /** The start of a file's records (XML output names it in a comment). */
    record FileStart(String file) implements Pending {}
  }

  private final class Run {
    private final OutputStream out;
    private final Listener listener;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<byte[]> inputs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Utf8Out> outputs = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<EvtxChunkDecoder> decoders = new ConcurrentLinkedQueue<>();
    private int inFlight;
    private int files;
    private int unreadable;
    private long records;
    private long problems;
    private long bytes;

    Run(OutputStream out, Listener listener) {
      this.out = out;
      this.listener = listener;
    }

    Totals totals() {
      return new Totals(files, unreadable, records, problems, bytes);
    }

    void unreadable(String file, String reason) {
      pending.add(new Pending.Unreadable(file, reason));
    }

    void file(String file) throws IOException {
      if (!Files.exists(Path.of(file))) {
        unreadable(file, "no such file or directory");
        return;
      }
      InputStream in;
      try {
        in = Files.newInputStream(Path.of(file));
      } catch (IOException | RuntimeException e) {
        unreadable(file, "cannot open: " + e.getMessage());
        return;
      }
      try (in) {
        EvtxStream stream;
        try {
          stream = new EvtxStream(in);
        } catch (IllegalArgumentException e) {
          unreadable(file, e.getMessage());
          return;
        }
        files++;
        if (stream.headerProblem() != null) {
          pending.add(new Pending.Problem(file, stream.headerProblem()));
        }
        byte[] suffix = suffix(file);
        if (options.format() == RecordFormat.XML) {
          pending.add(new Pending.FileStart(file));
        }
        while (true) {
          byte[] buf = inputs.poll();
          if (buf == null) {
            buf = new byte[options.batchChunks() * EvtxChunkDecoder.CHUNK_SIZE];
          }
          long first = stream.nextChunk();
          int n;
          try {
            n = stream.read(buf, options.batchChunks());
          } catch (IOException e) {
            inputs.add(buf);
            unreadable(file, "read error after " + stream.bytes() + " bytes: " + e.getMessage());
            break;
          }
          if (n == 0) {
            inputs.add(buf);
            break;
          }
          while (inFlight >= 2 * options.threads()) {
            drainOne();
          }
          byte[] chunks = buf;
          FutureTask<Batch> task = new FutureTask<>(() -> decode(file, chunks, n, first, suffix));
          pending.add(new Pending.Task(task));
          inFlight++;
          workers.execute(task);
        }
        bytes += stream.bytes();
        if (stream.truncation() != null) {
          pending.add(new Pending.Problem(file, stream.truncation()));
        }
      }
    }

    /** What follows each record's JSON: {@code ,"file":"NAME"}} and a newline. */
    private byte[] suffix(String file) {
      Utf8Out s = new Utf8Out(Integer.MAX_VALUE - 16);
      if (options.format() == RecordFormat.JSON) {
        s.ascii(",\"file\":\"").text(file, Utf8Out.Escape.JSON).ascii("\"}\n");
      }
      return java.util.Arrays.copyOf(s.bytes(), s.length());
    }

    private Batch decode(String file, byte[] chunks, int n, long first, byte[] suffix) {
      EvtxChunkDecoder decoder = decoders.poll();
      if (decoder == null) {
        decoder =
            new EvtxChunkDecoder(options.format(), options.maxDepth(), options.maxRecordBytes());
      }
      Utf8Out text = outputs.poll();
      if (text == null) {
        text = new Utf8Out(Integer.MAX_VALUE - 16);
      }
      text.reset();
      Utf8Out into = text;
      List<EvtxProblem> found = new ArrayList<>();
      long[] count = {0};
      boolean json = options.format() == RecordFormat.JSON;
      EvtxVisitor visitor =
          new EvtxVisitor() {
            @Override
            public void record(long recordId, byte[] t, int off, int len) {
              count[0]++;
              if (json) {
                into.write(t, off, len - 1).write(suffix, 0, suffix.length);
              } else {
                into.write(t, off, len);
              }
            }

            @Override
            public void problem(EvtxProblem problem) {
              found.add(problem);
            }
          };
      for (int i = 0; i < n; i++) {
        decoder.decode(chunks, i * EvtxChunkDecoder.CHUNK_SIZE, first + i, visitor);
      }
      inputs.add(chunks);
      decoders.add(decoder);
      return new Batch(file, text, count[0], found);
    }

    /** Tasks not started yet are dropped (the executor is the caller's, so it is not shut down). */
    void abandon() {
      for (Pending p : pending) {
        if (p instanceof Pending.Task t) {
          t.batch().cancel(false);
        }
      }
      pending.clear();
    }

    void drainAll() throws IOException {
      while (!pending.isEmpty()) {
        drainOne();
      }
    }

    private void drainOne() throws IOException {
      switch (pending.poll()) {
        case Pending.Unreadable u -> {
          unreadable++;
          listener.unreadable(u.file(), u.reason());
        }
        case Pending.Problem p -> {
          problems++;
          listener.problem(p.file(), p.problem());
        }
        case Pending.FileStart f ->
            out.write(("<!-- " + f.file().replace("--", "- -") + " -->\n").getBytes(UTF8));
        case Pending.Task t -> {
          inFlight--;
          Batch b = await(t.batch());
          out.write(b.text().bytes(), 0, b.text().length());
          records += b.records();
          outputs.add(b.text());
          for (EvtxProblem problem : b.problems()) {
            problems++;
            listener.problem(b.file(), problem);
          }
        }
      }
    }

    private Batch await(Future<Batch> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KasaException(ErrorCode.INTERNAL, "EVTX dump interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new KasaException(ErrorCode.INTERNAL, "EVTX decoder failed: " + e.getCause(), e);
      }
    }
  }
}
