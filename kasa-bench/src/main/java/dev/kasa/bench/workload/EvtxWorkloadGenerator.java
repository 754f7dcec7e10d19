package dev.kasa.bench.workload;

import dev.kasa.evtxwriter.EvtxWriter;
import dev.kasa.evtxwriter.Template;
import dev.kasa.evtxwriter.Value;
import dev.kasa.evtxwriter.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes the EVTX benchmark workload with the EVTX writer: {@code --files} logs of {@code
 * --file-mb} MiB each (whole 64 KiB chunks, one more for the last record), three in four Sysmon
 * (Microsoft-Windows-Sysmon/Operational: events 1, 3, 7, 11, 13) and one in four Security (4624,
 * 4688), shaped as Windows writes them (a System template, the event data as nested binary XML of
 * its own template, value types as the providers declare them). The same arguments always produce
 * the same bytes.
 *
 * <pre>
 * DIR/NN-Sysmon.evtx, DIR/NN-Security.evtx
 * DIR/workload.properties   the parameters and the number of records
 * </pre>
 */
public final class EvtxWorkloadGenerator {
  /** Bumped whenever the output for given parameters changes. */
  public static final int FORMAT_VERSION = 1;

  private static final Instant T0 = Instant.parse("2025-06-02T00:00:00Z");
  private static final UUID SYSMON = UUID.fromString("5770385f-c22a-43e0-bf4c-06f5698ffbd9");
  private static final UUID SECURITY = UUID.fromString("54849625-5478-4994-a5ba-3e3b0328c30d");
  private static final String[] TOOLS = {
    "powershell.exe", "cmd.exe", "rundll32.exe", "regsvr32.exe", "mshta.exe", "wmic.exe",
    "certutil.exe", "schtasks.exe", "svchost.exe", "explorer.exe", "chrome.exe", "msedge.exe"
  };
  private static final String[] USERS = {
    "NT AUTHORITY\\SYSTEM",
    "BASE7\\alice",
    "BASE7\\bob",
    "BASE7\\svc-backup",
    "NT AUTHORITY\\LOCAL SERVICE"
  };

  private EvtxWorkloadGenerator() {}

  /** What was written: files, bytes, records. */
  public record Summary(int files, long bytes, long records) {}

