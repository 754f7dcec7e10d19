package dev.kasa.sigma.yaml;

import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The YAML 1.2 core schema, resolving as snakeyaml-engine's {@link CoreSchema} does, but answering
 * "string" without its regular expressions for a plain scalar whose first char no other type can
 * start with (null, bool, int, float, merge key and environment variable all start with one of
 * {@code ~nNtTfF0-9+-.<$} or a space; snakeyaml-engine reads a single space as null). Most of a
 * rule file's scalars are such text. Thread-safe.
 */
public final class QuickCoreSchema implements Schema {
  private static final String NOT_ONLY_STRINGS = "~nNtTfF0123456789+-.<$ ";

  private final CoreSchema core = new CoreSchema();
  private final ScalarResolver coreResolver = core.getScalarResolver();
  private final ScalarResolver resolver = this::resolve;

  @Override
  public ScalarResolver getScalarResolver() {
    return resolver;
  }

  @Override
  public Map<Tag, ConstructNode> getSchemaTagConstructors() {
    return core.getSchemaTagConstructors();
  }

  private Tag resolve(String value, Boolean implicit) {
    if (implicit && !value.isEmpty() && NOT_ONLY_STRINGS.indexOf(value.charAt(0)) < 0) {
      return Tag.STR;
    }
    return coreResolver.resolve(value, implicit);
  }
}
