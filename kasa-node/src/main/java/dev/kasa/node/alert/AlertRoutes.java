package dev.kasa.node.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.detect.FindingTimes;
import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.http.HttpsServer;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AlertStore;
import dev.kasa.node.store.FindingLog;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.StoredAlert;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The alert API for analysts and admins (sensors and partners get 403): {@code GET /kasa/v1/alerts}
 * (filters, newest first, cursor paging), {@code GET /kasa/v1/alerts/{id}}, {@code POST
 * /kasa/v1/alerts/{id}} (status, assignee, comment) and {@code POST /kasa/v1/alerts} (the same for
 * up to 500 ids). docs/node.md describes the JSON.
 */
public final class AlertRoutes {
  public static final String ALERTS = "/kasa/v1/alerts";
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  static final int MAX_BODY = 64 * 1024;
  static final int MAX_COMMENT = 10_000;

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Store store;
  private final BiConsumer<StoredAlert, String> falsePositive;

  /**
   * @param falsePositive called (after commit) with each alert an analyst marked false positive and
   *     the analyst
   */
  public AlertRoutes(Store store, BiConsumer<StoredAlert, String> falsePositive) {
    this.store = store;
    this.falsePositive = falsePositive;
  }

  public void register(RoutesConfig routes) {
    routes.get(ALERTS, this::list);
    routes.post(ALERTS, this::bulk);
    routes.get(ALERTS + "/{id}", this::one);
    routes.post(ALERTS + "/{id}", this::change);
  }

  static String require(Context ctx) {
    Recipient r = HttpsServer.recipient(ctx);
    if (r.role() != Role.ANALYST && r.role() != Role.ADMIN) {
      throw new HttpProblem(
          HttpProblem.Kind.FORBIDDEN, r.name() + " may not use " + ctx.path() + " (analysts only)");
    }
    return r.name();
  }

