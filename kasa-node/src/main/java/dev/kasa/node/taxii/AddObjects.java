package dev.kasa.node.taxii;

import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AuditEvent;
import dev.kasa.node.store.CollectionRecord;
import dev.kasa.node.store.ObjectIngest;
import dev.kasa.node.store.ObjectIngest.Outcome;
import dev.kasa.node.store.Origin;
import dev.kasa.node.store.StatusRecord;
import dev.kasa.node.store.Store;
import dev.kasa.node.store.Versions;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The add-objects endpoint and the status resources it leaves: the body is bounded by {@code
 * max_content_length}, each object is validated alone, the valid ones are stored in one
 * transaction, and the answer (202) is a complete status resource naming every refused object with
 * its reason.
 */
final class AddObjects {
  private final Store store;
  private final ObjectIntake intake;
  private final TaxiiSettings settings;
  private final Clock clock;

  AddObjects(Store store, ObjectIntake intake, TaxiiSettings settings, Clock clock) {
    this.store = store;
    this.intake = intake;
    this.settings = settings;
    this.clock = clock;
  }

  byte[] add(Context ctx, Recipient r, CollectionRecord col) {
    return add(ctx, r, col, objects -> true);
  }

  /**
   * As {@link #add(Context, Recipient, CollectionRecord)}, refusing the whole request (403) when
   * {@code acceptable} rejects its valid objects.
   */
  byte[] add(
      Context ctx,
      Recipient r,
      CollectionRecord col,
      java.util.function.Predicate<List<dev.kasa.node.store.IncomingObject>> acceptable) {
    TaxiiMedia.checkContentType(ctx.header("Content-Type"));
    long requested = Versions.micros(clock.instant());
    byte[] body = body(ctx);
    ObjectIntake.Result read = intake.read(body, "request body");
    if (!acceptable.test(read.accepted())) {
      throw new HttpProblem(
          HttpProblem.Kind.FORBIDDEN,
          "a read grant lets a partner post only sightings of objects it was served here");
    }
    String statusId = UUID.randomUUID().toString();
    StatusRecord[] kept = new StatusRecord[1];
    // The status resource and the audit entry are written in the objects' transaction.
    store
        .ingest()
        .add(
            col.id(),
            new Origin(r.name(), r.kind()),
            read.accepted(),
            outcomes -> {
              kept[0] =
                  new StatusRecord(
                      statusId,
                      col.id(),
                      r.name(),
                      "complete",
                      requested,
                      read.total(),
                      outcomes.size(),
                      read.refused().size(),
                      0,
                      details(outcomes, read.refused()));
              return new ObjectIngest.Record(kept[0], received(r, col, outcomes));
            });
    return statusJson(kept[0]);
  }

  // A partner's objects crossing into the node: one entry listing the ids it added, as a pull
  // from a partner is audited (LinkRunner). A local user's writes are not crossings.
  private static List<AuditEvent> received(
      Recipient r, CollectionRecord col, List<Outcome> outcomes) {
    if (!r.isPartner()) {
      return List.of();
    }
    List<String> added = outcomes.stream().filter(Outcome::added).map(Outcome::stixId).toList();
    return added.isEmpty()
        ? List.of()
        : List.of(new AuditEvent("receive", r.name(), col.id(), null, added, null));
  }

  private static String details(List<Outcome> outcomes, List<ObjectIntake.Refusal> refused) {
    return new String(
        Envelopes.write(
            g -> {
              g.writeStartObject();
              if (!outcomes.isEmpty()) {
                g.writeArrayFieldStart("successes");
                for (Outcome o : outcomes) {
                  g.writeStartObject();
                  g.writeStringField("id", o.stixId());
                  g.writeStringField("version", o.version());
                  if (!o.added()) {
                    g.writeStringField("message", "already in the collection");
                  }
                  g.writeEndObject();
                }
                g.writeEndArray();
              }
              if (!refused.isEmpty()) {
                g.writeArrayFieldStart("failures");
                for (ObjectIntake.Refusal f : refused) {
                  g.writeStartObject();
                  g.writeStringField("id", f.id() != null ? f.id() : "objects[" + f.index() + "]");
                  g.writeStringField("version", f.version() != null ? f.version() : "unknown");
                  g.writeStringField("message", f.message());
                  g.writeEndObject();
                }
                g.writeEndArray();
              }
              g.writeEndObject();
            }),
        StandardCharsets.UTF_8);
  }

  byte[] status(Recipient r, String id) {
    StatusRecord s =
        store
            .statuses()
            .find(id)
            .filter(x -> x.principal().equals(r.name()) || r.role() == Role.ADMIN)
            .orElseThrow(
                () ->
                    new HttpProblem(
                        HttpProblem.Kind.NOT_FOUND, "no status " + TaxiiMedia.clip(id)));
    return statusJson(s);
  }

  private static byte[] statusJson(StatusRecord s) {
    String head =
        new String(
            Envelopes.write(
                g -> {
                  g.writeStartObject();
                  g.writeStringField("id", s.id());
                  g.writeStringField("status", s.status());
                  g.writeStringField(
                      "request_timestamp", Versions.taxiiTimestamp(s.requestTimestamp()));
                  g.writeNumberField("total_count", s.totalCount());
                  g.writeNumberField("success_count", s.successCount());
                  g.writeNumberField("failure_count", s.failureCount());
                  g.writeNumberField("pending_count", s.pendingCount());
                  g.writeEndObject();
                }),
            StandardCharsets.UTF_8);
    String details = s.details();
    // Both are JSON objects: splice the details' members into the head.
    String joined =
        details.equals("{}")
            ? head
            : head.substring(0, head.length() - 1) + "," + details.substring(1);
    return joined.getBytes(StandardCharsets.UTF_8);
  }

  /** Bodies up to this many bytes are read to their end before a 413 is sent. */
  private static final long DRAIN_LIMIT = 64L << 20;

  private byte[] body(Context ctx) {
    long max = settings.maxContentLength();
    String length = ctx.header("Content-Length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "Content-Length is not a number");
      }
      if (n > max) {
        drain(ctx, n);
        throw tooLarge(n, max);
      }
    }
    try (InputStream in = ctx.bodyInputStream()) {
      var out =
          new ByteArrayOutputStream(length == null ? 8192 : (int) Long.parseLong(length.strip()));
      byte[] buf = new byte[65536];
      long total = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
        if (total > max) {
          while (total <= DRAIN_LIMIT && (n = in.read(buf)) >= 0) {
            total += n; // read on (and dropped) so that the client can read the 413
          }
          throw tooLarge(total, max);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the request body could not be read");
    }
  }

  // A client still sending when the 413 goes out and the connection closes sees a reset instead
  // of the answer; reading (and dropping) a bounded amount first lets it read the 413.
  private static void drain(Context ctx, long length) {
    if (length > DRAIN_LIMIT) {
      return;
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] buf = new byte[65536];
      long left = length;
      for (int n = in.read(buf); n >= 0 && left > 0; n = in.read(buf)) {
        left -= n;
      }
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  private static HttpProblem tooLarge(long n, long max) {
    return new HttpProblem(
        HttpProblem.Kind.TOO_LARGE,
        "the body has "
            + (n > max ? "more than " + max : n)
            + " bytes; max_content_length is "
            + max);
  }
}
