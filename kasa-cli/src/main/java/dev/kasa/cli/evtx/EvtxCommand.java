package dev.kasa.cli.evtx;

import picocli.CommandLine.Command;

/** {@code kasa evtx}: the commands about Windows event log files. */
@Command(
    name = "evtx",
    mixinStandardHelpOptions = true,
    description = "Reads Windows event log files (.evtx).",
    subcommands = {EvtxDumpCommand.class})
public final class EvtxCommand {}
