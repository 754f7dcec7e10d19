package dev.kasa.node.ingest;

import dev.kasa.KasaException;
import dev.kasa.event.EventSource;
import dev.kasa.node.store.IngestCheckpoints;
import dev.kasa.node.store.IngestCheckpoints.Checkpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tails one configured file or folder on a thread of its own. Files are known by their file-system
 * identity, so a file renamed away by rotation is still read to its end from its open channel
 * before it is let go, and the new file at the path starts at 0 (rename and create); a file found
 * shorter than its position, or starting with other bytes, is read again from 0 (copytruncate). A
 * chunk of whole lines is checkpointed in the store only after the sink took it, so a restart
 * neither loses nor repeats a line (a crash between the two repeats that one chunk).
 */
final class FileTailer implements AutoCloseable {
  private static final Set<String> LEFT_ALONE =
      Set.of(".gz", ".bz2", ".xz", ".zst", ".zip", ".evtx");

  /** Polls without growth after which a file rotated away is finished. */
  static final int ROTATED_IDLE_POLLS = 4;

  private final TailedSource config;
  private final IngestCheckpoints checkpoints;
  private final TelemetrySink sink;
  private final SourceCounters counters;
  private final PrintStream log;
  private final Map<String, TailedFile> files = new LinkedHashMap<>();
  private final Thread thread;
  private final int chunkBytes;
  private static final byte[] NO_BYTES = new byte[0];

  /** The read buffer, reused for every chunk (the sink is done with a chunk when it returns). */
  private byte[] buffer = new byte[0];

  private volatile boolean closed;
  private volatile long lag;

  FileTailer(
      TailedSource config,
      IngestCheckpoints checkpoints,
      TelemetrySink sink,
      SourceCounters counters,
      PrintStream log) {
    this.config = config;
    this.checkpoints = checkpoints;
    this.sink = sink;
    this.counters = counters;
    this.log = log;
    // Chunks as large as the scan's (4 MiB): what each costs beyond its events (a decoder, the
    // detector's snapshot pin, a store transaction, a checkpoint) is paid a quarter as often.
    this.chunkBytes = Math.max(4 << 20, config.maxLineBytes() + 1);
    counters.lag(() -> lag);
    this.thread = Thread.ofPlatform().daemon().name("kasa-tail-" + config.name()).start(this::run);
  }

  private void run() {
    try {
      resume();
      while (!closed) {
        poll();
        Thread.sleep(config.pollMillis());
      }
    } catch (InterruptedException e) {
      // Stopping: what was delivered is checkpointed.
    } finally {
      files.values().forEach(TailedFile::close);
    }
  }

  /** Picks up the checkpointed files, also those renamed away while the node was down. */
  private void resume() {
    List<Checkpoint> saved;
    try {
      saved = checkpoints.of(config.name());
    } catch (KasaException e) {
      log.println("kasa serve: files " + config.name() + ": " + e.getMessage());
      return;
    }
    if (saved.isEmpty()) {
      return;
    }
    Map<String, Path> present = new LinkedHashMap<>();
    List<Path> look = new ArrayList<>(candidates());
    if (!Files.isDirectory(config.path()) && config.path().getParent() != null) {
      look.addAll(listing(config.path().getParent(), false));
    }
    for (Path p : look) {
      String k = key(p);
      if (k != null) {
        present.putIfAbsent(k, p);
      }
    }
    for (Checkpoint c : saved) {
      Path p = present.get(c.fileKey());
      try {
        if (p == null) {
          checkpoints.forget(config.name(), c.fileKey());
        } else {
          files.put(c.fileKey(), TailedFile.open(c.fileKey(), p, c.position(), c.head()));
        }
      } catch (IOException | KasaException e) {
        log.println("kasa serve: files " + config.name() + ": " + p + ": " + e.getMessage());
      }
    }
  }

  private void poll() throws InterruptedException {
    Set<String> seen = new HashSet<>();
    List<TailedFile> order = new ArrayList<>();
    for (Path p : candidates()) {
      String k = key(p);
      if (k == null || !seen.add(k)) {
        continue;
      }
      TailedFile f = files.get(k);
      try {
        if (f == null) {
          f = TailedFile.open(k, p, 0, new byte[0]);
          files.put(k, f);
        }
        f.path = p;
        order.add(f);
      } catch (IOException e) {
        // Gone between the listing and the open: the next poll sees how things are.
      }
    }
    // Files no longer at a tailed path were rotated away or deleted: their open channel still
    // reads them; finish them before their successors so that lines stay in order.
    // A writer may still add to a file just renamed away (until it reopens its path), so it is
    // kept until it has not grown for a few polls; only then is an unfinished last line taken.
    for (TailedFile f : List.copyOf(files.values())) {
      if (!seen.contains(f.key)) {
        long before = f.position;
        read(f, false);
        f.idlePolls = f.position == before ? f.idlePolls + 1 : 0;
        if (f.idlePolls >= ROTATED_IDLE_POLLS || !Files.exists(f.path)) {
          read(f, true);
          f.close();
          files.remove(f.key);
          forget(f);
        }
      }
    }
    long behind = 0;
    for (TailedFile f : order) {
      read(f, false);
      try {
        behind += Math.max(0, f.channel.size() - f.position);
      } catch (IOException e) {
        // A vanished file has no lag.
      }
    }
    lag = behind;
  }

