package dev.kasa.sigma.logsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kasa.sigma.rule.LogSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution of representative logsources against the built-in map. */
class LogSourceMapTest {
  private static final LogSourceMap MAP = LogSourceMap.defaults();
  private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

  private static List<SourceVariant> variants(String category, String product, String service) {
    return MAP.variants(new LogSource(category, product, service));
  }

  private static SourceVariant only(List<SourceVariant> variants) {
    assertThat(variants).hasSize(1);
    return variants.get(0);
  }

  @Test
  void processCreationIsSysmonOneAndSecurity4688WithRenames() {
    List<SourceVariant> variants = variants("process_creation", "windows", null);

    assertThat(variants)
        .extracting(SourceVariant::name)
        .containsExactly("process_creation-sysmon", "process_creation-security");
    SourceVariant sysmon = variants.get(0);
    assertThat(sysmon.sources()).containsExactly("evtx-json", "windows-json");
    assertThat(sysmon.conditions())
        .containsExactly(Map.entry("Channel", List.of(SYSMON)), Map.entry("EventID", List.of("1")));
    assertThat(sysmon.fields()).isEmpty();
    assertThat(sysmon.fieldFor("Image")).isEqualTo("Image");

    SourceVariant security = variants.get(1);
    assertThat(security.conditions())
        .containsExactly(
            Map.entry("Channel", List.of("Security")), Map.entry("EventID", List.of("4688")));
    assertThat(security.fieldFor("Image")).isEqualTo("NewProcessName");
    assertThat(security.fieldFor("ParentImage")).isEqualTo("ParentProcessName");
    assertThat(security.fieldFor("ProcessId")).isEqualTo("NewProcessId");
    assertThat(security.fieldFor("ParentProcessId")).isEqualTo("ProcessId");
    assertThat(security.fieldFor("CommandLine")).isEqualTo("CommandLine");
  }

  @Test
  void powershellScriptBlocksComeFromBothPowershellChannels() {
    SourceVariant v = only(variants("ps_script", "windows", null));

    assertThat(v.conditions().get("Channel"))
        .containsExactly("Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational");
    assertThat(v.conditions().get("EventID")).containsExactly("4104");
    assertThat(only(variants("ps_module", "windows", null)).conditions().get("EventID"))
        .containsExactly("4103");
    assertThat(only(variants("ps_classic_start", "windows", null)).conditions())
        .containsEntry("Channel", List.of("Windows PowerShell"))
        .containsEntry("EventID", List.of("400"));
  }

  @Test
  void registryCategoriesUseEventIdAndEventType() {
    assertThat(only(variants("registry_set", "windows", null)).conditions())
        .containsExactly(
            Map.entry("Channel", List.of(SYSMON)), Map.entry("EventID", List.of("13")));
    assertThat(only(variants("registry_delete", "windows", null)).conditions())
        .containsEntry("EventID", List.of("12"))
        .containsEntry("EventType", List.of("DeleteKey", "DeleteValue"));
    assertThat(only(variants("registry_add", "windows", null)).conditions())
        .containsEntry("EventType", List.of("CreateKey"));
    assertThat(only(variants("registry_event", "windows", null)).conditions().get("EventID"))
        .containsExactly("12", "13", "14");
  }

  @Test
  void sysmonCategoriesNamedInTheBrief() {
    assertThat(eventIds("pipe_created")).containsExactly("17", "18");
    assertThat(eventIds("wmi_event")).containsExactly("19", "20", "21");
    assertThat(eventIds("dns_query")).containsExactly("22");
    assertThat(eventIds("file_delete")).containsExactly("23", "26");
    assertThat(eventIds("clipboard_change")).containsExactly("24");
    assertThat(eventIds("process_tampering")).containsExactly("25");
    assertThat(eventIds("sysmon_error")).containsExactly("255");
    assertThat(eventIds("create_remote_thread")).containsExactly("8");
    assertThat(eventIds("raw_access_thread")).containsExactly("9");
    assertThat(eventIds("process_access")).containsExactly("10");
  }

  private static List<String> eventIds(String category) {
    return only(variants(category, "windows", null)).conditions().get("EventID");
  }

  @Test
  void serviceSecurityIsTheSecurityChannelWithoutEventId() {
    SourceVariant v = only(variants(null, "windows", "security"));

    assertThat(v.conditions()).containsExactly(Map.entry("Channel", List.of("Security")));
    assertThat(v.fields()).isEmpty();
  }

  @Test
  void zeekDnsIsTheZeekDnsLog() {
    SourceVariant v = only(variants(null, "zeek", "dns"));

    assertThat(v.sources()).containsExactly("zeek:dns");
    assertThat(v.conditions()).isEmpty();
    assertThat(v.fieldFor("query")).isEqualTo("query");
  }

