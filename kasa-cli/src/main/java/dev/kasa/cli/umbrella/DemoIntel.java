package dev.kasa.cli.umbrella;

/** What alpha publishes in the demo, and the events the other nodes' sensors see. */
final class DemoIntel {
  private DemoIntel() {}

  static final String C2_IP = "203.0.113.66";
  static final String C2_ID = "indicator--8e2f3b7a-4c1d-4b6e-9f0a-2d3c4b5a6e71";
  static final String RULE_UUID = "6d0f4c2a-9b1e-4e7a-8c3d-5a2b1f0e9d47";
  static final String RULE_ID = "indicator--" + RULE_UUID;
  static final String AMBER_ID = "indicator--1b7c9e2d-3f4a-4d5b-8e6c-7a8b9c0d1e2f";
  static final String RED_ID = "indicator--5e4d3c2b-1a09-4f8e-9d7c-6b5a4e3d2c1b";

  static final String C2 =
      bundle(
          C2_ID,
          "GRIDSYNC implant C2 server",
          "[ipv4-addr:value = '" + C2_IP + "']",
          "Command and control server of the GRIDSYNC implant, seen against grid operators.");

  static final String AMBER =
      bundle(
          AMBER_ID,
          "Staging server from an ongoing investigation",
          "[ipv4-addr:value = '198.51.100.23']",
          "For the receiving partner only.");

  static final String RED =
      bundle(
          RED_ID,
          "Source-sensitive lead",
          "[domain-name:value = 'ops.quiet-harbor.example']",
          "Stays at alpha until alpha names who may see it.");

  static final String RULE =
      """
      title: Lookups of the GRIDSYNC implant's update domain
      id: %s
      status: experimental
      description: The GRIDSYNC implant fetches its updates from subdomains of gridsync-update.example.
      logsource:
        product: zeek
        service: dns
      detection:
        sel:
          query|endswith: .gridsync-update.example
        condition: sel
      level: high
      tags:
        - attack.command-and-control
        - attack.t1071.004
      """
          .formatted(RULE_UUID);

  /** A Zeek conn record of a host at the node talking to the C2 server. */
  static String conn(long seconds, String host) {
    return "{\"ts\":"
        + seconds
        + ".0,\"uid\":\"Cdemo"
        + seconds
        + "\",\"id.orig_h\":\""
        + host
        + "\",\"id.orig_p\":51234,\"id.resp_h\":\""
        + C2_IP
        + "\",\"id.resp_p\":443,\"proto\":\"tcp\"}\n";
  }

  /** A Zeek dns record of a host at the node looking up the implant's update domain. */
  static String dns(long seconds, String host) {
    return "{\"ts\":"
        + seconds
        + ".0,\"uid\":\"Ddemo"
        + seconds
        + "\",\"id.orig_h\":\""
        + host
        + "\",\"id.resp_h\":\"10.40.0.53\",\"query\":\"cdn.gridsync-update.example\"}\n";
  }

  private static String bundle(String id, String name, String pattern, String description) {
    return "{\"type\":\"bundle\",\"id\":\"bundle--"
        + id.substring("indicator--".length())
        + "\",\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-12-01T00:00:00.000Z\",\"modified\":\"2026-12-01T00:00:00.000Z\","
        + "\"name\":\""
        + name
        + "\",\"description\":\""
        + description
        + "\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":\""
        + pattern
        + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-12-01T00:00:00Z\"}]}\n";
  }
}
