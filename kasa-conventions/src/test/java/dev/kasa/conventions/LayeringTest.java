package dev.kasa.conventions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module layering written down and enforced: the engine is a pure library. */
class LayeringTest {
  private static final Path ENGINE_CLASSES =
      RepositoryRoot.path().resolve("kasa-engine/target/classes");

  private static final Path WRITER_CLASSES =
      RepositoryRoot.path().resolve("kasa-evtx-writer/target/classes");
  private static final Path NODE_CLASSES =
      RepositoryRoot.path().resolve("kasa-node/target/classes");
  private static final String[] DATABASE = {
    "java.sql..",
    "javax.sql..",
    "org.jdbi..",
    "org.flywaydb..",
    "com.zaxxer..",
    "org.sqlite..",
    "org.postgresql.."
  };
  private static final String[] WEB = {"io.javalin..", "org.eclipse.jetty..", "jakarta.servlet.."};

  private static JavaClasses node() {
    return new ClassFileImporter().importPath(NODE_CLASSES);
  }

  @Test
  void nodeIsNoCommandLineAndHasNoDumpingGrounds() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..", "dev.kasa.cli..")
        .because("kasa-node is a library the kasa command drives")
        .check(node());
    noClasses()
        .should()
        .resideInAnyPackage(
            "..util..", "..utils..", "..common..", "..impl..", "..manager..", "..service..")
        .because("packages are named for what they hold")
        .check(node());
  }

  @Test
  void taxiiHandlersDoNotTouchTheDatabase() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.node.taxii..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DATABASE)
        .because("TAXII handlers go through the store's API")
        .check(node());
  }

  @Test
  void theWebUiDoesNotTouchTheDatabase() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.node.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DATABASE)
        .because("the UI's pages read through the store's API")
        .check(node());
  }

  @Test
  void theStoreKnowsNothingOfTheWeb() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.node.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            concat(
                WEB,
                "dev.kasa.node.taxii..",
                "dev.kasa.node.ui..",
                "dev.kasa.node.http..",
                "dev.kasa.node.sharing..",
                "dev.kasa.node.auth.."))
        .check(node());
  }

  @Test
  void sharingAuthAndIntakeAreFreeOfWebAndDatabase() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.kasa.node.sharing..", "dev.kasa.node.auth..", "dev.kasa.node.intake..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(WEB, DATABASE))
        .because("the sharing decision, authentication and object intake are pure logic")
        .check(node());
  }

  @Test
  void theWebLayerDoesNotTouchTheDatabase() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.node.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(DATABASE, "dev.kasa.node.store.."))
        .check(node());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static JavaClasses engine() {
    return new ClassFileImporter().importPath(ENGINE_CLASSES);
  }

  @Test
  void engineImportsNoFrontEndOrInfrastructure() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "picocli..",
            "io.javalin..",
            "java.sql..",
            "javax.sql..",
            "org.jdbi..",
            "org.flywaydb..",
            "org.apache.kafka..",
            "dev.kasa.cli..",
            "java.awt..",
            "javax.swing..")
        .because("kasa-engine is a pure library that servers, stores and runtimes build on")
        .check(engine());
  }

  @Test
  void noDumpingGroundPackages() {
    noClasses()
        .should()
        .resideInAnyPackage(
            "..util..", "..utils..", "..common..", "..impl..", "..manager..", "..service..")
        .because("packages are named for what they hold")
        .check(engine());
  }

  @Test
  void observablesDependOnNothingElseInKasa() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.observable..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kasa.intel..", "dev.kasa.event..", "dev.kasa.detect..", "dev.kasa.stix..")
        .check(engine());
  }

  @Test
  void regexSyntaxDependsOnNothingElseInKasa() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.regex..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kasa.observable..",
            "dev.kasa.stix..",
            "dev.kasa.intel..",
            "dev.kasa.event..",
            "dev.kasa.detect..",
            "dev.kasa.sigma..")
        .because("Sigma rules and STIX patterns both bound their regexes with it")
        .check(engine());
  }

  @Test
  void inputFilesDependOnNothingElseInKasa() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.input..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kasa.observable..",
            "dev.kasa.stix..",
            "dev.kasa.intel..",
            "dev.kasa.event..",
            "dev.kasa.detect..",
            "dev.kasa.sigma..")
        .because("logs and intelligence walk directories and read damaged files the same way")
        .check(engine());
  }

  @Test
  void eventDecodingKnowsNothingOfIntelOrMatching() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.event..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.kasa.intel..", "dev.kasa.detect..", "dev.kasa.stix..")
        .check(engine());
  }

  @Test
  void stixModelKnowsNothingOfKasaIndicators() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.stix..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.kasa.intel..", "dev.kasa.event..", "dev.kasa.detect..")
        .check(engine());
  }

  @Test
  void sightingsKnowOnlyTheStixModel() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.sighting..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kasa.intel..", "dev.kasa.event..", "dev.kasa.detect..", "dev.kasa.sigma..")
        .because("scan, node and federation make sightings from whatever they sighted")
        .check(engine());
  }

  @Test
  void sigmaRulesKnowNothingOfEventsIndicatorsOrMatching() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.sigma.rule..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kasa.event..",
            "dev.kasa.intel..",
            "dev.kasa.detect..",
            "dev.kasa.stix..",
            "dev.kasa.sigma.match..",
            "dev.kasa.sigma.program..",
            "dev.kasa.sigma.correlation..")
        .check(engine());
  }

  @Test
  void sigmaIsIndependentOfIndicatorMatching() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.sigma..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.kasa.intel..", "dev.kasa.detect..", "dev.kasa.stix..")
        .check(engine());
  }

  @Test
  void correlationsWorkOnMatchesNotOnEvents() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.sigma.correlation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.kasa.event..", "dev.kasa.sigma.program..")
        .check(engine());
  }

  @Test
  void evtxReadingKnowsNothingElseOfKasa() {
    noClasses()
        .that()
        .resideInAPackage("dev.kasa.evtx..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.kasa.event..",
            "dev.kasa.observable..",
            "dev.kasa.intel..",
            "dev.kasa.detect..",
            "dev.kasa.stix..",
            "dev.kasa.sigma..",
            "dev.kasa.evtxwriter..")
        .because("the EVTX reader is a format library the event decoders build on")
        .check(engine());
  }

  @Test
  void theEvtxWriterDependsOnNoOtherKasaModule() {
    noClasses()
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "Kasa classes outside the writer",
                (com.tngtech.archunit.core.domain.JavaClass c) ->
                    c.getPackageName().startsWith("dev.kasa")
                        && !c.getPackageName().startsWith("dev.kasa.evtxwriter")))
        .because("kasa-evtx-writer makes test fixtures and workloads for any module")
        .check(new ClassFileImporter().importPath(WRITER_CLASSES));
  }
}
