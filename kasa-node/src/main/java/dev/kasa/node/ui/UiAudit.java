package dev.kasa.node.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.node.store.AuditEvent;
import dev.kasa.node.store.Store;
import io.javalin.http.Context;
import java.util.List;

/**
 * What the UI writes to the node's audit chain: logins ({@code ui-login}), failed and refused
 * logins ({@code ui-login-failed}, with the reason), logouts ({@code ui-logout}) and requests
 * refused for a missing CSRF token ({@code ui-csrf-refused}), each with the client's address.
 */
final class UiAudit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;

  UiAudit(Store store) {
    this.store = store;
  }

  /**
   * @param principal the user concerned, or null when the name given is not one of the node's
   * @param note the reason or the request, or null
   */
  void record(String kind, String principal, Context ctx, String note) {
    record(kind, principal, ctx, note, null);
  }

  void record(String kind, String principal, Context ctx, String note, String givenName) {
    ObjectNode detail = JSON.createObjectNode();
    detail.put("address", ctx.ip());
    if (givenName != null) {
      detail.put("name", givenName.length() > 200 ? givenName.substring(0, 200) : givenName);
    }
    if (note != null) {
      detail.put("reason", note);
    }
    store.audit().append(List.of(AuditEvent.of(kind, principal, null, detail.toString())));
  }
}
