package dev.kasa.evtxwriter;

import java.util.Objects;
import java.util.UUID;

/**
 * A template: the XML shared by many records, with substitutions for the values that differ. Each
 * chunk stores a template's definition once, the first time a record uses it.
 *
 * @param id identifies the template (its first four bytes are the template id readers see)
 */
public record Template(UUID id, XmlNode.Element root) {
  public Template {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(root, "root of template " + id);
  }
}
