package dev.kasa.sigma.rule;

import dev.kasa.Location.FilePosition;
import java.util.List;
import java.util.Objects;

/**
 * What every Sigma document carries besides its logic: identity, title, severity and tags.
 *
 * @param id the {@code id} (usually a UUID), or null when the document has none
 * @param name the {@code name} correlations refer to, or null
 * @param title the {@code title}; never null (empty when missing, which the parser reports)
 * @param status the {@code status}, lower-cased, or null
 * @param level the {@code level}, lower-cased, or null
 * @param tags the {@code tags} as written, e.g. {@code attack.t1059.001}
 * @param position where the document starts
 * @param description the {@code description}, or null
 * @param text the document's YAML text as written (what a STIX {@code pattern_type: sigma}
 *     indicator carries), or null when it was not read from text
 */
public record RuleInfo(
    String id,
    String name,
    String title,
    String status,
    String level,
    List<String> tags,
    FilePosition position,
    String description,
    String text) {
  public RuleInfo {
    Objects.requireNonNull(title, "title");
    tags = List.copyOf(tags);
    Objects.requireNonNull(position, "position");
  }

  /** Document information without a description or text. */
  public RuleInfo(
      String id,
      String name,
      String title,
      String status,
      String level,
      List<String> tags,
      FilePosition position) {
    this(id, name, title, status, level, tags, position, null, null);
  }

  /** The id when there is one, else the name, else the title: how reports name the document. */
  public String label() {
    return id != null ? id : name != null ? name : title;
  }
}
