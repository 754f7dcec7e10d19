package dev.kasa.cli.rules;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.program.CompiledLiterals;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.RuleSetCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Compiled rule sets kept on disk between runs, keyed by what they were compiled from: a SHA-256
 * over every rule text with its name (positions and problems name it), what could not be read, the
 * option files' content, this build of Kasa and {@link #FORMAT}. An entry holds the loaded {@link
 * RuleSet} (no YAML to parse again) and the literal automata ({@link CompiledLiterals}); the rest
 * is compiled from them as from fresh ones, so a program from the cache is the program without it.
 * An entry that is missing is a miss; one that is truncated, corrupt, of another format or
 * unreadable is ignored with one line on standard error (and {@link #ignored()} counts it). At most
 * {@link #KEEP} entries are kept, the least recently used removed. Not thread-safe; one per command
 * run.
 */
public final class CompiledRulesCache {
  /** The version of the entries' layout; a change makes every older entry a miss. */
  static final int FORMAT = 2;

  /** Entries kept in the directory; older ones are removed when one is written. */
  static final int KEEP = 4;

  /** Largest entry read, in bytes: what a buffer can hold. */
  static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;

  private static final byte[] MAGIC = "KASA-RULES\n".getBytes(StandardCharsets.US_ASCII);
  private static final String SUFFIX = ".rules";

  private final Path dir;
  private final String build;
  private int ignored;

  /**
   * A cache in {@code dir}, or a disabled one when null.
   *
   * @param build what tells this build of Kasa from another (version, jar); part of every key
   */
  CompiledRulesCache(Path dir, String build) {
    this.dir = dir;
    this.build = build;
  }

  /**
   * The cache the environment asks for: the system property {@code kasa.cache.dir}, else {@code
   * KASA_CACHE_DIR}, else {@code $XDG_CACHE_HOME/kasa}, else {@code ~/.cache/kasa}; disabled when
   * {@code kasa.cache} or {@code KASA_CACHE} is {@code off}.
   */
  static CompiledRulesCache fromEnvironment(Map<String, String> env) {
    String off = System.getProperty("kasa.cache", env.getOrDefault("KASA_CACHE", ""));
    if (off.equalsIgnoreCase("off")) {
      return new CompiledRulesCache(null, "");
    }
    String dir = System.getProperty("kasa.cache.dir", env.get("KASA_CACHE_DIR"));
    Path base;
    if (dir != null && !dir.isBlank()) {
      base = Path.of(dir);
    } else {
      String xdg = env.get("XDG_CACHE_HOME");
      base =
          xdg != null && !xdg.isBlank()
              ? Path.of(xdg, "kasa")
              : Path.of(System.getProperty("user.home"), ".cache", "kasa");
    }
    return new CompiledRulesCache(base.resolve("rules"), thisBuild());
  }

  /** A cache that never reads or writes. */
  static CompiledRulesCache disabled() {
    return new CompiledRulesCache(null, "");
  }

  /** The directory entries are kept in, or null when disabled. */
  Path directory() {
    return dir;
  }

  /** Entries found but ignored (truncated, corrupt, another format, unreadable) in this run. */
  int ignored() {
    return ignored;
  }

  /** What a cached entry holds. */
  record Entry(RuleSet set, CompiledLiterals literals) {}

  /**
   * The key of a rule set read as {@code sources} and compiled with the option files whose content
   * digest is {@code options}.
   */
  String key(List<RuleLoader.Source> sources, String options, Executor executor) {
    MessageDigest sha = sha256();
    update(sha, "kasa compiled rules " + FORMAT);
    update(sha, build);
    update(sha, options);
    // Each source's own digest on the executor (a few sources per task), then those in order.
    byte[][] digests = new byte[sources.size()][];
    int chunk = Math.max(16, sources.size() / 16);
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    for (int from = 0; from < sources.size(); from += chunk) {
      int start = from;
      int end = Math.min(sources.size(), from + chunk);
      tasks.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = start; i < end; i++) {
                  digests[i] = digest(sources.get(i));
                }
              },
              executor));
    }
    tasks.forEach(CompletableFuture::join);
    for (byte[] d : digests) {
      sha.update(d);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static byte[] digest(RuleLoader.Source s) {
    MessageDigest sha = sha256();
    switch (s) {
      case RuleLoader.Source.Text t -> {
        update(sha, "text");
        update(sha, t.text().name());
        update(sha, t.text().text());
      }
      case RuleLoader.Source.Unreadable u -> {
        update(sha, "unreadable");
        update(sha, u.problem().toString());
      }
      case RuleLoader.Source.BadPath b -> {
        update(sha, "bad path");
        update(sha, b.problem().toString());
      }
    }
    return sha.digest();
  }

  /**
   * The entry under {@code key}, or null (a miss, or an entry ignored with a line on {@code err}).
   */
  Entry read(String key, PrintWriter err, Executor executor) {
    if (dir == null) {
      return null;
    }
    Path file = dir.resolve(key + SUFFIX);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      long size = Files.size(file);
      if (size > MAX_ENTRY_BYTES) {
        throw new MalformedBinaryException(size + " bytes, more than " + MAX_ENTRY_BYTES);
      }
      Entry entry = decode(Files.readAllBytes(file), key, executor);
      touch(file);
      return entry;
    } catch (IOException | RuntimeException e) {
      ignoring(file, e.getMessage(), err);
      return null;
    }
  }

  /**
   * Says on {@code err} that the automata of the entry under {@code key} could not be read (they
   * were built again), when so.
   */
  void checkAutomata(String key, Entry entry, PrintWriter err) {
    String failure = entry.literals().failure();
    if (failure != null) {
      ignoring(dir.resolve(key + SUFFIX), failure, err);
    }
  }

  private void ignoring(Path file, String why, PrintWriter err) {
    ignored++;
    err.println(
        "kasa: warning: ignored the compiled-rules cache entry "
            + file
            + " ("
            + why
            + "); the rules are compiled again");
    err.flush();
  }

  /**
   * Keeps {@code entry} under {@code key}: written to a temporary file, then moved in place, then
   * the oldest entries beyond {@link #KEEP} removed. A failure is a line on {@code err}; the run
   * goes on.
   */
  void write(String key, Entry entry, PrintWriter err) {
    if (dir == null) {
      return;
    }
    Path tmp = null;
    try {
      byte[] bytes = encode(entry, key);
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, key, ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(bytes);
      }
      Path file = dir.resolve(key + SUFFIX);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      prune();
    } catch (IOException | RuntimeException e) {
      err.println(
          "kasa: warning: could not keep the compiled rules in " + dir + ": " + e.getMessage());
      err.flush();
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignoredToo) {
          // A temporary file left behind is removed by no one but harms nothing: not an entry.
        }
      }
    }
  }

  /**
   * The bytes of an entry: magic, format, key, payload length, payload, CRC-32C of the payload. The
   * payload is two sections, each with its length first: the rule set, then the automata (read
   * while the rules compile).
   */
  static byte[] encode(Entry entry, String key) throws IOException {
    byte[] rules = section(out -> RuleSetCodec.write(entry.set(), out));
    byte[] automata = section(out -> entry.literals().write(out));
    CRC32C crc = new CRC32C();
    byte[] keyBytes = HexFormat.of().parseHex(key);
    long length = 8L + rules.length + 8L + automata.length;
    ByteBuffer whole =
        ByteBuffer.allocate(
            Math.toIntExact(MAGIC.length + 4 + 1 + keyBytes.length + 8 + length + 4));
    whole.put(MAGIC).putInt(FORMAT).put((byte) keyBytes.length).put(keyBytes);
    whole.putLong(length);
    int payload = whole.position();
    whole.putLong(rules.length).put(rules).putLong(automata.length).put(automata);
    crc.update(whole.array(), payload, (int) length);
    whole.putInt((int) crc.getValue());
    return whole.array();
  }

  private interface SectionWriter {
    void write(BinaryOut out) throws IOException;
  }

  private static byte[] section(SectionWriter writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    DataOutputStream data = new DataOutputStream(bytes);
    BinaryOut out = new BinaryOut(data);
    writer.write(out);
    out.finish();
    data.flush();
    return bytes.toByteArray();
  }

  /**
   * The entry in {@code bytes}, checked against {@code key}; its automata are read as a task on
   * {@code executor}.
   */
  static Entry decode(byte[] bytes, String key, Executor executor) throws MalformedBinaryException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] keyBytes = HexFormat.of().parseHex(key);
    if (bytes.length < MAGIC.length + 4 + 1 + keyBytes.length + 8 + 4) {
      throw new MalformedBinaryException("truncated: " + bytes.length + " bytes");
    }
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new MalformedBinaryException("not a compiled-rules entry");
    }
    int format = in.getInt();
    if (format != FORMAT) {
      throw new MalformedBinaryException("format " + format + ", this Kasa reads " + FORMAT);
    }
    byte[] stored = new byte[in.get() & 0xFF];
    if (stored.length > in.remaining()) {
      throw new MalformedBinaryException("truncated key");
    }
    in.get(stored);
    if (!Arrays.equals(stored, keyBytes)) {
      throw new MalformedBinaryException("the entry is of other rules");
    }
    if (in.remaining() < 12) {
      throw new MalformedBinaryException("truncated: no payload");
    }
    long length = in.getLong();
    if (length < 0 || length != in.remaining() - 4) {
      throw new MalformedBinaryException(
          "truncated: the payload should have "
              + length
              + " bytes, "
              + (in.remaining() - 4)
              + " are there");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, in.position(), (int) length);
    int expected = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    if ((int) crc.getValue() != expected) {
      throw new MalformedBinaryException("corrupt: checksum mismatch");
    }
    ByteBuffer rules = nextSection(in, bytes.length - 4);
    ByteBuffer automata = nextSection(in, bytes.length - 4);
    if (in.position() != bytes.length - 4) {
      throw new MalformedBinaryException("bytes after the sections");
    }
    BinaryIn body = new BinaryIn(rules);
    RuleSet set = RuleSetCodec.read(body);
    if (body.remaining() != 0) {
      throw new MalformedBinaryException(body.remaining() + " bytes after the rule set");
    }
    return new Entry(set, CompiledLiterals.readOn(new BinaryIn(automata), executor));
  }

  private static ByteBuffer nextSection(ByteBuffer in, int end) throws MalformedBinaryException {
    if (end - in.position() < 8) {
      throw new MalformedBinaryException("truncated section");
    }
    long length = in.getLong();
    if (length < 0 || length > end - in.position()) {
      throw new MalformedBinaryException("section of " + length + " bytes past the end");
    }
    ByteBuffer section = in.slice(in.position(), (int) length);
    in.position(in.position() + (int) length);
    return section;
  }

  private void prune() throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries =
          list.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
              .sorted(Comparator.comparing(CompiledRulesCache::modified).reversed())
              .toList();
    }
    for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** Marks an entry used, so that pruning keeps the entries in use. */
  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // A read-only cache still serves; its entries just age as written.
    }
  }

  /**
   * This build of Kasa: its version and the jar (or classes directory) it runs from, with that
   * file's size and modification time, so that a rebuilt Kasa never reads an older one's entries.
   */
  static String thisBuild() {
    String version = CompiledRulesCache.class.getPackage().getImplementationVersion();
    StringBuilder b = new StringBuilder(version == null ? "dev" : version);
    try {
      Path code =
          Path.of(
              CompiledLiterals.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      b.append(' ').append(code).append(' ').append(Files.getLastModifiedTime(code).toMillis());
      if (Files.isRegularFile(code)) {
        b.append(' ').append(Files.size(code));
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      b.append(" unknown location");
    }
    return b.toString();
  }

  /** The digest of option files' content (null for an option not given), for {@link #key}. */
  static String optionsDigest(Path... files) {
    MessageDigest sha = sha256();
    for (Path f : files) {
      if (f == null) {
        update(sha, "none");
        continue;
      }
      try {
        byte[] content = Files.readAllBytes(f);
        update(sha, "file");
        sha.update(ByteBuffer.allocate(8).putLong(content.length).array());
        sha.update(content);
      } catch (IOException e) {
        update(sha, "unreadable " + f);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A string with its length first, so that no two sequences of strings hash alike. */
  private static void update(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
    sha.update(bytes);
  }
}
