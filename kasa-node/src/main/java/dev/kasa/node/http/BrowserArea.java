package dev.kasa.node.http;

import io.javalin.http.Context;

/**
 * The paths people reach with a browser and a session (the web UI): the server asks them for no
 * HTTP credentials (the area checks its own sessions) and lets the area write their error pages.
 */
public interface BrowserArea {
  /** No browser paths: every request needs HTTP credentials. */
  BrowserArea NONE =
      new BrowserArea() {
        @Override
        public boolean owns(String path) {
          return false;
        }

        @Override
        public void error(Context ctx, int status, String title, String description) {
          HttpsServer.problem(ctx, status, title, description);
        }
      };

  /** Whether requests to {@code path} belong to the area. */
  boolean owns(String path);

  /** Writes the error page for a request of the area. */
  void error(Context ctx, int status, String title, String description);
}
