package dev.kasa.node.ui;

import dev.kasa.node.http.HttpProblem;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The UI's own stylesheet and script, and files of the webjars it uses (htmx; ECharts for the
 * overview's charts), from the class path. Only names that match a fixed shape are looked up.
 */
final class StaticAssets {
  /** Kept equal to {@code htmx.version} in the parent pom (WebUiTest loads it). */
  static final String HTMX_VERSION = "2.0.10";

  static final String HTMX = "/ui/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js";

  /** Kept equal to {@code echarts.version} in the parent pom (WebUiPagesTest loads it). */
  static final String ECHARTS_VERSION = "5.3.1";

  static final String ECHARTS = "/ui/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

  private static final Map<String, String> OWN =
      Map.of(
          "kasa.css", "text/css; charset=utf-8",
          "kasa.js", "text/javascript; charset=utf-8",
          "charts.js", "text/javascript; charset=utf-8",
          "favicon.svg", "image/svg+xml");
  private static final Pattern WEBJAR =
      Pattern.compile("(htmx\\.org|echarts)/[0-9][0-9.]*/dist/[A-Za-z0-9_-]+(\\.min)?\\.js");

  private StaticAssets() {}

  static void own(Context ctx) {
    String file = ctx.pathParam("file");
    String type = OWN.get(file);
    if (type == null) {
      throw new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no such file: " + file);
    }
    send(ctx, "dev/kasa/node/ui/static/" + file, type, "no-cache");
  }

  static void webjar(Context ctx) {
    String path = ctx.pathParam("path");
    if (!WEBJAR.matcher(path).matches()) {
      throw new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no such file: " + path);
    }
    send(
        ctx,
        "META-INF/resources/webjars/" + path,
        "text/javascript; charset=utf-8",
        "public, max-age=86400, immutable");
  }

  private static void send(Context ctx, String resource, String type, String cache) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new HttpProblem(HttpProblem.Kind.NOT_FOUND, "no such file: " + resource);
      }
      ctx.header("Cache-Control", cache);
      ctx.contentType(type);
      ctx.result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
