package dev.kasa.cli.node;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.node.admin.NodeAdmin;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetFiles;
import dev.kasa.node.asset.AssetKind;
import dev.kasa.node.asset.Cidr;
import dev.kasa.node.asset.Sector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kasa asset add|import|list}: the node's protected assets. A running node sees a change
 * within a second.
 */
@Command(name = "asset", mixinStandardHelpOptions = true, description = "Manage protected assets.")
public final class AssetCommand {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;

  public AssetCommand(PrintWriter out, PrintWriter err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add an asset, or replace the one of that name.")
  int add(
      @Parameters(index = "0", paramLabel = "DIR") Path dir,
      @Parameters(index = "1", paramLabel = "NAME") String name,
      @Option(names = "--kind", required = true, paramLabel = "base|facility|network|host|service")
          String kind,
      @Option(names = "--address", paramLabel = "CIDR") List<String> addresses,
      @Option(names = "--hostname", paramLabel = "NAME") List<String> hostnames,
      @Option(names = "--owner") String owner,
      @Option(
              names = "--sector",
              required = true,
              paramLabel = "defense|energy|telecom|transport|government|major-event")
          String sector,
      @Option(names = "--criticality", required = true, paramLabel = "1-5") int criticality,
      @Option(names = "--tag") List<String> tags) {
    Asset a;
    try {
      var cidrs = new ArrayList<Cidr>();
      for (String s : addresses == null ? List.<String>of() : addresses) {
        cidrs.add(Cidr.parse(s));
      }
      a =
          new Asset(
              name,
              AssetKind.parse(kind),
              cidrs,
              hostnames == null ? List.of() : hostnames,
              owner,
              Sector.parse(sector),
              criticality,
              tags == null ? List.of() : tags);
    } catch (KasaException e) {
      throw new KasaException(ErrorCode.USAGE, e.getMessage());
    }
    try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
      admin.putAssets(List.of(a));
    }
    out.println("asset " + name + " added");
    return 0;
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import assets from CSV (header: name,kind,addresses,hostnames,owner,sector,criticality,"
              + "tags; lists ';'-separated) or YAML (.yml/.yaml). Bad rows are named on stderr by"
              + " file:line (exit 3); the good rows are stored.")
  int importFiles(
      @Parameters(index = "0", paramLabel = "DIR") Path dir,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE") List<Path> files) {
    var assets = new ArrayList<Asset>();
    var problems = new ArrayList<String>();
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f);
      } catch (IOException e) {
        throw new KasaException(ErrorCode.UNREADABLE_INPUT, "cannot read " + f + ": " + e, e);
      }
      AssetFiles.Read r = AssetFiles.read(f.toString(), text);
      assets.addAll(r.assets());
      problems.addAll(r.problems());
    }
    try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
      admin.putAssets(assets);
    }
    problems.forEach(err::println);
    err.flush();
    out.println(assets.size() + " assets imported, " + problems.size() + " rows refused");
    return problems.isEmpty() ? 0 : 3;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the assets as CSV (the import format).")
  int list(@Parameters(index = "0", paramLabel = "DIR") Path dir) {
    List<Asset> assets;
    try (NodeAdmin admin = NodeAdmin.open(dir, clock)) {
      assets = admin.assets();
    }
    out.println("name,kind,addresses,hostnames,owner,sector,criticality,tags");
    for (Asset a : assets) {
      out.println(
          String.join(
              ",",
              csv(a.name()),
              a.kind().label(),
              csv(String.join(";", a.addresses().stream().map(Cidr::toString).toList())),
              csv(String.join(";", a.hostnames())),
              csv(a.owner() == null ? "" : a.owner()),
              a.sector().label(),
              Integer.toString(a.criticality()),
              csv(String.join(";", a.tags()))));
    }
    return 0;
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