  @Test
  void linuxAuditdIsJsonLines() {
    SourceVariant v = only(variants(null, "linux", "auditd"));

    assertThat(v.sources()).containsExactly("ndjson");
    assertThat(v.conditions()).isEmpty();
  }

  @Test
  void linuxProcessCreationIsSysmonForLinux() {
    SourceVariant v = only(variants("process_creation", "linux", null));

    assertThat(v.conditions())
        .containsEntry("Channel", List.of("Linux-Sysmon/Operational"))
        .containsEntry("EventID", List.of("1"));
  }

  @Test
  void productWindowsAloneAppliesToEveryWindowsEvent() {
    SourceVariant v = only(variants(null, "windows", null));

    assertThat(v.sources()).containsExactly("evtx-json", "windows-json");
    assertThat(v.conditions()).isEmpty();
    assertThat(v.fields()).isEmpty();
  }

  @Test
  void aCategoryWithoutProductCoversEveryProductThatHasIt() {
    assertThat(variants("process_creation", null, null))
        .extracting(SourceVariant::name)
        .containsExactly(
            "process_creation-sysmon",
            "process_creation-security",
            "process_creation-linux-sysmon");
  }

  @Test
  void anAttributeNoEntryHasSelectsNothing() {
    assertThat(variants("process_creation", "windows", "edr")).isEmpty();
    assertThat(variants(null, "windows", "no-such-channel")).isEmpty();
    assertThat(variants(null, "aws", "cloudtrail")).isEmpty();
    assertThat(variants("process_creation", "macos", null)).isEmpty();
  }

  @Test
  void logsourceValuesCompareIgnoringCase() {
    assertThat(MAP.variants(new LogSource("Process_Creation", "Windows", null)))
        .isEqualTo(variants("process_creation", "windows", null));
  }

  @Test
  void networkCategoriesMapOntoZeekAndEveWithRenames() {
    List<SourceVariant> dns = variants("dns", null, null);
    assertThat(dns).extracting(SourceVariant::name).containsExactly("dns-zeek", "dns-eve");
    assertThat(dns.get(0).fieldFor("record_type")).isEqualTo("qtype_name");
    assertThat(dns.get(1).conditions()).containsEntry("event_type", List.of("dns"));
    assertThat(dns.get(1).fieldFor("query")).isEqualTo("dns.rrname");

    List<SourceVariant> proxy = variants("proxy", null, null);
    assertThat(proxy).extracting(SourceVariant::name).containsExactly("proxy-zeek", "proxy-eve");
    assertThat(proxy.get(0).fieldFor("c-useragent")).isEqualTo("user_agent");
    assertThat(proxy.get(1).fieldFor("cs-host")).isEqualTo("http.hostname");
    assertThat(variants("webserver", null, null).get(0).fieldFor("cs-uri-query")).isEqualTo("uri");
  }

  @Test
  void antivirusIsDefenderWithItsFieldNames() {
    SourceVariant v = only(variants("antivirus", null, null));

    assertThat(v.fieldFor("Signature")).isEqualTo("Threat Name");
    assertThat(v.fieldFor("Filename")).isEqualTo("Path");
    assertThat(v.conditions().get("EventID")).contains("1116");
  }

  @Test
  void windowsJsonNamesSystemFieldsLikeNxlog() {
    assertThat(MAP.eventField("windows-json", "Provider_Name")).isEqualTo("SourceName");
    assertThat(MAP.eventField("windows-json", "Computer")).isEqualTo("Hostname");
    assertThat(MAP.eventField("windows-json", "Image")).isEqualTo("Image");
    assertThat(MAP.eventField("evtx-json", "Provider_Name")).isEqualTo("Provider_Name");
    assertThat(MAP.eventField("zeek:dns", "query")).isEqualTo("query");
  }

  @Test
  void aRuleWithoutLogsourceGetsEveryEntry() {
    assertThat(MAP.variants(LogSource.ANY)).hasSize(MAP.size());
  }

  @Test
  void variantsAreImmutable() {
    List<SourceVariant> variants = variants("process_creation", "windows", null);

    assertThatThrownBy(() -> variants.add(variants.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> variants.get(0).conditions().put("x", List.of("y")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> variants.get(0).sources().add("eve"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sourceVariantRejectsBadComponentsNamingThem() {
    assertThatThrownBy(() -> new SourceVariant("v", java.util.Set.of(), Map.of(), Map.of()))
        .hasMessageContaining("v has no sources");
    assertThatThrownBy(
            () ->
                new SourceVariant(
                    "v", java.util.Set.of("eve"), Map.of("EventID", List.of()), Map.of()))
        .hasMessageContaining("EventID");
    assertThatThrownBy(
            () -> new SourceVariant("v", java.util.Set.of("eve"), Map.of(), Map.of("Image", " ")))
        .hasMessageContaining("Image");
  }
}
