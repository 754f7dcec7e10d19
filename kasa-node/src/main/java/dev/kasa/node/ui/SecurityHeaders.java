package dev.kasa.node.ui;

import io.javalin.http.Context;

/** The headers every response of the UI carries. */
final class SecurityHeaders {
  /**
   * Scripts, styles and everything else only from the node itself, never inline; no frames, no
   * plugins, forms post only here.
   */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri"
          + " 'none'";

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
  }
}
