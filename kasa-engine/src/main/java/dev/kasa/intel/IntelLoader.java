package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.FilePosition;
import dev.kasa.Problem;
import dev.kasa.input.InputBytes;
import dev.kasa.input.InputFiles;
import dev.kasa.input.InputNames;
import dev.kasa.stix.StixReaderLimits;
import dev.kasa.stix.Tlp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Loads intelligence from files, directories and standard input, detecting each file's format
 * ({@link IntelFormat}) and gzip compression from its first bytes, never from its name. Problems
 * with one file (unreadable, malformed) are reported to the sink and the load goes on.
 *
 * <p>Not thread-safe: use one loader per thread (they are cheap).
 */
public final class IntelLoader {
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_DIRECTORY_DEPTH = 64;

  /**
   * How to load.
   *
   * @param defaultTlp the TLP of plain-list indicators and of MISP attributes without a {@code
   *     tlp:} tag (STIX bundles carry their own markings)
   * @param maxMispEventBytes the largest MISP event read, in bytes
   * @param format a format forced on every file, or null to detect it per file
   */
  public record Options(Tlp defaultTlp, long maxMispEventBytes, IntelFormat format) {
    public Options {
      Objects.requireNonNull(defaultTlp, "defaultTlp");
      if (maxMispEventBytes <= 0) {
        throw new IllegalArgumentException(
            "maxMispEventBytes must be positive but was " + maxMispEventBytes);
      }
    }

    /** No default TLP, the default MISP event limit, formats detected. */
    public static Options defaults() {
      return new Options(Tlp.NONE, MispImporter.DEFAULT_MAX_EVENT_BYTES, null);
    }

    public Options withFormat(IntelFormat forced) {
      return new Options(defaultTlp, maxMispEventBytes, forced);
    }

    public Options withDefaultTlp(Tlp tlp) {
      return new Options(tlp, maxMispEventBytes, format);
    }
  }

  /**
   * What a load read.
   *
   * @param files files read, each event file of a MISP feed included
   * @param indicators indicators passed to the sink
   * @param problems problems passed to the sink, by code (the codes that occurred)
   * @param mispContext MISP attributes kept as context (not {@code to_ids}), not matched
   * @param notLists files found in a directory that are neither STIX nor MISP and are not named as
   *     lists ({@link InputNames}): skipped, never read as indicators
   */
  public record Report(
      long files, long indicators, Map<ErrorCode, Long> problems, long mispContext, long notLists) {
    public Report {
      problems =
          problems.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(problems));
    }

