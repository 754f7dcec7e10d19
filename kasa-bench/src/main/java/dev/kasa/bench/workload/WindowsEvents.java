package dev.kasa.bench.workload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated NXLog-style flat Windows events, one JSON object per line: Sysmon 1/3/11/13 and
 * Security 4624/4688, about 40 fields each with long {@code CommandLine} and {@code Message}
 * values. Deterministic for a seed. Thread-safe: stateless.
 */
public final class WindowsEvents {
  private WindowsEvents() {}

  private static final String[] TOOLS = {
    "powershell.exe",
    "cmd.exe",
    "rundll32.exe",
    "regsvr32.exe",
    "mshta.exe",
    "wmic.exe",
    "certutil.exe",
    "schtasks.exe",
    "svchost.exe",
    "explorer.exe"
  };

  /** {@code n} events as UTF-8 JSON lines. */
  public static byte[] generate(int n, long seed) {
    Random r = new Random(seed);
    StringBuilder out = new StringBuilder(n * 2200);
    int[] ids = {1, 3, 11, 13, 4624, 4688};
    for (int i = 0; i < n; i++) {
      int id = ids[r.nextInt(ids.length)];
      List<String[]> f = new ArrayList<>();
      common(f, r, id, i);
      switch (id) {
        case 1 -> processCreate(f, r);
        case 3 -> network(f, r);
        case 11 -> fileCreate(f, r);
        case 13 -> registry(f, r);
        case 4624 -> logon(f, r);
        default -> newProcess(f, r);
      }
      f.add(new String[] {"Message", message(f)});
      out.append('{');
      for (int k = 0; k < f.size(); k++) {
        String v = f.get(k)[1];
        out.append(k == 0 ? "" : ",").append('"').append(f.get(k)[0]).append("\":");
        boolean number = !v.isEmpty() && v.chars().allMatch(Character::isDigit) && v.length() < 10;
        out.append(number ? v : quote(v));
      }
      out.append("}\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void common(List<String[]> f, Random r, int id, int i) {
    boolean sysmon = id < 100;
    String t = String.format("2024-01-02 %02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
    add(f, "EventTime", t, "Hostname", "ws" + r.nextInt(500) + ".base.local");
    add(f, "Keywords", sysmon ? "-9223372036854775808" : "-9214364837600034816");
    add(f, "EventType", "INFO", "SeverityValue", "2", "Severity", "INFO");
    add(f, "EventID", Integer.toString(id));
    add(
        f,
        "SourceName",
        sysmon ? "Microsoft-Windows-Sysmon" : "Microsoft-Windows-Security-Auditing");
    add(f, "ProviderGuid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", "Version", "5");
    add(f, "Task", Integer.toString(id), "OpcodeValue", "0", "RecordNumber", Integer.toString(i));
    add(f, "ProcessID", Integer.toString(r.nextInt(9000)), "ThreadID", "" + r.nextInt(9000));
    add(f, "Channel", sysmon ? "Microsoft-Windows-Sysmon/Operational" : "Security");
    add(f, "Domain", "NT AUTHORITY", "AccountName", "SYSTEM", "UserID", "S-1-5-18");
    add(f, "AccountType", "User", "Category", "Process Create (rule: ProcessCreate)");
    add(f, "Opcode", "Info", "EventReceivedTime", t, "SourceModuleName", "eventlog");
    add(f, "SourceModuleType", "im_msvistalog");
    add(f, "@timestamp", "2024-01-02T03:04:05.000Z");
  }

  private static void processCreate(List<String[]> f, Random r) {
    String tool = TOOLS[r.nextInt(TOOLS.length)];
    add(f, "RuleName", "-", "UtcTime", "2024-01-02 03:04:05.123", "ProcessGuid", guid(r));
    add(f, "ProcessId", "" + r.nextInt(9000), "Image", "C:\\Windows\\System32\\" + tool);
    add(f, "FileVersion", "10.0.19041.1 (WinBuild.160101.0800)", "Description", tool);
    add(f, "Product", "Microsoft® Windows® Operating System", "Company", "Microsoft Corporation");
    add(f, "OriginalFileName", tool.toUpperCase(Locale.ROOT), "CommandLine", cmd(r, tool));
    add(f, "CurrentDirectory", "C:\\Users\\alice\\", "User", "BASE\\alice");
    add(f, "LogonGuid", guid(r), "LogonId", "0x3e7", "TerminalSessionId", "1");
    add(f, "IntegrityLevel", "High", "Hashes", "SHA1=" + hex(r, 40) + ",MD5=" + hex(r, 32));
    add(f, "ParentProcessGuid", guid(r), "ParentProcessId", "" + r.nextInt(9000));
    add(f, "ParentImage", "C:\\Windows\\explorer.exe", "ParentCommandLine", cmd(r, "explorer.exe"));
    add(f, "ParentUser", "BASE\\alice");
  }

  private static void network(List<String[]> f, Random r) {
    add(f, "RuleName", "-", "UtcTime", "2024-01-02 03:04:05.123", "ProcessGuid", guid(r));
    add(f, "ProcessId", "" + r.nextInt(9000), "Image", "C:\\Windows\\System32\\svchost.exe");
    add(f, "User", "NT AUTHORITY\\NETWORK SERVICE", "Protocol", "tcp", "Initiated", "true");
    add(f, "SourceIsIpv6", "false", "SourceIp", ip(r), "SourceHostname", "ws1.base.local");
    add(f, "SourcePort", "" + (49152 + r.nextInt(16000)), "SourcePortName", "-");
    add(f, "DestinationIsIpv6", "false", "DestinationIp", ip(r));
    add(f, "DestinationHostname", "h" + r.nextInt(10_000) + ".example.net");
    add(f, "DestinationPort", "443", "DestinationPortName", "https");
  }

  private static void fileCreate(List<String[]> f, Random r) {
    add(f, "RuleName", "-", "UtcTime", "2024-01-02 03:04:05.123", "ProcessGuid", guid(r));
    add(f, "ProcessId", "" + r.nextInt(9000), "Image", "C:\\Windows\\System32\\cmd.exe");
    add(f, "TargetFilename", "C:\\Users\\alice\\AppData\\Local\\Temp\\" + hex(r, 12) + ".tmp");
    add(f, "CreationUtcTime", "2024-01-02 03:04:05.100", "User", "BASE\\alice");
  }

  private static void registry(List<String[]> f, Random r) {
    add(f, "RuleName", "-", "EventType", "SetValue", "UtcTime", "2024-01-02 03:04:05.123");
    add(f, "ProcessGuid", guid(r), "ProcessId", "" + r.nextInt(9000));
    add(f, "Image", "C:\\Windows\\regedit.exe", "User", "BASE\\alice");
    add(f, "TargetObject", "HKU\\S-1-5-21\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x");
    add(f, "Details", "C:\\Users\\alice\\AppData\\Roaming\\" + hex(r, 8) + ".exe");
  }

  private static void logon(List<String[]> f, Random r) {
    add(f, "SubjectUserSid", "S-1-5-18", "SubjectUserName", "WS1$", "SubjectDomainName", "BASE");
    add(f, "SubjectLogonId", "0x3e7", "TargetUserSid", "S-1-5-21-" + r.nextInt(99999));
    add(f, "TargetUserName", "bob", "TargetDomainName", "BASE", "TargetLogonId", "0x1a2b3c");
    add(f, "LogonType", "" + (2 + r.nextInt(9)), "LogonProcessName", "User32");
    add(f, "AuthenticationPackageName", "Negotiate", "WorkstationName", "WS1");
    add(f, "LogonGuid", guid(r), "TransmittedServices", "-", "LmPackageName", "-");
    add(f, "KeyLength", "0", "ProcessName", "C:\\Windows\\System32\\svchost.exe");
    add(f, "IpAddress", ip(r), "IpPort", "" + r.nextInt(65535), "ImpersonationLevel", "%%1833");
  }

  private static void newProcess(List<String[]> f, Random r) {
    String tool = TOOLS[r.nextInt(TOOLS.length)];
    add(f, "SubjectUserSid", "S-1-5-18", "SubjectUserName", "WS1$", "SubjectDomainName", "BASE");
    add(f, "SubjectLogonId", "0x3e7", "NewProcessId", "0x" + hex(r, 4));
    add(f, "NewProcessName", "C:\\Windows\\System32\\" + tool, "TokenElevationType", "%%1936");
    add(f, "ProcessId", "0x" + hex(r, 4), "CommandLine", cmd(r, tool));
    add(f, "TargetUserSid", "S-1-0-0", "TargetUserName", "-", "TargetDomainName", "-");
    add(f, "TargetLogonId", "0x0", "ParentProcessName", "C:\\Windows\\explorer.exe");
    add(f, "MandatoryLabel", "S-1-16-12288");
  }

  private static void add(List<String[]> f, String... kv) {
    for (int i = 0; i < kv.length; i += 2) {
      f.add(new String[] {kv[i], kv[i + 1]});
    }
  }

  private static String cmd(Random r, String tool) {
    StringBuilder c = new StringBuilder("\"C:\\Windows\\System32\\" + tool + "\"");
    int args = 3 + r.nextInt(12);
    for (int i = 0; i < args; i++) {
      c.append(r.nextBoolean() ? " -" : " /").append(hex(r, 3 + r.nextInt(6)));
      if (r.nextInt(3) == 0) {
        c.append(" \"C:\\Users\\alice\\Documents\\").append(hex(r, 10)).append(".dat\"");
      }
    }
    if (r.nextInt(4) == 0) {
      c.append(" -enc ").append(hex(r, 200 + r.nextInt(400)));
    }
    return c.toString();
  }

  private static String message(List<String[]> f) {
    StringBuilder m = new StringBuilder("Event:\r\n");
    for (int i = 0; i < Math.min(20, f.size()); i++) {
      m.append(f.get(i)[0]).append(": ").append(f.get(i)[1]).append("\r\n");
    }
    return m.toString();
  }

  private static String guid(Random r) {
    return "{"
        + hex(r, 8)
        + "-"
        + hex(r, 4)
        + "-"
        + hex(r, 4)
        + "-"
        + hex(r, 4)
        + "-"
        + hex(r, 12)
        + "}";
  }

  private static String ip(Random r) {
    return (10 + r.nextInt(200))
        + "."
        + r.nextInt(256)
        + "."
        + r.nextInt(256)
        + "."
        + (1 + r.nextInt(254));
  }

  private static String hex(Random r, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append("0123456789ABCDEF".charAt(r.nextInt(16)));
    }
    return s.toString();
  }

  private static String quote(String v) {
    StringBuilder s = new StringBuilder(v.length() + 8).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\r' -> s.append("\\r");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> s.append(c);
      }
    }
    return s.append('"').toString();
  }
}
