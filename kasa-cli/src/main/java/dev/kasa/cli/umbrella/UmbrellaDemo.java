package dev.kasa.cli.umbrella;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code kasa demo umbrella}: three nodes on 127.0.0.1 tell the federation's story with real
 * traffic ({@link UmbrellaStory}), then serve until Ctrl-C.
 */
@Command(
    name = "umbrella",
    mixinStandardHelpOptions = true,
    description = {
      "Starts three nodes on 127.0.0.1 (two allied commands and a power utility) in a temporary"
          + " directory, links them and shows with real traffic how an ally's indicator and Sigma"
          + " rule arm the others, how a hit goes back as a sighting, and how AMBER and RED"
          + " objects are held back, with the audit of each decision.",
      "Then the nodes keep serving (web UI included) until Ctrl-C."
    })
public final class UmbrellaDemo implements Callable<Integer> {
  private final PrintWriter out;
  private final Clock clock;

  @Option(names = "--dir", hidden = true, description = "make the nodes in DIR and keep it")
  Path dir;

  @Option(names = "--exit", hidden = true, description = "stop after the story (for tests)")
  boolean exit;

  public UmbrellaDemo(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path base = dir != null ? dir : Files.createTempDirectory("kasa-umbrella-");
    Files.createDirectories(base);
    var stop = new CountDownLatch(1);
    if (!exit) {
      Signal.handle(new Signal("TERM"), s -> stop.countDown());
      Signal.handle(new Signal("INT"), s -> stop.countDown());
    }
    try (var story = new UmbrellaStory(out, base.toAbsolutePath(), clock)) {
      story.tell();
      if (exit) {
        return 0;
      }
      out.println("The nodes keep serving. Look around:");
      for (DemoNode n : story.nodes()) {
        out.printf("   %-8s web UI %s/ui/   node directory %s%n", n.name(), n.url(), n.dir());
      }
      out.println(
          "   log in as "
              + UmbrellaStory.ADMIN
              + " with the password "
              + story.adminPassword()
              + " (an admin at each node; the browser warns about the nodes' self-signed"
              + " certificates)");
      out.println(
          "   try: ./kasa audit "
              + base.resolve("bravo")
              + "   ./kasa link list "
              + base.resolve("charlie"));
      out.println("Ctrl-C stops the nodes.");
      out.flush();
      stop.await();
      out.println("stopping the nodes (their directories stay in " + base + ")");
      out.flush();
    }
    return 0;
  }
}
