package dev.kasa.node.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetResolver;
import dev.kasa.node.asset.AssetTouch;
import dev.kasa.node.asset.AssetTouch.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a finding's JSON line (as {@code dev.kasa.detect.FindingLines} writes it) into its alert
 * group and fields. The assets come from the line's {@code context}: the event's host, and its
 * source and destination addresses; when it names no address (a plain log line), also from the
 * matched value (an indicator hit's field and value, a rule match's fields, a correlation's group).
 * The most specific asset wins (a host name before a network). Thread-safe.
 */
public final class Triage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Triage() {}

  /**
   * Triages one finding line against the protected assets.
   *
   * @throws IllegalArgumentException when the line is not a finding object
   */
  public static Triaged of(String line, AssetResolver assets) {
    JsonNode f;
    try {
      f = JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("finding line is not JSON: " + e.getMessage(), e);
    }
    if (f == null || !f.isObject()) {
      throw new IllegalArgumentException("finding line is not a JSON object");
    }
    String kind = f.path("kind").asText("");
    String detection;
    String title;
    String actor = null;
    boolean stateSponsored = false;
    Priority base;
    if (kind.equals("indicator")) {
      JsonNode ind = f.path("indicator");
      detection = "indicator:" + ind.path("id").asText("?");
      title = ind.path("type").asText("indicator") + " " + ind.path("value").asText("");
      JsonNode actors = ind.path("actors");
      if (actors.isArray() && !actors.isEmpty()) {
        actor = actors.get(0).asText();
      }
      stateSponsored = ind.path("state_sponsored").asBoolean(false);
      JsonNode c = ind.path("confidence");
      base = Priority.ofConfidence(c.isInt() ? Math.clamp(c.asInt(), 0, 100) : -1);
    } else {
      JsonNode rule = f.path("rule");
      String title0 = rule.path("title").asText("untitled rule");
      String id = rule.path("id").asText(rule.path("name").asText(title0));
      detection = "rule:" + id;
      title = title0;
      base = Priority.ofLevel(rule.path("level").isTextual() ? rule.path("level").asText() : null);
    }
    AssetTouch touch = touch(f, kind, assets);
    Asset asset = touch == null ? null : touch.asset();
    return new Triaged(
        detection,
        title,
        asset == null ? null : asset.name(),
        touch == null ? null : touch.side(),
        asset == null ? null : asset.sector().label(),
        actor,
        stateSponsored,
        base.raised(asset == null ? 0 : asset.criticality(), stateSponsored));
  }

  private static AssetTouch touch(JsonNode f, String kind, AssetResolver assets) {
    var sources = new ArrayList<String>();
    var destinations = new ArrayList<String>();
    var undirected = new ArrayList<String>();
    JsonNode context = f.path("context");
    boolean endpoints = false;
    if (context.isObject()) {
      add(sources, context.path("source").path("ip"));
      add(destinations, context.path("destination").path("ip"));
      add(undirected, context.path("host"));
      endpoints = !sources.isEmpty() || !destinations.isEmpty();
    }
    if (!endpoints) {
      // A plain line (its host at most): what it matched may name one of ours too.
      if (kind.equals("indicator")) {
        add(sideOf(f.path("field").asText("")), sources, destinations, undirected)
            .add(f.path("value").asText(""));
      } else {
        JsonNode values = kind.equals("sigma") ? f.path("fields") : f.path("group");
        values
            .properties()
            .forEach(
                e ->
                    add(sideOf(e.getKey()), sources, destinations, undirected)
                        .add(e.getValue().asText("")));
      }
    }
    List<AssetTouch> touches = assets.resolve(sources, destinations, undirected).touches();
    return touches.isEmpty() ? null : touches.getFirst();
  }

  private static void add(List<String> to, JsonNode value) {
    if (value.isTextual() && !value.asText().isBlank()) {
      to.add(value.asText());
    }
  }

  private static List<String> add(
      Side side, List<String> sources, List<String> destinations, List<String> undirected) {
    return switch (side) {
      case SOURCE -> sources;
      case DESTINATION -> destinations;
      case UNDIRECTED -> undirected;
    };
  }

  /** Which side a field's name says its value is on (Zeek, ECS, Suricata, Windows names). */
  static Side sideOf(String field) {
    String n = field.toLowerCase(Locale.ROOT);
    if (n.contains("orig")
        || n.startsWith("src")
        || n.contains("source")
        || n.contains(".src")
        || n.contains("_src")
        || n.contains("sourceip")) {
      return Side.SOURCE;
    }
    if (n.contains("resp")
        || n.startsWith("dst")
        || n.startsWith("dest")
        || n.contains(".dst")
        || n.contains("_dst")
        || n.contains("dest_")
        || n.contains("destination")) {
      return Side.DESTINATION;
    }
    return Side.UNDIRECTED;
  }
}
