package dev.kasa.cli.evtx;

import dev.kasa.evtxwriter.EvtxWriter;
import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import dev.kasa.evtxwriter.WindowsEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sysmon process-creation logs written with the EVTX writer, for the command line's tests. */
public final class EvtxFiles {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final Template PROCESS =
      WindowsEvents.eventData(
          "process-creation",
          List.of("Image", "CommandLine", "User"),
          List.of(ValueType.STRING, ValueType.STRING, ValueType.STRING));

  private EvtxFiles() {}

  /**
   * Writes {@code n} process creations (record ids 1..n, {@code perChunk} to a chunk); the images
   * of the ids in {@code whoami} are {@code whoami.exe} run by {@code NT AUTHORITY\SYSTEM}.
   */
  public static void write(Path file, int n, int perChunk, List<Integer> whoami)
      throws IOException {
    try (EvtxWriter w = EvtxWriter.toFile(file, new EvtxWriter.Options(false, perChunk))) {
      for (int i = 1; i <= n; i++) {
        boolean hit = whoami.contains(i);
        WindowsEvents.SystemValues s =
            new WindowsEvents.SystemValues(
                "Microsoft-Windows-Sysmon",
                UUID.fromString("5770385f-c22a-43e0-bf4c-06f5698ffbd9"),
                1,
                null,
                5,
                4,
                1,
                0,
                0x8000000000000000L,
                T0.plusSeconds(i),
                i,
                null,
                3544,
                4272,
                "Microsoft-Windows-Sysmon/Operational",
                "S-1-5-18");
        Value data =
            Value.binXml(
                PROCESS,
                List.of(
                    Value.string(
                        hit ? "C:\\Windows\\System32\\whoami.exe" : "C:\\Tools\\tool" + i + ".exe"),
                    Value.string(hit ? "whoami /all" : "tool " + i),
                    Value.string(hit ? "NT AUTHORITY\\SYSTEM" : "BASE7\\bob")));
        w.write(i, T0, WindowsEvents.system("ws-1"), WindowsEvents.values(s, data));
      }
    }
  }
}
