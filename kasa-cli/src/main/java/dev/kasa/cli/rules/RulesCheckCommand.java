package dev.kasa.cli.rules;

import dev.kasa.cli.option.PathArguments;
import dev.kasa.cli.report.TerminalWriter;
import dev.kasa.detect.RuleCompilation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kasa rules check DIR...}: loads Sigma files and prints a per-code report of every problem,
 * and the rules set aside until their placeholders have values. Exits 0 when there is no problem
 * (and, with {@code --strict}, no rule set aside), 1 otherwise, 2 on a missing path.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Loads and compiles Sigma rules, correlations and filters, and reports every problem by"
          + " reason: a rule is either compiled or rejected with file, line and construct.",
      "A rule whose expand placeholders have no values (see --placeholders) is valid: it is"
          + " listed as set aside until they are given, a warning that fails only with --strict.",
      "Exit status: 0 no problem, 1 problems (or, with --strict, rules set aside), 2 bad"
          + " arguments, 3 the report could not be written."
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

  @Option(
      names = "--strict",
      description =
          "Also exit 1 when rules are set aside because their placeholders have no values.")
  boolean strict;

  @Override
  public Integer call() {
    PathArguments.requireExisting("rules", paths.stream().map(Path::toString).toList());
    SigmaOptions.Resolved options = sigma.resolve();
    RuleCompilation compiled = options.load(paths, spec.commandLine().getErr());
    RuleCheckReport report = new RuleCheckReport(compiled.set());
    report.compiled(compiled);
    PrintWriter out = new TerminalWriter(spec.commandLine().getOut());
    report.print(out);
    out.flush();
    boolean failed = report.problemCount() > 0 || (strict && report.setAsideCount() > 0);
    return failed ? PROBLEMS : 0;
  }
}
