package dev.kasa.node.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.http.HttpsServer;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.store.AccessState.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /kasa/v1/sources}: every ingest source's status as JSON, for the node's admins and
 * analysts (403 for sensors and partners).
 */
public final class SourcesRoute {
  public static final String PATH = "/kasa/v1/sources";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Ingest ingest;

  public SourcesRoute(Ingest ingest) {
    this.ingest = java.util.Objects.requireNonNull(ingest, "ingest");
  }

  public void register(RoutesConfig routes) {
    routes.get(PATH, this::sources);
  }

  private void sources(Context ctx) throws Exception {
    Recipient r = HttpsServer.recipient(ctx);
    if (r.isPartner() || r.role() == Role.SENSOR) {
      throw new HttpProblem(
          HttpProblem.Kind.FORBIDDEN, "ingest status is for the node's admins and analysts");
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("sources");
    {
      for (SourceStatus s : ingest.statuses()) {
        ObjectNode o = list.addObject();
        o.put("name", s.name());
        o.put("kind", s.kind());
        o.put("where", s.where());
        o.put("events", s.events());
        o.put("events_per_second", s.eventsPerSecond());
        o.put("malformed", s.malformed());
        o.put("dropped", s.dropped());
        o.put("lag", s.lag());
        o.put("last_event", s.lastEvent() == null ? null : s.lastEvent().toString());
        o.put("connections", s.connections());
      }
    }
    ctx.contentType("application/json");
    ctx.result(JSON.writeValueAsBytes(out));
  }
}