  private void list(Context ctx) {
    require(ctx);
    AlertStore.Filter f;
    AlertStore.Cursor cursor;
    int limit;
    try {
      f = filter(ctx);
      String c = single(ctx, "cursor");
      cursor = c == null ? null : AlertStore.Cursor.parse(c);
      String l = single(ctx, "limit");
      limit = l == null ? DEFAULT_LIMIT : Integer.parseInt(l);
    } catch (KasaException | NumberFormatException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, e.getMessage());
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
    }
    AlertStore.Page page = store.alerts().list(f, cursor, limit);
    answer(
        ctx,
        g -> {
          g.writeArrayFieldStart("alerts");
          for (StoredAlert a : page.alerts()) {
            write(g, a);
          }
          g.writeEndArray();
          g.writeStringField("next", page.next() == null ? null : page.next().toString());
        });
  }

  /** The list's filters from a request's query (also used by the UI). */
  public static AlertStore.Filter filter(Context ctx) {
    String status = single(ctx, "status");
    String priority = single(ctx, "priority");
    return new AlertStore.Filter(
        status == null || status.isEmpty() ? null : AlertStatus.parse(status),
        priority == null || priority.isEmpty() ? null : Priority.parse(priority),
        blankNull(single(ctx, "asset")),
        blankNull(single(ctx, "actor")),
        blankNull(single(ctx, "detection")));
  }

  private static String blankNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private void one(Context ctx) {
    require(ctx);
    long id = id(ctx.pathParam("id"));
    StoredAlert a = store.alerts().get(id).orElseThrow(() -> notFound(id));
    List<FindingLog.StoredFinding> findings = store.alerts().findings(id);
    List<AlertStore.Comment> comments = store.alerts().comments(id);
    answer(
        ctx,
        g -> {
          g.writeFieldName("alert");
          write(g, a);
          g.writeArrayFieldStart("findings");
          for (FindingLog.StoredFinding f : findings) {
            g.writeStartObject();
            g.writeStringField("cursor", Long.toString(f.seq()));
            g.writeStringField("found", time(f.foundAt()));
            g.writeStringField("sensor", f.sensor());
            g.writeFieldName("finding");
            g.writeRawValue(f.line());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("comments");
          for (AlertStore.Comment c : comments) {
            g.writeStartObject();
            g.writeStringField("author", c.author());
            g.writeStringField("at", time(c.at()));
            g.writeStringField("text", c.text());
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  private void change(Context ctx) {
    String by = require(ctx);
    long id = id(ctx.pathParam("id"));
    AlertStore.Change c = change(body(ctx));
    StoredAlert after = apply(id, by, c);
    answer(
        ctx,
        g -> {
          g.writeFieldName("alert");
          write(g, after);
        });
  }

  private void bulk(Context ctx) {
    String by = require(ctx);
    JsonNode body = body(ctx);
    JsonNode ids = body.path("ids");
    if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_LIMIT) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "ids must be an array of 1 to " + MAX_LIMIT + " alert ids");
    }
    AlertStore.Change c = change(body);
    var numbers = new ArrayList<Long>();
    for (JsonNode n : ids) {
      // Ids are strings in our answers; numbers are taken too.
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        numbers.add(n.asLong());
      } else if (n.isTextual() && n.asText().matches("[0-9]{1,18}")) {
        numbers.add(Long.parseLong(n.asText()));
      } else {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "ids holds '" + n + "', not an id");
      }
    }
    var changed = new ArrayList<StoredAlert>();
    for (long n : numbers) {
      changed.add(apply(n, by, c));
    }
    answer(
        ctx,
        g -> {
          g.writeArrayFieldStart("alerts");
          for (StoredAlert a : changed) {
            write(g, a);
          }
          g.writeEndArray();
        });
  }

  /** Applies a change to one alert, and reports a new false positive. */
  public StoredAlert apply(long id, String by, AlertStore.Change c) {
    StoredAlert[] ba;
    try {
      ba = store.alerts().change(id, by, c);
    } catch (KasaException e) {
      if (e.code() == ErrorCode.USAGE) {
        throw notFound(id);
      }
      throw new HttpProblem(HttpProblem.Kind.CONFLICT, e.getMessage());
    }
    if (ba[1].status() == AlertStatus.FALSE_POSITIVE
        && ba[0].status() != AlertStatus.FALSE_POSITIVE) {
      falsePositive.accept(ba[1], by);
    }
    return ba[1];
  }

  private static AlertStore.Change change(JsonNode body) {
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!List.of("ids", "status", "assignee", "comment").contains(name)) {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "unknown member '" + name + "'");
      }
    }
    AlertStatus status;
    try {
      status = text(body, "status") == null ? null : AlertStatus.parse(text(body, "status"));
    } catch (KasaException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, e.getMessage());
    }
    String assignee = text(body, "assignee");
    if (assignee != null && assignee.length() > 64) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "assignee is longer than 64 characters");
    }
    String comment = text(body, "comment");
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "comment is longer than " + MAX_COMMENT + " characters");
    }
    return new AlertStore.Change(status, assignee, comment);
  }

  private static String text(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, name + " must be a string");
    }
    return n.asText();
  }

  private static JsonNode body(Context ctx) {
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] b = in.readNBytes(MAX_BODY + 1);
      if (b.length > MAX_BODY) {
        throw new HttpProblem(
            HttpProblem.Kind.TOO_LARGE, "the body exceeds " + MAX_BODY + " bytes");
      }
      JsonNode n = MAPPER.readTree(b);
      if (n == null || !n.isObject()) {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the body is not JSON");
    }
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no alert '" + text + "'");
    }
  }

  private static HttpProblem notFound(long id) {
    return new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no alert " + id);
  }

  private static String single(Context ctx, String name) {
    List<String> v = ctx.queryParamMap().getOrDefault(name, List.of());
    if (v.size() > 1) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, name + " is given more than once");
    }
    return v.isEmpty() ? null : v.get(0);
  }

  /** A time in microseconds since the epoch as the API writes it (also used by the UI). */
  public static String time(long micros) {
    return FindingTimes.format(Math.floorDiv(micros, 1000L));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static void answer(Context ctx, Body body) {
    var w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(200);
    ctx.contentType("application/json");
    ctx.result(w.toString());
  }

  private static void write(JsonGenerator g, StoredAlert a) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", Long.toString(a.id()));
    g.writeStringField("detection", a.detection());
    g.writeStringField("title", a.title());
    g.writeStringField("priority", a.priority().label());
    g.writeStringField("status", a.status().label());
    g.writeStringField("assignee", a.assignee());
    g.writeStringField("asset", a.asset());
    g.writeStringField("side", a.side());
    g.writeStringField("sector", a.sector());
    g.writeStringField("actor", a.actor());
    g.writeBooleanField("state_sponsored", a.stateSponsored());
    g.writeNumberField("count", a.count());
    g.writeStringField("first_seen", time(a.firstSeen()));
    g.writeStringField("last_seen", time(a.lastSeen()));
    if (a.stixId() == null) {
      g.writeNullField("object");
    } else {
      g.writeObjectFieldStart("object");
      g.writeStringField("collection", a.collection());
      g.writeStringField("id", a.stixId());
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
