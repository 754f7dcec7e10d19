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
}
