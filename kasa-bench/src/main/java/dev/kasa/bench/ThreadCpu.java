package dev.kasa.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of each of this JVM's threads (Java threads and the VM's own: GC, JIT compilers),
 * read from Linux's {@code /proc/self/task/TID/stat}, so that a pass's CPU can be split between the
 * worker, the reading thread, the collector and the compilers. Threads that ended during the pass
 * (a pool shut down at its end) are summed as "ended": the process's CPU less the living threads'.
 */
final class ThreadCpu {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** Clock ticks per second of {@code stat}'s utime and stime; 100 on every Linux we run. */
  private static final double TICK = 0.01;

  /** One thread: its name, user + system ticks and system ticks. */
  record Task(String name, long ticks, long sys) {}

  private ThreadCpu() {}

  static boolean available() {
    return Files.isDirectory(TASKS);
  }

  /** Every thread now, by id. */
  static Map<Long, Task> snapshot() {
    Map<Long, Task> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          // The name is between the first '(' and the last ')'; it may hold spaces.
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] rest = stat.substring(close + 2).split(" ");
          // After the name: state, ppid, ... utime is field 14 of the line, index 11 of rest.
          long sys = Long.parseLong(rest[12]);
          long ticks = Long.parseLong(rest[11]) + sys;
          threads.put(
              Long.parseLong(task.getFileName().toString()),
              new Task(stat.substring(open + 1, close), ticks, sys));
        } catch (IOException | RuntimeException ended) {
          // The thread ended while the directory was read.
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return threads;
  }

  /**
   * The CPU seconds each group of threads took between two snapshots, threads grouped by their name
   * without its digits ({@code GC Thread#0} and {@code #1} together), with "ended" for the process
   * CPU ({@code processSeconds}) that no living thread accounts for.
   */
  static String between(Map<Long, Task> before, Map<Long, Task> after, double processSeconds) {
    Map<String, double[]> groups = new TreeMap<>();
    double living = 0;
    for (Map.Entry<Long, Task> e : after.entrySet()) {
      Task was = before.get(e.getKey());
      double s = (e.getValue().ticks() - (was == null ? 0 : was.ticks())) * TICK;
      double sys = (e.getValue().sys() - (was == null ? 0 : was.sys())) * TICK;
      living += s;
      if (s > 0) {
        double[] g =
            groups.computeIfAbsent(
                e.getValue().name().replaceAll("[0-9]+", "#"), k -> new double[2]);
        g[0] += s;
        g[1] += sys;
      }
    }
    StringBuilder out = new StringBuilder("  threads:");
    groups.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
        .forEach(
            g ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        " [%s] %.2f (sys %.2f)",
                        g.getKey(),
                        g.getValue()[0],
                        g.getValue()[1])));
    out.append(String.format(Locale.ROOT, " [ended] %.2f", processSeconds - living));
    return out.toString();
  }
}
