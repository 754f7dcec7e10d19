package dev.kasa.cli.rules;

import picocli.CommandLine.Command;

/** {@code kasa rules}: the commands about Sigma rule files. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Checks Sigma rule files and runs their regression tests.",
    subcommands = {RulesCheckCommand.class, RulesTestCommand.class})
public final class RulesCommand {}
