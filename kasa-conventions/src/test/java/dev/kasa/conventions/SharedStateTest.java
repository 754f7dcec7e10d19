package dev.kasa.conventions;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Shared mutable state in the engine lives in a few named places (listed in docs/ARCHITECTURE.md),
 * and the matching core does no file I/O: so a long-running node can swap what it matches against
 * while matching goes on, and feed it from any source.
 */
class SharedStateTest {
  private static final Path ENGINE_CLASSES =
      RepositoryRoot.path().resolve("kasa-engine/target/classes");

  /**
   * The classes allowed to hold state that threads share and change, each for one reason. Adding
   * one means adding it to the list in docs/ARCHITECTURE.md too.
   */
  private static final Set<String> SHARED_STATE_HOLDERS =
      Set.of(
          // The one place where detection state changes: atomic publish of snapshots.
          "dev.kasa.detect.SnapshotHolder",
          // Progress counters, the chunk buffer pool and cancellation, read from other threads.
          "dev.kasa.event.EventScanner",
          // A chunk's line count, set by the thread that decoded it and read by the reading thread
          // when it cuts the next chunk (a volatile long per chunk; -1 until then).
          "dev.kasa.event.InputReader",
          // A bounded pool of chunk buffers shared by the callers of one instance.
          "dev.kasa.event.Decoders",
          // Chunk buffers, output buffers and chunk decoders handed between its workers.
          "dev.kasa.evtx.EvtxDump",
          // The hand-off between the STIX framer and its workers, and their stop flag.
          "dev.kasa.stix.StixParallelReader",
          // Versions of one STIX load made on a worker and delivered in order by the caller.
          "dev.kasa.intel.StixFinishPipeline",
          // One STIX load's provenances, interned by both threads of its finish.
          "dev.kasa.intel.StixLoad",
          // Rules disabled and regex tests stopped at run time, recorded by every worker.
          "dev.kasa.sigma.program.Faults",
          // A program read from the compiled-rules cache: each field test's patterns, compiled by
          // the first worker that uses them and published through a benign race (final fields).
          "dev.kasa.sigma.program.ReadPatterns",
          // The scratch states a program's evaluators gave back when their batch ended, taken by
          // the next evaluator on any worker (a bounded list under a lock).
          "dev.kasa.sigma.program.IdleScratches",
          // An automaton read from the compiled-rules cache: its walking tables, derived by the
          // first worker that scans it and published through a benign race (final fields).
          "dev.kasa.sigma.match.LiteralAutomaton",
          // The raw-keyword pair and skip tables shared by the buckets one compile builds in
          // parallel.
          "dev.kasa.sigma.program.Dispatch");

  private static JavaClasses engine() {
    return new ClassFileImporter().importPath(ENGINE_CLASSES);
  }

  private static final DescribedPredicate<JavaClass> SHARED_MUTABLE_TYPES =
      describe(
          "atomics, concurrent collections, blocking queues or thread-locals",
          c ->
              c.getPackageName().equals("java.util.concurrent.atomic")
                  || c.getPackageName().equals("java.util.concurrent")
                      && (c.getSimpleName().startsWith("Concurrent")
                          || c.getSimpleName().startsWith("CopyOnWrite")
                          || c.getSimpleName().endsWith("BlockingQueue")
                          || c.getSimpleName().endsWith("BlockingDeque"))
                  || c.isAssignableTo(ThreadLocal.class));

  private static final DescribedPredicate<JavaClass> SHARED_STATE_HOLDER =
      describe(
          "a named holder of shared state",
          c ->
              SHARED_STATE_HOLDERS.contains(c.getName())
                  || c.getEnclosingClass()
                      .map(e -> SHARED_STATE_HOLDERS.contains(e.getName()))
                      .orElse(false));

  @Test
  void onlyTheNamedHoldersUseAtomicsConcurrentCollectionsOrThreadLocals() {
    noClasses()
        .that(DescribedPredicate.not(SHARED_STATE_HOLDER))
        .should()
        .dependOnClassesThat(SHARED_MUTABLE_TYPES)
        .because(
            "state that threads share and change lives in the few places ARCHITECTURE.md lists;"
                + " per-worker state (matchers, probes, evaluators) is an object of each worker")
        .check(engine());
  }

  @Test
  void onlyTheNamedHoldersHaveVolatileFields() {
    noFields()
        .that()
        .areDeclaredInClassesThat(DescribedPredicate.not(SHARED_STATE_HOLDER))
        .should()
        .haveModifier(JavaModifier.VOLATILE)
        .check(engine());
  }

  @Test
  void noStaticFieldChanges() {
    fields()
        .that()
        .areStatic()
        .should()
        .beFinal()
        .because("a static that changes is state shared by every caller in the process")
        .check(engine());
  }

  @Test
  void theEngineMakesNoThreadsAndNoPoolsOfItsOwn() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.Executors")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadPoolExecutor")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ForkJoinPool")
        .orShould()
        .callConstructorWhere(
            describe(
                "a thread is made", call -> call.getTargetOwner().isAssignableTo(Thread.class)))
        .because("the caller injects the Executor work runs on, and owns its threads")
        .check(engine());
  }

  @Test
  void noLibraryReadsTheProcessStandardInput() {
    noClasses()
        .should()
        .accessField(System.class, "in")
        .because("a caller that has a standard input hands it over; a server has none")
        .check(engine());
  }

  @Test
  void matchingDoesNoFileIo() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.kasa.detect..", "dev.kasa.sigma.program..", "dev.kasa.sigma.correlation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..")
        .orShould()
        .dependOnClassesThat(
            describe(
                "java.io file classes",
                c ->
                    c.getPackageName().equals("java.io")
                        && (c.getSimpleName().startsWith("File")
                            || c.getSimpleName().equals("RandomAccessFile"))))
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.nio.channels.FileChannel")
        .because(
            "what is matched comes as bytes or records from any source: files are the front end's")
        .check(engine());
  }
}
