package dev.kasa.node.ui;

import dev.kasa.node.auth.Authenticator;
import dev.kasa.node.sharing.Recipient;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * The login form and logout. A login is checked only with the form's own token (see {@link
 * LoginTokens}) and while the throttle allows it; a successful one always starts a new session.
 */
final class Login {
  static final String PATH = "/ui/login";
  static final String LOGOUT = "/ui/logout";
  static final String FORM_COOKIE = "kasa_login";
  private static final int MAX_FIELD = 1024;

  private final WebUi ui;
  private final Authenticator auth;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final LoginTokens tokens;
  private final Templates templates;
  private final UiAudit audit;

  /** What the login page shows. */
  record LoginView(String token, String user, String message) {}

  Login(
      WebUi ui,
      Authenticator auth,
      Sessions sessions,
      LoginThrottle throttle,
      LoginTokens tokens,
      Templates templates,
      UiAudit audit) {
    this.ui = ui;
    this.auth = auth;
    this.sessions = sessions;
    this.throttle = throttle;
    this.tokens = tokens;
    this.templates = templates;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.get(PATH, this::form);
    routes.post(PATH, this::login);
    routes.post(LOGOUT, this::logout);
  }

  private void form(Context ctx) {
    if (sessions.find(ctx.cookie(WebUi.SESSION_COOKIE)).isPresent()) {
      ctx.redirect(WebUi.HOME, HttpStatus.SEE_OTHER);
      return;
    }
    showForm(ctx, HttpStatus.OK, "", null);
  }

  private void showForm(Context ctx, HttpStatus status, String user, String message) {
    LoginTokens.Issued issued = tokens.issue();
    ctx.res()
        .addHeader(
            "Set-Cookie",
            cookie(FORM_COOKIE, issued.nonce(), PATH, LoginTokens.LIFETIME.toSeconds()));
    ctx.status(status);
    ctx.html(templates.render("login.jte", new LoginView(issued.token(), user, message)));
  }

  private void login(Context ctx) {
    String user = field(ctx, "user");
    String password = field(ctx, "password");
    if (!tokens.valid(ctx.cookie(FORM_COOKIE), ctx.formParam(WebUi.CSRF_FIELD))) {
      audit.record("ui-login-failed", known(user), ctx, "login form token missing or stale", user);
      showForm(ctx, HttpStatus.FORBIDDEN, user, "The login form had expired. Please try again.");
      return;
    }
    String address = ctx.ip();
    if (!throttle.allows(user, address)) {
      audit.record("ui-login-failed", known(user), ctx, "throttled", user);
      showForm(
          ctx,
          HttpStatus.TOO_MANY_REQUESTS,
          user,
          "Too many failed logins. Wait a few minutes before trying again.");
      return;
    }
    Optional<Recipient> who = auth.checkPassword(user, password);
    if (who.isEmpty()) {
      throttle.failed(user, address);
      audit.record("ui-login-failed", known(user), ctx, "wrong name or password", user);
      showForm(ctx, HttpStatus.UNAUTHORIZED, user, "Wrong name or password.");
      return;
    }
    if (!WebUi.mayUse(who.get())) {
      audit.record("ui-login-failed", user, ctx, "not an analyst or admin", null);
      ui.error(ctx, 403, "Forbidden", "The web UI is for the node's analysts and admins.");
      return;
    }
    throttle.succeeded(user);
    sessions.close(ctx.cookie(WebUi.SESSION_COOKIE));
    UiSession s = sessions.open(user);
    ctx.res().addHeader("Set-Cookie", cookie(WebUi.SESSION_COOKIE, s.id(), "/ui/", -1));
    ctx.res().addHeader("Set-Cookie", cookie(FORM_COOKIE, "", PATH, 0));
    audit.record("ui-login", user, ctx, null);
    ctx.redirect(WebUi.HOME, HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    UiSession s = WebUi.session(ctx);
    sessions.close(s.id());
    ctx.res().addHeader("Set-Cookie", cookie(WebUi.SESSION_COOKIE, "", "/ui/", 0));
    audit.record("ui-logout", s.user(), ctx, null);
    ctx.redirect(PATH, HttpStatus.SEE_OTHER);
  }

  private String known(String user) {
    return auth.recipient(user).isPresent() ? user : null;
  }

  private static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    if (v == null) {
      return "";
    }
    return v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) : v;
  }

  /** A cookie only this node's HTTPS pages get, never scripts or other sites' requests. */
  static String cookie(String name, String value, String path, long maxAgeSeconds) {
    return name
        + "="
        + value
        + "; Path="
        + path
        + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "")
        + "; Secure; HttpOnly; SameSite=Strict";
  }
}
