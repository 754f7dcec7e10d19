package dev.kasa.evtxwriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs libevtx's {@code evtxexport}; tests using it skip when it is not installed. */
final class Evtxexport {
  private Evtxexport() {}

  static void assumeInstalled() {
    Assumptions.assumeTrue(
        installed(),
        "evtxexport (libevtx-utils) is not installed; apt-get install libevtx-utils to run this");
  }

  static boolean installed() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "evtxexport"))) {
        return true;
      }
    }
    return false;
  }

  /** The output of {@code evtxexport -f xml file}; fails on a non-zero exit. */
  static String xml(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("evtxexport", "-f", "xml", file.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(
          "evtxexport failed on " + file + ":\n" + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The {@code <Event>...</Event>} blocks of evtxexport's XML output, in order. */
  static List<String> events(String xml) {
    List<String> events = new ArrayList<>();
    int from = 0;
    while (true) {
      int s = xml.indexOf("<Event", from);
      if (s < 0) {
        return events;
      }
      int e = xml.indexOf("</Event>", s);
      int empty = xml.indexOf("/>", s);
      int end = e < 0 ? xml.length() : e + "</Event>".length();
      events.add(xml.substring(s, end));
      from = Math.max(end, empty < 0 ? end : Math.min(end, empty + 2));
    }
  }
}
