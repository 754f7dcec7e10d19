package dev.kasa.cli.rules;

import dev.kasa.sigma.rule.RuleLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The rule files of one run, in load order, each with its content digest for the compiled-rules
 * cache's key: taken from the {@link HashedFiles} of the run before when the file's stat says it is
 * unchanged (the file is then not read at all), else read and hashed. What is read is what {@link
 * RuleLoader#read(List)} reads; {@link #sources} reads the files not read yet, when the rules must
 * be compiled, and hashes what it read, so that the key of a compiled entry is always the key of
 * the texts it was compiled from.
 */
final class RuleFiles {
  /** Each item: a file ({@link Path}) or the problem of a path ({@link RuleLoader.Source}). */
  private final List<Object> items;

  private final RuleLoader.Source[] sources;
  private final byte[][] digests;
  private final FileStat[] stats;
  private final long time;
  private int rehashed;

  private RuleFiles(List<Object> items, long time) {
    this.items = items;
    this.sources = new RuleLoader.Source[items.size()];
    this.digests = new byte[items.size()][];
    this.stats = new FileStat[items.size()];
    this.time = time;
  }

  /**
   * Lists {@code paths} and takes each file's digest from {@code before} when its stat allows, else
   * reads and hashes the file, as tasks on {@code executor} (a few files per task).
   */
  static RuleFiles read(List<Path> paths, HashedFiles before, Executor executor) {
    return read(paths, before, executor, nanos(Instant.now()));
  }

  /** {@link #read(List, HashedFiles, Executor)} starting at {@code time} (nanoseconds, epoch). */
  static RuleFiles read(List<Path> paths, HashedFiles before, Executor executor, long time) {
    List<Object> items = new ArrayList<>();
    Set<Long> local = new HashSet<>();
    boolean trusting = before.size() > 0;
    for (RuleLoader.Listed listed : RuleLoader.list(paths)) {
      if (listed.problem() != null) {
        items.add(listed.problem());
      }
      items.addAll(listed.files());
    }
    if (trusting) {
      for (int i = 0; i < paths.size(); i++) {
        local.add(FileStat.localDevice(paths.get(i)));
      }
      local.remove(-1L);
    }
    RuleFiles files = new RuleFiles(items, time);
    int chunk = Math.max(16, items.size() / 16);
    List<CompletableFuture<Integer>> tasks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += chunk) {
      int start = from;
      int end = Math.min(items.size(), from + chunk);
      tasks.add(
          CompletableFuture.supplyAsync(() -> files.digest(start, end, before, local), executor));
    }
    for (CompletableFuture<Integer> t : tasks) {
      files.rehashed += t.join();
    }
    return files;
  }

  /** Digests items {@code [start, end)}; returns how many files with a row were hashed. */
  private int digest(int start, int end, HashedFiles before, Set<Long> local) {
    int hashed = 0;
    for (int i = start; i < end; i++) {
      if (!(items.get(i) instanceof Path file)) {
        sources[i] = (RuleLoader.Source) items.get(i);
        digests[i] = CompiledRulesCache.digest(sources[i]);
        continue;
      }
      // The stat before the read: a write after it shows in the next run's stat.
      FileStat stat = FileStat.of(file);
      stats[i] = stat;
      byte[] known =
          stat != null && local.contains(stat.dev()) ? before.trusted(file.toString(), stat) : null;
      if (known != null) {
        digests[i] = known;
        continue;
      }
      sources[i] = RuleLoader.read(file);
      digests[i] = CompiledRulesCache.digest(sources[i]);
      if (stat != null && sources[i] instanceof RuleLoader.Source.Text) {
        hashed++;
      }
    }
    return hashed;
  }

  /** The key of these files' digests with the option files' {@code options} digest. */
  String key(CompiledRulesCache cache, String options) {
    return cache.key(digests, options);
  }

  /**
   * What {@link RuleLoader#read(List)} gives for these files: the files taken by their digest are
   * read now (on {@code executor}), and their digests replaced by those of what was read.
   */
  List<RuleLoader.Source> sources(Executor executor) {
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < sources.length; i++) {
      if (sources[i] == null) {
        int at = i;
        tasks.add(
            CompletableFuture.runAsync(
                () -> {
                  sources[at] = RuleLoader.read((Path) items.get(at));
                  digests[at] = CompiledRulesCache.digest(sources[at]);
                },
                executor));
      }
    }
    tasks.forEach(CompletableFuture::join);
    return List.of(sources);
  }

  /** Whether some file was read and hashed for want of a row (the note is then worth writing). */
  boolean rehashed() {
    return rehashed > 0;
  }

  /** How many files were read and hashed for want of a trusted row. */
  int rehashedCount() {
    return rehashed;
  }

  /** The rows for the next run: every file read as text, or taken by its digest, with its stat. */
  HashedFiles hashed() {
    Map<String, HashedFiles.Row> rows = HashedFiles.collector();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Path file
          && stats[i] != null
          && (sources[i] == null || sources[i] instanceof RuleLoader.Source.Text)) {
        rows.put(file.toString(), new HashedFiles.Row(stats[i], digests[i]));
      }
    }
    return new HashedFiles(time, rows);
  }

  private static long nanos(Instant t) {
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }
}
