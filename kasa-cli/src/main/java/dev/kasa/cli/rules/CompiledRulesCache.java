package dev.kasa.cli.rules;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.program.ProgramCodec;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import dev.kasa.sigma.rule.RuleSetCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Compiled rule sets kept on disk between runs, keyed by what they were compiled from: a SHA-256
 * over every rule text with its name (positions and problems name it), what could not be read, the
 * option files' content, this build of Kasa and {@link #FORMAT}. An entry holds the loaded {@link
 * RuleSet} (no YAML to parse again), the literal automata and the compiled program itself ({@link
 * ProgramCodec}: buckets, dispatch, conditions), read back without compiling, so a program from the
 * cache matches as the program without it. An entry that is missing is a miss; one that is
 * truncated, corrupt, of another format or unreadable is ignored with one line on standard error
 * (and {@link #ignored()} counts it). At most {@link #KEEP} entries are kept, the least recently
 * used removed. One per command run, used from its thread, except {@link #attempt} and {@link
 * #note}, which change nothing and may run on another ({@link EntryAhead}).
 */
public final class CompiledRulesCache {
  /** The version of the entries' layout; a change makes every older entry a miss. */
  static final int FORMAT = 4;

  /** Entries kept in the directory; older ones are removed when one is written. */
  static final int KEEP = 4;

  /** Largest entry read, in bytes: what a buffer can hold. */
  static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;

  private static final byte[] MAGIC = "KASA-RULES\n".getBytes(StandardCharsets.US_ASCII);
  private static final String SUFFIX = ".rules";

  /** The suffix of the notes of which entry a set of paths last used ({@link #note}). */
  private static final String LAST = ".last";

  /** Notes kept: a few per entry kept (the same rules may be named by other paths). */
  static final int KEEP_LAST = 4 * KEEP;

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

  /** What a cached entry holds: the rule set and the program compiled from it. */
  record Entry(RuleSet set, SigmaProgram program) {
    Entry {
      java.util.Objects.requireNonNull(set, "set");
      java.util.Objects.requireNonNull(program, "program");
    }
  }

  /**
   * The key of a rule set read as {@code sources} and compiled with the option files whose content
   * digest is {@code options}.
   */
  String key(List<RuleLoader.Source> sources, String options, Executor executor) {
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
    return key(digests, options);
  }

  /**
   * The key of rules whose sources have the {@link #digest digests} {@code digests}, in load order
   * (the key of {@link #key(List, String, Executor)}).
   */
  String key(byte[][] digests, String options) {
    MessageDigest sha = sha256();
    update(sha, "kasa compiled rules " + FORMAT);
    update(sha, build);
    update(sha, options);
    for (byte[] d : digests) {
      sha.update(d);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The SHA-256 of one source: its kind, then its name and text, or its problem. */
  static byte[] digest(RuleLoader.Source s) {
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
   * What looking for the entry under {@code key} gave: the entry, or why it could not be used
   * ({@code failure}; both null for a plain miss). Reporting is left to {@link #report}, so that an
   * entry read ahead, before its key is known to be the rules' (see {@link #note}), warns only when
   * it is.
   */
  record Attempt(String key, Entry entry, String failure) {
    Attempt {
      java.util.Objects.requireNonNull(key, "key");
    }
  }

  /**
   * The entry under {@code key}, or null (a miss, or an entry ignored with a line on {@code err}).
   */
  Entry read(String key, Placeholders placeholders, PrintWriter err, Executor executor) {
    if (dir == null) {
      return null;
    }
    Attempt attempt = attempt(key, placeholders, executor);
    report(attempt, err);
    if (attempt.entry() != null) {
      used(key);
    }
    return attempt.entry();
  }

  /**
   * Reads and decodes the entry under {@code key} (its automata as a task on {@code executor}; the
   * program's patterns compiled with {@code placeholders}, those its key covers), saying nothing:
   * see {@link #report}. The file is mapped, not copied into the heap.
   */
  Attempt attempt(String key, Placeholders placeholders, Executor executor) {
    Path file = dir.resolve(key + SUFFIX);
    if (!Files.isRegularFile(file)) {
      return new Attempt(key, null, null);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > MAX_ENTRY_BYTES) {
        throw new MalformedBinaryException(size + " bytes, more than " + MAX_ENTRY_BYTES);
      }
      // Entries are replaced by a move, never rewritten in place, so the mapping stays whole.
      ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return new Attempt(key, decode(bytes, key, placeholders, executor), null);
    } catch (IOException | RuntimeException e) {
      return new Attempt(key, null, String.valueOf(e.getMessage()));
    } catch (InternalError e) {
      // What a mapped file cut short by another process gives on access.
      return new Attempt(key, null, "cut short while read: " + e.getMessage());
    }
  }

  /** Says on {@code err} that the entry of {@code attempt} was ignored, when it was. */
  void report(Attempt attempt, PrintWriter err) {
    if (attempt.failure() != null) {
      ignoring(dir.resolve(attempt.key() + SUFFIX), attempt.failure(), err);
    }
  }

  /** Marks the entry under {@code key} used, so that pruning keeps the entries in use. */
  void used(String key) {
    touch(dir.resolve(key + SUFFIX));
  }

  /**
   * What names the rules a run reads before they are read: a SHA-256 over the entry format, this
   * build, the option files' digest and the paths as given (absolute). It names the key of the
   * entry last used for them ({@link #note}), whose entry a run reads and compiles while it reads
   * and hashes the rule files for the real key.
   */
  String locator(List<Path> paths, String options) {
    MessageDigest sha = sha256();
    update(sha, "kasa rules locator " + FORMAT);
    update(sha, build);
    update(sha, options);
    for (Path p : paths) {
      update(sha, p.toAbsolutePath().normalize().toString());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * What the note of {@code locator} says: the key of the entry last used or written for it, and
   * the rule files' digests as that run had them ({@link HashedFiles}).
   */
  record Note(String key, HashedFiles files) {}

  /**
   * The note of {@code locator}, or null. Its key is only a guess: it says which entry to read
   * ahead, never that the entry is of the rules now on disk; its digests are used for files whose
   * stat is unchanged ({@link HashedFiles#trusted}).
   */
  Note note(String locator) {
    if (dir == null) {
      return null;
    }
    try {
      byte[] text = Files.readAllBytes(dir.resolve(locator + LAST));
      if (text.length < 64) {
        return null;
      }
      String key = new String(text, 0, 64, StandardCharsets.US_ASCII);
      if (!key.chars().allMatch(CompiledRulesCache::isHexDigit)) {
        return null;
      }
      HashedFiles files =
          text.length == 64
              ? HashedFiles.NONE
              : HashedFiles.read(ByteBuffer.wrap(text, 64, text.length - 64));
      return new Note(key, files);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /**
   * Notes that {@code key} is the entry for {@code locator}, with the rule files' digests {@code
   * files}. A failure is silent: without the note the next run reads and hashes every rule file and
   * reads its entry only then, as it would without this.
   */
  void remember(String locator, String key, HashedFiles files) {
    if (dir == null) {
      return;
    }
    try {
      byte[] head = key.getBytes(StandardCharsets.US_ASCII);
      byte[] rows = files.size() == 0 ? new byte[0] : files.bytes();
      byte[] note = Arrays.copyOf(head, head.length + rows.length);
      System.arraycopy(rows, 0, note, head.length, rows.length);
      place(locator, note, locator + LAST);
      prune(LAST, KEEP_LAST);
    } catch (IOException | RuntimeException e) {
      // Only a speed-up is lost.
    }
  }

  /**
   * Writes {@code bytes} to {@code name} in the cache directory through a temporary file moved into
   * place, so that a reader sees the old file or the whole new one (an entry may be mapped by
   * another run while it is replaced).
   */
  private void place(String prefix, byte[] bytes, String name) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, prefix, ".tmp");
    try {
      Files.write(tmp, bytes);
      Path file = dir.resolve(name);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try {
        Files.deleteIfExists(tmp); // gone already when moved
      } catch (IOException ignoredToo) {
        // A temporary file left behind is removed by no one but harms nothing: not an entry.
      }
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
    try {
      place(key, encode(entry, key), key + SUFFIX);
      prune(SUFFIX, KEEP);
    } catch (IOException | RuntimeException e) {
      err.println(
          "kasa: warning: could not keep the compiled rules in " + dir + ": " + e.getMessage());
      err.flush();
    }
  }

  /**
   * The bytes of an entry: magic, format, key, payload length, payload, CRC-32C of the payload. The
   * payload is three sections, each with its length first: the rule set, the automata (read while
   * the rule set is), the program.
   */
  static byte[] encode(Entry entry, String key) throws IOException {
    byte[] rules = section(out -> RuleSetCodec.write(entry.set(), out));
    byte[] automata = section(out -> ProgramCodec.writeAutomata(entry.program(), out));
    byte[] program = section(out -> ProgramCodec.write(entry.program(), entry.set(), out));
    CRC32C crc = new CRC32C();
    byte[] keyBytes = HexFormat.of().parseHex(key);
    long length = 8L + rules.length + 8L + automata.length + 8L + program.length;
    ByteBuffer whole =
        ByteBuffer.allocate(
            Math.toIntExact(MAGIC.length + 4 + 1 + keyBytes.length + 8 + length + 4));
    whole.put(MAGIC).putInt(FORMAT).put((byte) keyBytes.length).put(keyBytes);
    whole.putLong(length);
    int payload = whole.position();
    whole.putLong(rules.length).put(rules).putLong(automata.length).put(automata);
    whole.putLong(program.length).put(program);
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
   * {@code executor}, its patterns compiled with {@code placeholders}.
   */
  static Entry decode(byte[] bytes, String key, Placeholders placeholders, Executor executor)
      throws MalformedBinaryException {
    return decode(ByteBuffer.wrap(bytes), key, placeholders, executor);
  }

  /**
   * The entry in {@code whole} (from its position 0 to its limit), as {@link #decode(byte[],
   * String, Placeholders, Executor)}.
   */
  static Entry decode(ByteBuffer whole, String key, Placeholders placeholders, Executor executor)
      throws MalformedBinaryException {
    ByteBuffer in = whole.duplicate().clear();
    int total = in.capacity();
    byte[] keyBytes = HexFormat.of().parseHex(key);
    if (total < MAGIC.length + 4 + 1 + keyBytes.length + 8 + 4) {
      throw new MalformedBinaryException("truncated: " + total + " bytes");
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
    crc.update(in.slice(in.position(), (int) length));
    int expected = in.getInt(total - 4);
    if ((int) crc.getValue() != expected) {
      throw new MalformedBinaryException("corrupt: checksum mismatch");
    }
    ByteBuffer rules = nextSection(in, total - 4);
    ByteBuffer automata = nextSection(in, total - 4);
    ByteBuffer program = nextSection(in, total - 4);
    if (in.position() != total - 4) {
      throw new MalformedBinaryException("bytes after the sections");
    }
    CompletableFuture<List<LiteralAutomaton>> automataRead =
        CompletableFuture.supplyAsync(() -> automata(automata), executor);
    BinaryIn body = new BinaryIn(rules);
    RuleSet set = RuleSetCodec.read(body);
    if (body.remaining() != 0) {
      throw new MalformedBinaryException(body.remaining() + " bytes after the rule set");
    }
    try {
      BinaryIn programIn = new BinaryIn(program);
      SigmaProgram read =
          ProgramCodec.read(programIn, set, placeholders, () -> joined(automataRead));
      if (programIn.remaining() != 0) {
        throw new MalformedBinaryException(programIn.remaining() + " bytes after the program");
      }
      joined(automataRead); // a program without buckets never asked for them: still checked
      return new Entry(set, read);
    } catch (IllegalStateException e) {
      throw new MalformedBinaryException(e.getMessage());
    }
  }

  /** The automata section read, or a {@link CompletionException} saying why not. */
  private static List<LiteralAutomaton> automata(ByteBuffer section) {
    try {
      BinaryIn in = new BinaryIn(section);
      List<LiteralAutomaton> all = ProgramCodec.readAutomata(in);
      if (in.remaining() != 0) {
        throw new MalformedBinaryException(in.remaining() + " bytes after the automata");
      }
      return all;
    } catch (MalformedBinaryException e) {
      throw new CompletionException(e);
    }
  }

  /** What {@code read} gave; a failure to read becomes the entry's (as an unchecked exception). */
  private static List<LiteralAutomaton> joined(CompletableFuture<List<LiteralAutomaton>> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("automata: " + cause.getMessage(), cause);
    }
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

  private void prune(String suffix, int keep) throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries =
          list.filter(p -> p.getFileName().toString().endsWith(suffix))
              .sorted(Comparator.comparing(CompiledRulesCache::modified).reversed())
              .toList();
    }
    for (Path old : entries.subList(Math.min(keep, entries.size()), entries.size())) {
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
          Path.of(ProgramCodec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
