package dev.kasa.cli.rules;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.cli.option.PathArguments;
import dev.kasa.cli.report.TerminalWriter;
import dev.kasa.detect.RuleCompilation;
import dev.kasa.regression.RegressionCases;
import dev.kasa.regression.RegressionRun;
import dev.kasa.sigma.program.SigmaProgram;
import dev.kasa.sigma.rule.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kasa rules test}: runs regression data laid out as SigmaHQ's {@code regression_data}. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Sigma regression tests: every info.yml under DIR names a rule and a .evtx sample"
          + " (read natively, or with --json the evtx_dump JSON beside it); the rule set is"
          + " compiled once and each sample swept with it.",
      "DIR may be a SigmaHQ checkout (its regression_data and rules* folders are used) or a"
          + " regression data folder (rules from --rules, else the rules* folders beside it).",
      "Exit status: 0 every test passed; 1 a test failed; 2 usage error; 3 the report could not be"
          + " written."
    })
final class RulesTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Regression data or SigmaHQ checkout.")
  Path dir;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description = "Rule files or folders. Repeatable.")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--json",
      description = "Read the evtx_dump JSON beside each .evtx instead of the .evtx itself.")
  boolean json;

  @Mixin SigmaOptions sigma = new SigmaOptions();

  @Override
  public Integer call() {
    PathArguments.requireExisting("regression data", List.of(dir.toString()));
    if (!Files.isDirectory(dir)) {
      throw new KasaException(ErrorCode.USAGE, "not a directory: " + dir);
    }
    Path data =
        Files.isDirectory(dir.resolve("regression_data")) ? dir.resolve("regression_data") : dir;
    List<Path> ruleDirs = rules.isEmpty() ? ruleFolders(data) : rules;
    if (ruleDirs.isEmpty()) {
      throw new KasaException(
          ErrorCode.USAGE, "no rules* folder beside " + data + "; give --rules PATH");
    }
    PathArguments.requireExisting("rules", rules.stream().map(Path::toString).toList());
    SigmaOptions.Resolved options = sigma.resolve();
    PrintWriter out = new TerminalWriter(spec.commandLine().getOut());
    RuleCompilation rules = options.load(ruleDirs, spec.commandLine().getErr());
    RuleSet set = rules.set();
    SigmaProgram program = rules.program();
    RegressionCases.Found found =
        RegressionCases.discover(
            data, json ? RegressionCases.Sample.JSON : RegressionCases.Sample.EVTX);
    List<RegressionRun.Result> results = RegressionRun.run(rules, found.cases());
    long passed = 0;
    for (RegressionRun.Result r : results) {
      if (r.passed()) {
        passed++;
      }
      out.printf(
          Locale.ROOT,
          "%s  %s  %s  %s%n",
          r.passed() ? "PASS" : "FAIL",
          r.test().ruleId(),
          r.test().ruleTitle() == null ? r.test().name() : r.test().ruleTitle(),
          r.passed()
              ? r.matches() + " match(es), expected at least " + r.test().expectedAtLeast()
              : r.problem() + " (" + r.test().info() + ")");
    }
    found.problems().forEach(p -> out.println("ERROR  " + p.text()));
    out.printf(
        Locale.ROOT,
        "%d of %d regression tests passed; %d failed; %d info files unreadable (rules: %d compiled,"
            + " %d problems, %d set aside until their placeholders have values)%n",
        passed,
        results.size(),
        results.size() - passed,
        found.problems().size(),
        program.rules().size(),
        set.problems().size() + program.problems().size(),
        program.setAside().size());
    out.flush();
    return passed == results.size() && found.problems().isEmpty() && !results.isEmpty() ? 0 : 1;
  }

  /** The {@code rules*} folders beside {@code data} (a SigmaHQ checkout's layout). */
  private static List<Path> ruleFolders(Path data) {
    Path root = data.toAbsolutePath().getParent();
    if (root == null) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().startsWith("rules"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