    /** All problems of every code. */
    public long problemCount() {
      return problems.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Options options;
  private final Executor workers;
  private final InputStream stdin;
  private final PlainListImporter plain;
  private final MispImporter misp;
  private long files;
  private long mispContext;
  private long notLists;
  private boolean walking;
  private boolean forcedLists;
  private StixLoad stix;

  /**
   * A loader that reads on the calling thread and has no standard input ({@code -} is reported
   * unreadable).
   */
  public IntelLoader(Options options) {
    this(options, null, null);
  }

  /**
   * A loader that reads on the calling thread.
   *
   * @param options how to load (non-null)
   * @param stdin what {@code -} reads (never closed by the loader)
   */
  public IntelLoader(Options options, InputStream stdin) {
    this(options, null, Objects.requireNonNull(stdin, "stdin"));
  }

  /**
   * @param options how to load (non-null)
   * @param workers the caller's executor, on which long plain lists and (above two processors) STIX
   *     bundles are decoded in parallel, and (above one processor) the versions of a large STIX
   *     load are made beside the calling thread; never shut down; null to read on the calling
   *     thread
   * @param stdin what {@code -} reads (never closed by the loader), or null for none
   */
  public IntelLoader(Options options, Executor workers, InputStream stdin) {
    this.options = Objects.requireNonNull(options, "options");
    this.workers = workers;
    this.stdin = stdin;
    this.plain =
        workers == null
            ? new PlainListImporter(options.defaultTlp())
            : new PlainListImporter(
                options.defaultTlp(), workers, Runtime.getRuntime().availableProcessors());
    this.misp = new MispImporter(options.defaultTlp(), options.maxMispEventBytes());
  }

  /**
   * Loads every input in order.
   *
   * @param inputs file paths, directory paths (walked recursively in name order, hidden entries
   *     skipped; a directory holding {@code manifest.json} is a MISP feed), or {@code -} for
   *     standard input (not closed)
   * @param sink receives versions and problems in input order; the versions of STIX bundles come
   *     after every input has been read, since what they carry (producer, reports, attribution,
   *     revocation) may be in any bundle of the load
   * @throws KasaException with {@link ErrorCode#INTERNAL} only on a bug in an importer
   */
  public Report load(List<String> inputs, IntelSink sink) {
    return load(inputs, List.of(), sink);
  }

  /**
   * Loads {@code inputs} as {@link #load(List, IntelSink)} does, then {@code plainLists}: files
   * read as plain lists whatever their name (a plain list found by detection is read only from a
   * file named as a list, {@link InputNames#isListName}, or from standard input).
   */
  public Report load(List<String> inputs, List<String> plainLists, IntelSink sink) {
    var counting = new Counting(sink);
    files = 0;
    mispContext = 0;
    notLists = 0;
    stix = new StixLoad(counting);
    try {
      loadAll(inputs, counting);
      forcedLists = true;
      loadAll(plainLists, counting);
    } finally {
      forcedLists = false;
      StixLoad load = stix;
      stix = null;
      load.finish(workers);
    }
    return new Report(files, counting.indicators, counting.problems, mispContext, notLists);
  }

  private void loadAll(List<String> inputs, Counting counting) {
    for (String input : inputs) {
      if (input.equals("-") && stdin == null) {
        files++;
        counting.problem(
            new Problem(
                ErrorCode.UNREADABLE_INPUT, FilePosition.of("-"), "no standard input to read"));
        continue;
      }
      if (input.equals("-")) {
        files++;
        try {
          // Standard input is not closed: it is not ours.
          read(InputBytes.open(stdin), "-", counting);
        } catch (IOException e) {
          counting.problem(
              new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of("-"), reason(e)));
        }
        continue;
      }
      Path path;
      try {
        path = Path.of(input);
      } catch (InvalidPathException e) {
        counting.problem(
            new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(input), "not a valid path"));
        continue;
      }
      if (Files.isDirectory(path)) {
        directory(path, input, 0, counting);
      } else {
        file(path, input, counting);
      }
    }
  }

  private void directory(Path dir, String name, int depth, IntelSink sink) {
    if (Files.isRegularFile(dir.resolve("manifest.json"))
        && (options.format() == null || options.format() == IntelFormat.MISP)) {
      MispImporter.Counts counts = misp.readFeed(dir, Origin.file(name), sink);
      files += counts.files();
      mispContext += counts.context();
      return;
    }
    if (depth > MAX_DIRECTORY_DEPTH) {
      sink.problem(
          new Problem(
              ErrorCode.UNREADABLE_INPUT, FilePosition.of(name), "directories nested too deep"));
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        if (!entry.getFileName().toString().startsWith(".")) {
          entries.add(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      sink.problem(new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(name), reason(e)));
      return;
    }
    entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path entry : entries) {
      String entryName = entry.toString();
      // As for logs: links to directories are not followed (they could loop), and nothing that is
      // not read (a dangling link, a pipe) is skipped without a word.
      InputFiles.Entry e = InputFiles.classify(entry);
      if (e.directory()) {
        directory(entry, entryName, depth + 1, sink);
      } else if (e.skipped() == null) {
        walking = true;
        try {
          file(entry, entryName, sink);
        } finally {
          walking = false;
        }
      } else {
        sink.problem(
            new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(entryName), e.skipped()));
      }
    }
  }

  private void file(Path path, String name, IntelSink sink) {
    try (InputBytes in = InputBytes.open(Files.newInputStream(path))) {
      files++;
      read(in, name, sink);
    } catch (IOException e) {
      sink.problem(new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(name), reason(e)));
    }
  }

  /**
   * Reads one input to its end; a truncated or corrupt gzip stream (or a read error) is reported
   * after what could be read before it, as for logs.
   */
  private void read(InputBytes in, String name, IntelSink sink) {
    stream(new BufferedInputStream(in, BUFFER), name, sink);
    if (in.damage() != null) {
      sink.problem(new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(name), in.damage()));
    }
  }

  private void stream(InputStream in, String name, IntelSink sink) {
    try {
      IntelFormat format = forcedLists ? IntelFormat.PLAIN_LIST : options.format();
      if (format == null) {
        in.mark(IntelFormat.PEEK_BYTES);
        byte[] prefix = in.readNBytes(IntelFormat.PEEK_BYTES);
        in.reset();
        Optional<IntelFormat> detected = IntelFormat.detect(prefix, prefix.length);
        if (detected.isEmpty()) {
          sink.problem(
              new Problem(
                  ErrorCode.INVALID_INPUT,
                  FilePosition.of(name),
                  "JSON that is neither a STIX bundle nor MISP events"));
          return;
        }
        format = detected.get();
        if (format == IntelFormat.PLAIN_LIST && !plainListAllowed(name, sink)) {
          return;
        }
      }
      Origin origin = Origin.file(name);
      switch (format) {
        case STIX ->
            (workers == null
                    ? new StixBundleImporter()
                    : new StixBundleImporter(StixReaderLimits.DEFAULT, workers))
                .read(in, name, origin, stix);
        case MISP -> mispContext += misp.read(in, name, origin, sink).context();
        case PLAIN_LIST -> plain.read(in, name, origin, sink);
      }
    } catch (IOException e) {
      sink.problem(new Problem(ErrorCode.UNREADABLE_INPUT, FilePosition.of(name), reason(e)));
    } catch (KasaException e) {
      ErrorCode code =
          switch (e.code().category()) {
            case INTERNAL -> throw e;
            case USER_ERROR, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, UNAVAILABLE ->
                ErrorCode.UNREADABLE_INPUT;
            case INVALID_INPUT, TOO_LARGE, CONFLICT, UNSUPPORTED_MEDIA, NOT_ACCEPTABLE ->
                ErrorCode.INVALID_INPUT;
          };
      sink.problem(new Problem(code, FilePosition.of(name), e.getMessage()));
    }
  }

  /**
   * Whether a file that reads as a plain list may be one: a LICENSE or README is also "one value a
   * line", so only its name (or {@code --intel-list}) says it holds indicators. Skipped quietly in
   * a directory walk (counted), reported when the file was named.
   */
  private boolean plainListAllowed(String name, IntelSink sink) {
    if (name.equals("-") || forcedLists || InputNames.isListName(name)) {
      return true;
    }
    if (walking) {
      notLists++;
      files--;
    } else {
      sink.problem(
          new Problem(
              ErrorCode.INVALID_INPUT,
              FilePosition.of(name),
              "neither a STIX bundle nor MISP JSON, and not named as a plain list (.txt, .list,"
                  + " .csv): give it with --intel-list to read it as one value a line"));
    }
    return false;
  }

  private static String reason(Exception e) {
    return switch (e) {
      case NoSuchFileException x -> "no such file or directory";
      case AccessDeniedException x -> "permission denied";
      case IOException io -> InputFiles.reason(io);
      default -> e.getMessage() != null ? e.getMessage() : e.toString();
    };
  }

  /** Counts what passes to the caller's sink. */
  private static final class Counting implements IntelSink {
    private final IntelSink delegate;
    private final Map<ErrorCode, Long> problems = new EnumMap<>(ErrorCode.class);
    private long indicators;

    Counting(IntelSink delegate) {
      this.delegate = delegate;
    }

    @Override
    public void version(IntelVersion version) {
      indicators += version.observables().size();
      delegate.version(version);
    }

    @Override
    public void indicator(Indicator indicator) {
      indicators++;
      delegate.indicator(indicator);
    }

    @Override
    public void versions(VersionColumns versions) {
      if (!delegate.takesColumns()) {
        IntelSink.super.versions(versions); // through this sink's own version and problem
        return;
      }
      indicators += versions.standingObservables();
      for (Problem refusal : versions.refusals()) {
        problems.merge(refusal.code(), 1L, Long::sum);
      }
      delegate.versions(versions);
    }

    @Override
    public boolean takesColumns() {
      return delegate.takesColumns();
    }

    @Override
    public void expect(int versions, int observables) {
      delegate.expect(versions, observables);
    }

    @Override
    public void problem(Problem problem) {
      problems.merge(problem.code(), 1L, Long::sum);
      delegate.problem(problem);
    }
  }
}
