package dev.kasa.node.ui;

import dev.kasa.node.alert.AlertRoutes;
import dev.kasa.node.auth.Authenticator;
import dev.kasa.node.http.BrowserArea;
import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * The web UI of a node, under {@code /ui/} on the node's HTTPS listener: for its analysts and
 * admins, who log in by a form with their node password. Sessions live on the server ({@code
 * Secure; HttpOnly; SameSite=Strict} cookies, idle and absolute timeouts); every state-changing
 * request carries the session's CSRF token; every response carries a strict Content Security
 * Policy. Partners and sensors get 403 on every path; without a session a page redirects to the
 * login form. Logins, failed logins, refusals and logouts are written to the audit chain.
 */
public final class WebUi implements BrowserArea {
  static final String SESSION_COOKIE = "kasa_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSRF_FIELD = "_csrf";
  static final String HOME = OverviewPage.PATH;
  private static final String SESSION = "kasa.ui.session";
  private static final String WHO = "kasa.ui.recipient";

  private final Authenticator auth;
  private final Sessions sessions;
  private final Templates templates = new Templates();
  private final UiAudit audit;
  private final Login login;
  private final IntelPages intel;
  private final FederationPages federation;
  private final AuditPages auditPages;
  private final OverviewPage overview;
  private final AlertPages alertPages;
  private final AssetPages assetPages;
  private final AssetEditing assetEditing;
  private final ActorPages actorPages;

  /**
   * A UI with the default session lifetimes and login throttle.
   *
   * @param alerts the alert API, whose changes (audit, false-positive sightings) the pages reuse
   */
  public WebUi(Store store, Authenticator auth, AlertRoutes alerts, Clock clock) {
    this(store, auth, alerts, clock, Sessions.Limits.DEFAULT, LoginThrottle.Limits.DEFAULT);
  }

  WebUi(
      Store store,
      Authenticator auth,
      AlertRoutes alerts,
      Clock clock,
      Sessions.Limits sessionLimits,
      LoginThrottle.Limits throttleLimits) {
    this.auth = auth;
    this.sessions = new Sessions(clock, sessionLimits);
    this.audit = new UiAudit(store);
    this.login =
        new Login(
            this,
            auth,
            sessions,
            new LoginThrottle(clock, throttleLimits),
            new LoginTokens(clock),
            templates,
            audit);
    this.intel = new IntelPages(this, store, templates);
    this.federation = new FederationPages(this, store, templates);
    this.auditPages = new AuditPages(this, store, templates);
    this.overview = new OverviewPage(this, store, templates, clock);
    this.alertPages = new AlertPages(this, store, alerts, templates);
    this.assetPages = new AssetPages(this, store, templates);
    this.assetEditing = new AssetEditing(this, store, templates, audit);
    this.actorPages = new ActorPages(this, store, templates);
  }

  @Override
  public boolean owns(String path) {
    return path.equals("/") || path.equals("/ui") || path.startsWith("/ui/");
  }

  /** Registers the UI's routes and its guard, which runs before every one of them. */
  public void register(RoutesConfig routes) {
    routes.before(this::guard);
    routes.exception(LoginRequired.class, (e, ctx) -> toLogin(ctx));
    routes.get("/", ctx -> ctx.redirect("/ui/", HttpStatus.SEE_OTHER));
    routes.get("/ui/", ctx -> ctx.redirect(HOME, HttpStatus.SEE_OTHER));
    routes.get("/ui/static/{file}", StaticAssets::own);
    routes.get("/ui/webjars/<path>", StaticAssets::webjar);
    login.register(routes);
    intel.register(routes);
    federation.register(routes);
    auditPages.register(routes);
    overview.register(routes);
    alertPages.register(routes);
    assetPages.register(routes);
    assetEditing.register(routes);
    actorPages.register(routes);
  }

  @Override
  public void error(Context ctx, int status, String title, String description) {
    SecurityHeaders.apply(ctx);
    ctx.status(status);
    ctx.html(templates.render("error.jte", new ErrorView(status, title, description)));
  }

  /** What an error page shows. */
  record ErrorView(int status, String title, String description) {}

  /** The frame of a page for the request's session. */
  Frame frame(Context ctx, String title, String section) {
    UiSession s = ctx.attribute(SESSION);
    Recipient who = ctx.attribute(WHO);
    return new Frame(
        title,
        section,
        s.user(),
        who.role().name().toLowerCase(java.util.Locale.ROOT),
        s.csrfToken());
  }

  static boolean mayUse(Recipient r) {
    return !r.isPartner() && (r.role() == Role.ADMIN || r.role() == Role.ANALYST);
  }

  /** Whether the request came from htmx (then pages answer with the fragment it swaps in). */
  static boolean fromHtmx(Context ctx) {
    return "true".equals(ctx.header("HX-Request"));
  }

  private static boolean isPublic(String path) {
    return path.equals("/")
        || path.equals(Login.PATH)
        || path.startsWith("/ui/static/")
        || path.startsWith("/ui/webjars/");
  }

  private void guard(Context ctx) {
    String path = ctx.path();
    if (!owns(path)) {
      return;
    }
    SecurityHeaders.apply(ctx);
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      Optional<Recipient> r = auth.authenticate(authorization);
      if (r.isPresent() && !mayUse(r.get())) {
        throw new HttpProblem(
            HttpProblem.Kind.FORBIDDEN, "the web UI is for the node's analysts and admins");
      }
    }
    if (isPublic(path)) {
      return;
    }
    Optional<UiSession> session = sessions.find(ctx.cookie(SESSION_COOKIE));
    if (session.isEmpty()) {
      // Thrown, not skipped: the server's after-handlers (in-flight count) must still run.
      throw new LoginRequired();
    }
    UiSession s = session.get();
    Optional<Recipient> who = auth.recipient(s.user());
    if (who.isEmpty() || !mayUse(who.get())) {
      sessions.close(s.id());
      throw new HttpProblem(
          HttpProblem.Kind.FORBIDDEN, "the web UI is for the node's analysts and admins");
    }
    if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
      String token = ctx.header(CSRF_HEADER);
      if (token == null) {
        token = ctx.formParam(CSRF_FIELD);
      }
      if (token == null
          || !MessageDigest.isEqual(
              token.getBytes(StandardCharsets.UTF_8),
              s.csrfToken().getBytes(StandardCharsets.UTF_8))) {
        audit.record("ui-csrf-refused", s.user(), ctx, ctx.method().name() + " " + path);
        throw new HttpProblem(
            HttpProblem.Kind.FORBIDDEN, "the request did not carry this session's CSRF token");
      }
    }
    ctx.attribute(SESSION, s);
    ctx.attribute(WHO, who.get());
  }

  /** A page asked for without a live session. */
  private static final class LoginRequired extends RuntimeException {
    LoginRequired() {
      super("no session", null, false, false);
    }
  }

  /** Whether the request's user is one of the node's admins (set by the guard). */
  static boolean isAdmin(Context ctx) {
    Recipient who = ctx.attribute(WHO);
    return who != null && !who.isPartner() && who.role() == Role.ADMIN;
  }

  /** The request's session (set by the guard). */
  static UiSession session(Context ctx) {
    return ctx.attribute(SESSION);
  }

  static void toLogin(Context ctx) {
    if (fromHtmx(ctx)) {
      ctx.header("HX-Redirect", Login.PATH);
      ctx.status(HttpStatus.UNAUTHORIZED);
    } else {
      ctx.redirect(Login.PATH, HttpStatus.SEE_OTHER);
    }
  }
}
