package dev.kasa.node.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.node.alert.AlertRoutes;
import dev.kasa.node.store.FindingLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an alert's page shows of the findings behind it, read from their JSON lines (as {@code
 * dev.kasa.detect.FindingLines} writes them): each event, and from the newest finding the indicator
 * or rule, where the intelligence came from, and ATT&CK techniques. Every value is text for the
 * template to escape.
 */
record AlertDetails(
    List<Event> events,
    Map<String, String> detection,
    Map<String, String> provenance,
    List<String> techniques) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One finding: when the node found it, the event's source (file or syslog source, with the
   * sensor), time, host, what matched and the connection.
   */
  record Event(
      String found, String source, String time, String host, String matched, String context) {}

  static AlertDetails of(List<FindingLog.StoredFinding> findings) {
    List<Event> events = new ArrayList<>();
    JsonNode newest = null;
    for (FindingLog.StoredFinding f : findings) {
      JsonNode line = parse(f.line());
      newest = line;
      events.add(
          new Event(
              AlertRoutes.time(f.foundAt()),
              text(line, "file") + (f.sensor() == null ? "" : " (" + f.sensor() + ")"),
              text(line, "time"),
              line.path("context").path("host").asText(""),
              matched(line),
              context(line.path("context"))));
    }
    var detection = new LinkedHashMap<String, String>();
    var provenance = new LinkedHashMap<String, String>();
    var techniques = new ArrayList<String>();
    if (newest != null) {
      JsonNode ind = newest.path("indicator");
      if (ind.isObject()) {
        put(detection, "Indicator", text(ind, "id"));
        put(detection, "Type", text(ind, "type"));
        put(detection, "Value", text(ind, "value"));
        put(detection, "Confidence", text(ind, "confidence"));
        put(detection, "TLP", text(ind, "tlp"));
        put(detection, "Valid from", text(ind, "valid_from"));
        put(detection, "Valid until", text(ind, "valid_until"));
        put(detection, "Actors", join(ind.path("actors")));
        put(detection, "Campaigns", join(ind.path("campaigns")));
        put(detection, "Malware", join(ind.path("malware")));
        techniques(ind.path("techniques"), ind.path("technique_names"), techniques);
      }
      JsonNode rule = newest.path("rule");
      if (rule.isObject()) {
        put(detection, "Rule", text(rule, "title"));
        put(detection, "Rule id", text(rule, "id"));
        put(detection, "Rule name", text(rule, "name"));
        put(detection, "Level", text(rule, "level"));
        put(detection, "Tags", join(rule.path("tags")));
        techniques(rule.path("techniques"), null, techniques);
      }
      JsonNode p = newest.path("provenance");
      put(provenance, "Source", text(p, "source"));
      put(provenance, "Producer", text(p, "producer"));
      put(provenance, "Name", text(p, "name"));
      put(provenance, "Reports", join(p.path("reports")));
      put(provenance, "Groupings", join(p.path("groupings")));
      JsonNode misp = p.path("misp");
      put(provenance, "MISP event", text(misp, "event_info"));
      put(provenance, "MISP event id", text(misp, "event_uuid"));
    }
    return new AlertDetails(events, detection, provenance, techniques);
  }

  private static String matched(JsonNode line) {
    if (line.has("field")) {
      return text(line, "field") + " = " + text(line, "value");
    }
    var parts = new ArrayList<String>();
    line.path("fields")
        .properties()
        .forEach(e -> parts.add(e.getKey() + " = " + e.getValue().asText()));
    line.path("group")
        .properties()
        .forEach(e -> parts.add(e.getKey() + " = " + e.getValue().asText()));
    if (line.has("keywords")) {
      parts.add("keywords: " + join(line.path("keywords")));
    }
    return String.join("; ", parts);
  }

  private static String context(JsonNode c) {
    String from = endpoint(c.path("source"));
    String to = endpoint(c.path("destination"));
    var s = new StringBuilder();
    if (!from.isEmpty() || !to.isEmpty()) {
      s.append(from.isEmpty() ? "?" : from).append(" → ").append(to.isEmpty() ? "?" : to);
    }
    c.path("fields")
        .properties()
        .forEach(
            e -> {
              if (!s.isEmpty()) {
                s.append("; ");
              }
              s.append(e.getKey()).append(" = ").append(e.getValue().asText());
            });
    return s.toString();
  }

  private static String endpoint(JsonNode e) {
    String ip = e.path("ip").asText("");
    return e.has("port") ? ip + ":" + e.path("port").asText() : ip;
  }

  private static void techniques(JsonNode ids, JsonNode names, List<String> out) {
    for (JsonNode t : ids) {
      String id = t.asText();
      String name = names == null ? "" : names.path(id).asText("");
      String shown = name.isEmpty() ? id : id + " " + name;
      if (!out.contains(shown)) {
        out.add(shown);
      }
    }
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }

  private static String join(JsonNode array) {
    var parts = new ArrayList<String>();
    for (JsonNode n : array) {
      parts.add(n.asText());
    }
    return String.join(", ", parts);
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.path(name);
    return v.isValueNode() && !v.isNull() ? v.asText() : "";
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      return n == null ? JSON.nullNode() : n;
    } catch (IOException e) {
      // A stored line is the node's own JSON; should one not parse, the page still shows the rest.
      return JSON.nullNode();
    }
  }
}
