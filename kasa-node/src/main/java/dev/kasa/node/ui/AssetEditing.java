package dev.kasa.node.ui;

import dev.kasa.KasaException;
import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetFiles;
import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admins manage the protected assets in the UI as {@code kasa asset add|import} does: add or
 * replace one asset from a form, import a CSV or YAML file (the good rows are stored, every bad one
 * is shown by {@code file:line}), remove one. Analysts see the assets but change none. Every change
 * is written to the audit chain ({@code ui-asset-put}, {@code ui-asset-import}, {@code
 * ui-asset-delete}).
 */
final class AssetEditing {
  static final String IMPORT = AssetPages.PATH + "import";

  /** The largest file imported (the server refuses larger uploads before this is reached). */
  static final int MAX_IMPORT = 1024 * 1024;

  private final WebUi ui;
  private final Store store;
  private final Templates templates;
  private final UiAudit audit;

  AssetEditing(WebUi ui, Store store, Templates templates, UiAudit audit) {
    this.ui = ui;
    this.store = store;
    this.templates = templates;
    this.audit = audit;
  }

  /** What an import did: the assets stored and the problem of every bad row. */
  record ImportView(Frame frame, String file, List<String> stored, List<String> problems) {}

  void register(RoutesConfig routes) {
    routes.post(AssetPages.PATH, this::put);
    routes.post(IMPORT, this::importFile);
    routes.post(AssetPages.PATH + "{name}/delete", this::delete);
  }

  private void put(Context ctx) {
    String user = admin(ctx);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String column : AssetFiles.COLUMNS) {
      String v = ctx.formParam(column);
      if (v != null && v.length() > 10_000) {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, column + " is too long");
      }
      // A form's lists come one a line or ';'-separated, as in a file.
      fields.put(column, v == null ? null : v.replace("\r", "").replace('\n', ';'));
    }
    Asset asset;
    try {
      asset = AssetFiles.fromFields(fields);
    } catch (KasaException | IllegalArgumentException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "asset: " + e.getMessage());
    }
    store.assets().put(List.of(asset));
    audit.record("ui-asset-put", user, ctx, asset.name());
    ctx.redirect(AssetPages.href(asset.name()), HttpStatus.SEE_OTHER);
  }

  private void importFile(Context ctx) {
    String user = admin(ctx);
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "choose a CSV or YAML file to import");
    }
    String name = file.filename() == null || file.filename().isBlank() ? "upload" : file.filename();
    name = name.length() > 100 ? name.substring(0, 100) : name;
    String text = text(file);
    AssetFiles.Read read = AssetFiles.read(name, text);
    store.assets().put(read.assets());
    audit.record(
        "ui-asset-import",
        user,
        ctx,
        name + ": " + read.assets().size() + " stored, " + read.problems().size() + " refused");
    ctx.html(
        templates.render(
            "assetImport.jte",
            new ImportView(
                ui.frame(ctx, "Asset import", "assets"),
                name,
                read.assets().stream().map(Asset::name).toList(),
                read.problems())));
  }

  private void delete(Context ctx) {
    String user = admin(ctx);
    String name = ctx.pathParam("name");
    if (!store.assets().delete(name)) {
      throw new HttpProblem(
          HttpProblem.Kind.NOT_FOUND,
          "no asset '" + (name.length() > 60 ? name.substring(0, 60) : name) + "'");
    }
    audit.record("ui-asset-delete", user, ctx, name);
    ctx.redirect(AssetPages.PATH, HttpStatus.SEE_OTHER);
  }

  private static String admin(Context ctx) {
    if (!WebUi.isAdmin(ctx)) {
      throw new HttpProblem(HttpProblem.Kind.FORBIDDEN, "only the node's admins change assets");
    }
    return WebUi.session(ctx).user();
  }

  private static String text(UploadedFile file) {
    if (file.size() > MAX_IMPORT) {
      throw new HttpProblem(
          HttpProblem.Kind.TOO_LARGE, "the file exceeds " + MAX_IMPORT + " bytes");
    }
    try (InputStream in = file.content()) {
      byte[] bytes = in.readNBytes(MAX_IMPORT + 1);
      if (bytes.length > MAX_IMPORT) {
        throw new HttpProblem(
            HttpProblem.Kind.TOO_LARGE, "the file exceeds " + MAX_IMPORT + " bytes");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the file is not UTF-8 text");
    } catch (IOException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "cannot read the upload: " + e);
    }
  }
}
