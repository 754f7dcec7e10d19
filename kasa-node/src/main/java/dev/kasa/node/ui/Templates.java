package dev.kasa.node.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The UI's JTE templates (src/main/jte), compiled to classes of this package at build time by the
 * jte-maven-plugin: HTML content type, so every {@code ${...}} is escaped for where it stands.
 */
final class Templates {
  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Templates.class.getClassLoader(), "dev.kasa.node.ui");

  /** Renders {@code name} (e.g. {@code "login.jte"}) with its one parameter. */
  String render(String name, Object model) {
    var out = new StringOutput();
    engine.render(name, model, out);
    return out.toString();
  }
}