  public static void main(String[] args) throws IOException {
    Path out = null;
    int files = 64;
    int fileMb = 16;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--file-mb" -> fileMb = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> {
          System.err.println(
              "usage: EvtxWorkloadGenerator --out DIR [--files 64] [--file-mb 16] [--seed 42]");
          System.exit(2);
        }
      }
    }
    if (out == null || files < 1 || fileMb < 1) {
      System.err.println("usage: EvtxWorkloadGenerator --out DIR [--files N>=1] [--file-mb M>=1]");
      System.exit(2);
    }
    long start = System.nanoTime();
    Summary s = generate(out, files, fileMb, seed);
    System.out.printf(
        Locale.ROOT,
        "wrote %d files, %d bytes, %d records to %s in %.1f s%n",
        s.files(),
        s.bytes(),
        s.records(),
        out,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Writes the workload; files of {@code fileMb} MiB rounded to whole chunks, several at a time
   * (each file depends only on the seed and its number).
   */
  public static Summary generate(Path dir, int files, int fileMb, long seed) throws IOException {
    Files.createDirectories(dir);
    long chunks = Math.max(1, (long) fileMb * (1 << 20) / 65536);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.min(files, Runtime.getRuntime().availableProcessors()));
    try {
      List<java.util.concurrent.Future<long[]>> done = new ArrayList<>();
      for (int f = 0; f < files; f++) {
        int n = f;
        done.add(pool.submit(() -> file(dir, n, chunks, seed)));
      }
      long records = 0;
      long bytes = 0;
      for (var d : done) {
        long[] r = d.get();
        records += r[0];
        bytes += r[1];
      }
      Files.writeString(
          dir.resolve("workload.properties"),
          String.format(
              Locale.ROOT,
              "format=%d%nfiles=%d%nfile-mb=%d%nseed=%d%nbytes=%d%nrecords=%d%n",
              FORMAT_VERSION,
              files,
              fileMb,
              seed,
              bytes,
              records),
          StandardCharsets.UTF_8);
      return new Summary(files, bytes, records);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("generating failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes file {@code f}; its records and bytes. */
  private static long[] file(Path dir, int f, long chunks, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + f);
    boolean security = f % 4 == 3;
    Path file =
        dir.resolve(
            String.format(Locale.ROOT, "%02d-%s.evtx", f, security ? "Security" : "Sysmon"));
    Template system = dev.kasa.evtxwriter.WindowsEvents.system("WS-" + (100 + f % 7));
    long id = 1_000_000L * (f + 1);
    long records = 0;
    try (EvtxWriter w = EvtxWriter.toFile(file, EvtxWriter.Options.defaults())) {
      while (w.chunksWritten() < chunks) {
        Event e = security ? security(r) : sysmon(r);
        Instant t = T0.plusMillis(id % 86_400_000L);
        dev.kasa.evtxwriter.WindowsEvents.SystemValues s =
            new dev.kasa.evtxwriter.WindowsEvents.SystemValues(
                security ? "Microsoft-Windows-Security-Auditing" : "Microsoft-Windows-Sysmon",
                security ? SECURITY : SYSMON,
                e.id(),
                null,
                security ? 2 : 5,
                security ? 0 : 4,
                security ? 12544 : e.id(),
                0,
                security ? 0x8020000000000000L : 0x8000000000000000L,
                t,
                id,
                null,
                security ? 4 : 3544,
                4000 + r.nextInt(1000),
                security ? "Security" : "Microsoft-Windows-Sysmon/Operational",
                security ? null : "S-1-5-18");
        w.write(id, t, system, dev.kasa.evtxwriter.WindowsEvents.values(s, e.data()));
        id++;
        records++;
      }
    }
    return new long[] {records, Files.size(file)};
  }

  private record Event(int id, Value data) {}

  /** One template per event id and value type list; the names say what the values are. */
  private static Template template(String key, Object... namesAndTypes) {
    List<String> names = new ArrayList<>();
    List<ValueType> types = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      names.add((String) namesAndTypes[i]);
      types.add((ValueType) namesAndTypes[i + 1]);
    }
    return dev.kasa.evtxwriter.WindowsEvents.eventData(key, names, types);
  }

  private static final ValueType S = ValueType.STRING;
  private static final ValueType G = ValueType.GUID;
  private static final ValueType U32 = ValueType.UINT32;
  private static final ValueType U16 = ValueType.UINT16;

  private static final Template PROCESS =
      template(
          "sysmon-1",
          "RuleName",
          S,
          "UtcTime",
          S,
          "ProcessGuid",
          G,
          "ProcessId",
          U32,
          "Image",
          S,
          "FileVersion",
          S,
          "Description",
          S,
          "Product",
          S,
          "Company",
          S,
          "OriginalFileName",
          S,
          "CommandLine",
          S,
          "CurrentDirectory",
          S,
          "User",
          S,
          "LogonGuid",
          G,
          "LogonId",
          ValueType.HEX_INT64,
          "TerminalSessionId",
          U32,
          "IntegrityLevel",
          S,
          "Hashes",
          S,
          "ParentProcessGuid",
          G,
          "ParentProcessId",
          U32,
          "ParentImage",
          S,
          "ParentCommandLine",
          S,
          "ParentUser",
          S);
  private static final Template NETWORK =
      template(
          "sysmon-3",
          "RuleName",
          S,
          "UtcTime",
          S,
          "ProcessGuid",
          G,
          "ProcessId",
          U32,
          "Image",
          S,
          "User",
          S,
          "Protocol",
          S,
          "Initiated",
          ValueType.BOOL,
          "SourceIsIpv6",
          ValueType.BOOL,
          "SourceIp",
          S,
          "SourceHostname",
          S,
          "SourcePort",
          U16,
          "SourcePortName",
          S,
          "DestinationIsIpv6",
          ValueType.BOOL,
          "DestinationIp",
          S,
          "DestinationHostname",
          S,
          "DestinationPort",
          U16,
          "DestinationPortName",
          S);
  private static final Template IMAGE =
      template(
          "sysmon-7",
          "RuleName",
          S,
          "UtcTime",
          S,
          "ProcessGuid",
          G,
          "ProcessId",
          U32,
          "Image",
          S,
          "ImageLoaded",
          S,
          "FileVersion",
          S,
          "Description",
          S,
          "Product",
          S,
          "Company",
          S,
          "OriginalFileName",
          S,
          "Hashes",
          S,
          "Signed",
          S,
          "Signature",
          S,
          "SignatureStatus",
          S,
          "User",
          S);
  private static final Template FILE =
      template(
          "sysmon-11",
          "RuleName",
          S,
          "UtcTime",
          S,
          "ProcessGuid",
          G,
          "ProcessId",
          U32,
          "Image",
          S,
          "TargetFilename",
          S,
          "CreationUtcTime",
          S,
          "User",
          S);
  private static final Template REGISTRY =
      template(
          "sysmon-13",
          "RuleName",
          S,
          "EventType",
          S,
          "UtcTime",
          S,
          "ProcessGuid",
          G,
          "ProcessId",
          U32,
          "Image",
          S,
          "TargetObject",
          S,
          "Details",
          S,
          "User",
          S);
  private static final Template LOGON =
      template(
          "security-4624",
          "SubjectUserSid",
          ValueType.SID,
          "SubjectUserName",
          S,
          "SubjectDomainName",
          S,
          "SubjectLogonId",
          ValueType.HEX_INT64,
          "TargetUserSid",
          ValueType.SID,
          "TargetUserName",
          S,
          "TargetDomainName",
          S,
          "TargetLogonId",
          ValueType.HEX_INT64,
          "LogonType",
          U32,
          "LogonProcessName",
          S,
          "AuthenticationPackageName",
          S,
          "WorkstationName",
          S,
          "LogonGuid",
          G,
          "TransmittedServices",
          S,
          "LmPackageName",
          S,
          "KeyLength",
          U32,
          "ProcessId",
          ValueType.HEX_INT64,
          "ProcessName",
          S,
          "IpAddress",
          S,
          "IpPort",
          S,
          "ImpersonationLevel",
          S,
          "ElevatedToken",
          S);
  private static final Template NEW_PROCESS =
      template(
          "security-4688",
          "SubjectUserSid",
          ValueType.SID,
          "SubjectUserName",
          S,
          "SubjectDomainName",
          S,
          "SubjectLogonId",
          ValueType.HEX_INT64,
          "NewProcessId",
          ValueType.HEX_INT64,
          "NewProcessName",
          S,
          "TokenElevationType",
          S,
          "ProcessId",
          ValueType.HEX_INT64,
          "CommandLine",
          S,
          "TargetUserSid",
          ValueType.SID,
          "TargetUserName",
          S,
          "TargetDomainName",
          S,
          "TargetLogonId",
          ValueType.HEX_INT64,
          "ParentProcessName",
          S,
          "MandatoryLabel",
          ValueType.SID);

  private static Event sysmon(SplittableRandom r) {
    int kind = r.nextInt(100);
    String tool = TOOLS[r.nextInt(TOOLS.length)];
    String image = "C:\\Windows\\System32\\" + tool;
    String user = USERS[r.nextInt(USERS.length)];
    Value utc = Value.string(utc(r));
    if (kind < 35) {
      return new Event(
          1,
          Value.binXml(
              PROCESS,
              List.of(
                  Value.string("-"),
                  utc,
                  guid(r),
                  Value.uint32(r.nextInt(65536)),
                  Value.string(image),
                  Value.string("10.0.26100." + r.nextInt(9000)),
                  Value.string("Windows " + tool),
                  Value.string("Microsoft\u00ae Windows\u00ae Operating System"),
                  Value.string("Microsoft Corporation"),
                  Value.string(tool.toUpperCase(Locale.ROOT)),
                  Value.string(commandLine(r, tool)),
                  Value.string("C:\\Users\\alice\\"),
                  Value.string(user),
                  guid(r),
                  Value.hexInt64(0x3e7 + r.nextInt(1 << 20)),
                  Value.uint32(r.nextInt(3)),
                  Value.string("High"),
                  Value.string(hashes(r)),
                  guid(r),
                  Value.uint32(r.nextInt(65536)),
                  Value.string("C:\\Windows\\explorer.exe"),
                  Value.string("C:\\Windows\\Explorer.EXE"),
                  Value.string(user))));
    }
    if (kind < 60) {
      return new Event(
          3,
          Value.binXml(
              NETWORK,
              List.of(
                  Value.string("-"),
                  utc,
                  guid(r),
                  Value.uint32(r.nextInt(65536)),
                  Value.string(image),
                  Value.string(user),
                  Value.string("tcp"),
                  Value.bool(true),
                  Value.bool(false),
                  Value.string("10.1." + r.nextInt(256) + "." + r.nextInt(256)),
                  Value.string("ws-" + r.nextInt(100) + ".base7.example.com"),
                  Value.uint16(49152 + r.nextInt(16000)),
                  Value.string("-"),
                  Value.bool(false),
                  Value.string(
                      (100 + r.nextInt(120))
                          + "."
                          + r.nextInt(256)
                          + "."
                          + r.nextInt(256)
                          + "."
                          + r.nextInt(256)),
                  Value.string("cdn" + r.nextInt(50) + ".example.net"),
                  Value.uint16(443),
                  Value.string("https"))));
    }
    if (kind < 80) {
      String dll = "C:\\Windows\\System32\\lib" + r.nextInt(400) + ".dll";
      return new Event(
          7,
          Value.binXml(
              IMAGE,
              List.of(
                  Value.string("-"),
                  utc,
                  guid(r),
                  Value.uint32(r.nextInt(65536)),
                  Value.string(image),
                  Value.string(dll),
                  Value.string("10.0.26100.1"),
                  Value.string("Library"),
                  Value.string("Microsoft\u00ae Windows\u00ae Operating System"),
                  Value.string("Microsoft Corporation"),
                  Value.string("LIB.DLL"),
                  Value.string(hashes(r)),
                  Value.string("true"),
                  Value.string("Microsoft Windows"),
                  Value.string("Valid"),
                  Value.string(user))));
    }
    if (kind < 92) {
      return new Event(
          11,
          Value.binXml(
              FILE,
              List.of(
                  Value.string("-"),
                  utc,
                  guid(r),
                  Value.uint32(r.nextInt(65536)),
                  Value.string(image),
                  Value.string(
                      "C:\\Users\\alice\\AppData\\Local\\Temp\\"
                          + Long.toHexString(r.nextLong())
                          + ".tmp"),
                  Value.string(utc(r)),
                  Value.string(user))));
    }
    return new Event(
        13,
        Value.binXml(
            REGISTRY,
            List.of(
                Value.string("-"),
                Value.string("SetValue"),
                utc,
                guid(r),
                Value.uint32(r.nextInt(65536)),
                Value.string(image),
                Value.string(
                    "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\k" + r.nextInt(1000)),
                Value.string("DWORD (0x0000000" + r.nextInt(10) + ")"),
                Value.string(user))));
  }

  private static Event security(SplittableRandom r) {
    String sid = "S-1-5-21-3623811015-3361044348-30300820-" + (1000 + r.nextInt(500));
    if (r.nextInt(2) == 0) {
      return new Event(
          4624,
          Value.binXml(
              LOGON,
              List.of(
                  Value.sid("S-1-5-18"),
                  Value.string("WS-1$"),
                  Value.string("BASE7"),
                  Value.hexInt64(0x3e7),
                  Value.sid(sid),
                  Value.string("alice"),
                  Value.string("BASE7"),
                  Value.hexInt64(r.nextInt(1 << 24)),
                  Value.uint32(2 + r.nextInt(9)),
                  Value.string("User32 "),
                  Value.string("Negotiate"),
                  Value.string("WS-1"),
                  guid(r),
                  Value.string("-"),
                  Value.string("-"),
                  Value.uint32(0),
                  Value.hexInt64(r.nextInt(1 << 16)),
                  Value.string("C:\\Windows\\System32\\svchost.exe"),
                  Value.string("10.1." + r.nextInt(256) + "." + r.nextInt(256)),
                  Value.string(Integer.toString(r.nextInt(65536))),
                  Value.string("%%1833"),
                  Value.string("%%1842"))));
    }
    String tool = TOOLS[r.nextInt(TOOLS.length)];
    return new Event(
        4688,
        Value.binXml(
            NEW_PROCESS,
            List.of(
                Value.sid(sid),
                Value.string("alice"),
                Value.string("BASE7"),
                Value.hexInt64(r.nextInt(1 << 24)),
                Value.hexInt64(r.nextInt(1 << 16)),
                Value.string("C:\\Windows\\System32\\" + tool),
                Value.string("%%1938"),
                Value.hexInt64(r.nextInt(1 << 16)),
                Value.string(commandLine(r, tool)),
                Value.sid("S-1-0-0"),
                Value.string("-"),
                Value.string("-"),
                Value.hexInt64(0),
                Value.string("C:\\Windows\\explorer.exe"),
                Value.sid("S-1-16-8192"))));
  }

  private static Value guid(SplittableRandom r) {
    return Value.guid(new UUID(r.nextLong(), r.nextLong()));
  }

  private static String utc(SplittableRandom r) {
    return String.format(
        Locale.ROOT,
        "2025-06-02 %02d:%02d:%02d.%03d",
        r.nextInt(24),
        r.nextInt(60),
        r.nextInt(60),
        r.nextInt(1000));
  }

  private static String hashes(SplittableRandom r) {
    return "SHA1="
        + hex(r, 40)
        + ",MD5="
        + hex(r, 32)
        + ",SHA256="
        + hex(r, 64)
        + ",IMPHASH="
        + hex(r, 32);
  }

  private static String hex(SplittableRandom r, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append("0123456789ABCDEF".charAt(r.nextInt(16)));
    }
    return s.toString();
  }

  private static String commandLine(SplittableRandom r, String tool) {
    StringBuilder s = new StringBuilder(tool);
    int args = 1 + r.nextInt(6);
    for (int i = 0; i < args; i++) {
      s.append(" -").append("abcdefghijklmnop".charAt(r.nextInt(16))).append(' ');
      s.append("C:\\ProgramData\\").append(Long.toString(r.nextLong() & 0xffffffffL, 36));
    }
    return s.toString();
  }
}