  /** Delivers what {@code f} holds past its position; {@code last}: the file will grow no more. */
  private void read(TailedFile f, boolean last) throws InterruptedException {
    try {
      if (f.format == null && !f.refused) {
        f.detect(config.format());
        if (f.refused) {
          counters.malformed();
          log.println(
              "kasa serve: files "
                  + config.name()
                  + ": "
                  + f.path
                  + " is compressed or .evtx;"
                  + " left alone");
        }
      }
      if (f.format == null || f.refused) {
        return;
      }
      while (!closed || last) {
        if (!f.sameHead()) {
          f.position = 0;
          f.head = new byte[0];
          f.skipping = false;
        }
        // A Zeek TSV chunk after the first starts with the file's header lines: they go in
        // front of the bytes read, in the one buffer handed to the sink.
        byte[] header = f.position > 0 ? f.zeekHeader : NO_BYTES;
        int from = header.length;
        if (buffer.length < from + chunkBytes + 1) {
          buffer = new byte[from + chunkBytes + 1];
        }
        System.arraycopy(header, 0, buffer, 0, from);
        int n = f.read(f.position, buffer, from, chunkBytes);
        if (n == 0) {
          return;
        }
        int to = from + n;
        int lastNewline = lastIndexOf(buffer, from, to, (byte) '\n');
        if (f.skipping) {
          int nl = Newlines.next(buffer, from, to);
          f.grow(buffer, from, nl < 0 ? n : nl + 1 - from);
          f.skipping = nl < 0;
          save(f);
          continue;
        }
        int end;
        if (lastNewline >= 0) {
          end = lastNewline + 1;
        } else if (n > config.maxLineBytes()) {
          counters.malformed();
          f.grow(buffer, from, n);
          f.skipping = true;
          save(f);
          continue;
        } else if (last) {
          buffer[to] = '\n';
          end = to + 1;
        } else {
          return;
        }
        deliver(f, buffer, from, end);
        // A last line without its newline got one appended above; the file holds one byte less.
        int consumed = lastNewline >= 0 ? end - from : n;
        f.grow(buffer, from, consumed);
        save(f);
      }
    } catch (IOException e) {
      if (!closed && !(e instanceof NoSuchFileException)) {
        log.println("kasa serve: files " + config.name() + ": " + f.path + ": " + e.getMessage());
      }
    }
  }

  /**
   * Delivers the whole lines of {@code buf[from, end)}, after the header lines {@code buf[0,
   * from)}, leaving out (and counting) overlong ones. The sink gets {@code buf} itself unless a
   * line is left out, and counts the records as it decodes them: the tailer itself looks at every
   * byte only when a line is overlong.
   */
  private void deliver(TailedFile f, byte[] buf, int from, int end) throws InterruptedException {
    var source = new EventSource(f.path.toString(), f.format, config.fieldMap());
    byte[] records = buf;
    int length = end;
    if (!Newlines.linesAtMost(buf, from, end, config.maxLineBytes())) {
      records = withoutOverlong(buf, from, end);
      length = records.length;
    }
    int count = sink.acceptLines(config.name(), source, records, length);
    if (count > 0) {
      counters.delivered(count);
    }
  }

  /**
   * The header {@code buf[0, from)} and the lines of {@code buf[from, end)} not too long; each
   * overlong one is counted as malformed.
   */
  private byte[] withoutOverlong(byte[] buf, int from, int end) {
    var records = new java.io.ByteArrayOutputStream(end);
    records.write(buf, 0, from);
    int lineStart = from;
    for (int i = from; i < end; i++) {
      if (buf[i] == '\n') {
        if (i - lineStart <= config.maxLineBytes()) {
          records.write(buf, lineStart, i - lineStart + 1);
        } else {
          counters.malformed();
        }
        lineStart = i + 1;
      }
    }
    return records.toByteArray();
  }

  private void save(TailedFile f) {
    try {
      checkpoints.save(new Checkpoint(config.name(), f.key, f.path.toString(), f.position, f.head));
    } catch (KasaException e) {
      // Delivered all the same; the next checkpoint catches up.
      log.println("kasa serve: files " + config.name() + ": " + e.getMessage());
    }
  }

  private void forget(TailedFile f) {
    try {
      checkpoints.forget(config.name(), f.key);
    } catch (KasaException e) {
      log.println("kasa serve: files " + config.name() + ": " + e.getMessage());
    }
  }

  /** The files the source tails now, oldest first. */
  private List<Path> candidates() {
    Path p = config.path();
    if (Files.isDirectory(p)) {
      return listing(p, true);
    }
    return Files.isRegularFile(p) ? List.of(p) : List.of();
  }

  private static List<Path> listing(Path dir, boolean filter) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !filter || tailable(p.getFileName().toString()))
          .sorted(Comparator.comparing(FileTailer::modified).thenComparing(Path::toString))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean tailable(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !lower.startsWith(".") && LEFT_ALONE.stream().noneMatch(lower::endsWith);
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The file's identity (device and inode where the file system has them), or null if gone. */
  static String key(Path p) {
    try {
      Object k = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
      return k != null ? k.toString() : "path:" + p.toAbsolutePath();
    } catch (IOException e) {
      return null;
    }
  }

  private static int lastIndexOf(byte[] b, int from, int to, byte x) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
