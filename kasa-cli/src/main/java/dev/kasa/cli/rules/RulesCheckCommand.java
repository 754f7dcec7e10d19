package dev.kasa.cli.rules;

import dev.kasa.cli.option.PathArguments;
import dev.kasa.cli.report.TerminalWriter;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kasa rules check DIR...}: loads Sigma files and prints a per-reason report of every
 * problem. Exits 0 when there is none, 1 when there is any, 2 on a missing path.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Loads and compiles Sigma rules, correlations and filters, and reports every problem by"
          + " reason: a rule is either compiled or rejected with file, line and construct.",
      "Exit status: 0 no problem, 1 problems, 2 bad arguments, 3 the report could not be written."
    })
final class RulesCheckCommand implements Callable<Integer> {
  /** Exit status when some rule has a problem. */
  static final int PROBLEMS = 1;

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Sigma files or directories (walked for *.yml and *.yaml).")
  List<Path> paths;

  @Mixin SigmaOptions sigma = new SigmaOptions();

  @Override
  public Integer call() {
    PathArguments.requireExisting("rules", paths.stream().map(Path::toString).toList());
    RuleCompilation.Options options = RuleCompilation.Options.of(sigma);
    RuleSet set = RuleLoader.load(paths);
    RuleCheckReport report = new RuleCheckReport(set);
    report.compiled(RuleCompilation.compile(set, options));
    PrintWriter out = new TerminalWriter(spec.commandLine().getOut());
    report.print(out);
    out.flush();
    return report.problemCount() == 0 ? 0 : PROBLEMS;
  }
}
