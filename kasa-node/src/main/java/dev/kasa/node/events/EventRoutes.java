package dev.kasa.node.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kasa.KasaException;
import dev.kasa.Location;
import dev.kasa.Problem;
import dev.kasa.event.EventFormat;
import dev.kasa.event.EventSource;
import dev.kasa.node.detect.EventMatching;
import dev.kasa.node.detect.FindingRecorder;
import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.http.HttpsServer;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.FindingLog;
import dev.kasa.node.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kasa's detection endpoints: {@code POST /kasa/v1/events} (sensors and admins) matches a body of
 * events and answers its findings as JSON lines with a summary line, storing the findings; {@code
 * GET /kasa/v1/findings} (analysts and admins) pages through the stored findings. Partners get 403
 * on both: findings never leave the node this way.
 */
public final class EventRoutes {
  public static final String EVENTS = "/kasa/v1/events";
  public static final String FINDINGS = "/kasa/v1/findings";

  /** Findings per page unless {@code limit} says otherwise, and the most a page holds. */
  public static final int DEFAULT_LIMIT = 100;

  public static final int MAX_LIMIT = 1000;

  private static final Pattern LOG_TYPE = Pattern.compile("[a-z0-9_.-]{1,64}");
  private static final JsonFactory JSON = new JsonFactory().setRootValueSeparator(null);

  private final Store store;
  private final FindingRecorder recorder;
  private final long maxContentLength;

  public EventRoutes(Store store, FindingRecorder recorder, long maxContentLength) {
    this.store = store;
    this.recorder = recorder;
    this.maxContentLength = maxContentLength;
  }

  public void register(RoutesConfig routes) {
    routes.post(EVENTS, this::events);
    routes.get(FINDINGS, this::findings);
  }

  private static void require(Context ctx, Role... roles) {
    Recipient r = HttpsServer.recipient(ctx);
    if (r.role() != null) {
      for (Role ok : roles) {
        if (r.role() == ok) {
          return;
        }
      }
    }
    throw new HttpProblem(
        HttpProblem.Kind.FORBIDDEN,
        r.name() + " may not use " + ctx.path() + " (it is for a " + List.of(roles) + ")");
  }

  private static String single(Context ctx, String name) {
    List<String> v = ctx.queryParamMap().getOrDefault(name, List.of());
    if (v.size() > 1) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, name + " is given more than once");
    }
    return v.isEmpty() ? null : v.get(0);
  }

  private void events(Context ctx) throws IOException {
    require(ctx, Role.SENSOR, Role.ADMIN);
    EventSource source = source(single(ctx, "format"), single(ctx, "log"));
    EventBody.Bounded body = EventBody.read(ctx, maxContentLength);
    FindingRecorder.Recorded recorded;
    try {
      recorded = recorder.record(source, body.in(), HttpsServer.recipient(ctx).name());
    } catch (IOException e) {
      if (body.exceeded()) {
        throw EventBody.tooLarge("the decompressed body exceeds " + body.limit() + " bytes");
      }
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the body could not be read");
    }
    if (body.exceeded()) {
      throw EventBody.tooLarge("the decompressed body exceeds " + body.limit() + " bytes");
    }
    EventMatching.Outcome out = recorded.outcome();
    var text = new StringBuilder();
    for (String line : recorded.lines()) {
      text.append(line).append('\n');
    }
    text.append(summary(out)).append('\n');
    ctx.status(200);
    ctx.contentType("application/x-ndjson");
    ctx.result(text.toString());
  }

  private static EventSource source(String format, String log) {
    EventFormat f = null;
    if (format != null) {
      try {
        f = EventFormat.byName(format);
      } catch (KasaException e) {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, e.getMessage());
      }
    }
    if (log == null) {
      return new EventSource("-", f, null);
    }
    if (!LOG_TYPE.matcher(log).matches()) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST,
          "log must be a Zeek log type (1-64 of a-z 0-9 _ . -), not '"
              + (log.length() > 80 ? log.substring(0, 80) + "…" : log)
              + "'");
    }
    return EventSource.zeek("-", f, log);
  }

  private static String summary(EventMatching.Outcome out) {
    var w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("kind", "summary");
      g.writeNumberField("events", out.summary().records());
      g.writeNumberField("findings", out.findings().size());
      g.writeNumberField("malformed", out.summary().malformed());
      g.writeArrayFieldStart("problems");
      int n = 0;
      for (Problem p : out.summary().firstMalformed()) {
        if (n++ == EventMatching.LISTED_PROBLEMS) {
          break;
        }
        g.writeStartObject();
        g.writeNumberField("record", record(p.where()));
        g.writeStringField("reason", p.message());
        g.writeEndObject();
      }
      if (out.damage() != null && n < EventMatching.LISTED_PROBLEMS) {
        g.writeStartObject();
        g.writeNumberField("record", out.summary().records() + out.summary().malformed() + 1);
        g.writeStringField("reason", out.damage());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static long record(Location where) {
    return switch (where) {
      case Location.EventLocation e -> e.event().sequence();
      case Location.FilePosition p -> p.line();
      case Location.RuleLocation r -> r.position().line();
      case Location.JsonLocation j -> 0;
      case Location.StixLocation x -> 0;
      case Location.Nowhere n -> 0;
    };
  }

  private void findings(Context ctx) {
    require(ctx, Role.ANALYST, Role.ADMIN);
    long after = number(single(ctx, "after"), "after", 0, Long.MAX_VALUE, 0);
    int limit = (int) number(single(ctx, "limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    FindingLog.Page page = store.findings().after(after, limit);
    var w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeArrayFieldStart("findings");
      for (FindingLog.StoredFinding f : page.findings()) {
        g.writeStartObject();
        g.writeStringField("cursor", Long.toString(f.seq()));
        g.writeStringField(
            "found", dev.kasa.detect.FindingTimes.format(Math.floorDiv(f.foundAt(), 1000L)));
        g.writeStringField("sensor", f.sensor());
        if (f.source() == null) {
          g.writeNullField("object");
        } else {
          g.writeObjectFieldStart("object");
          g.writeStringField("collection", f.source().collectionId());
          g.writeStringField("id", f.source().stixId());
          g.writeStringField("version", f.source().version());
          g.writeEndObject();
        }
        g.writeFieldName("finding");
        g.writeRawValue(f.line());
        g.writeEndObject();
      }
      g.writeEndArray();
      List<FindingLog.StoredFinding> rows = page.findings();
      if (page.more()) {
        g.writeStringField("next", Long.toString(rows.get(rows.size() - 1).seq()));
      } else {
        g.writeNullField("next");
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(200);
    ctx.contentType("application/json");
    ctx.result(w.toString());
  }

  private static long number(String text, String name, long min, long max, long absent) {
    if (text == null) {
      return absent;
    }
    long n;
    try {
      n = Long.parseLong(text);
    } catch (NumberFormatException e) {
      n = Long.MIN_VALUE;
    }
    if (n < min || n > max) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST,
          name
              + " must be a whole number from "
              + min
              + " to "
              + max
              + ", not '"
              + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
              + "'");
    }
    return n;
  }
}
