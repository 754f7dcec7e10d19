package dev.kasa.sigma.rule;

import dev.kasa.ErrorCode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Bounds a YAML text as its parser events go by, before anything is composed from it: how deep its
 * collections nest, how much its aliases expand it, and no collection holding itself. An alias
 * costs a few bytes and stands for all its anchor holds, so a scalar alias repeated 100,000 times
 * turns a small file into gigabytes once readers copy the values; the characters that aliases add
 * to a document (a scalar counts its length plus one, a collection one plus its contents) are
 * counted and bounded. Every reader of YAML in the engine runs its events through one. Not
 * thread-safe: one per parse.
 */
public final class YamlBudget {
  /**
   * The first bound a text exceeded.
   *
   * @param code {@code TOO_DEEP}, {@code TOO_LARGE}, or {@code YAML_SYNTAX} for an alias of a
   *     collection inside that collection (recursive)
   * @param at where in the text (the collection or alias that crossed the bound)
   * @param message what was exceeded, naming the bound
   */
  public record Exceeded(ErrorCode code, Optional<Mark> at, String message) {}

  private static final class Frame {
    final Anchor anchor;
    long size = 1;

    Frame(Anchor anchor) {
      this.anchor = anchor;
    }
  }

  private final int maxDepth;
  private final long maxAliasChars;
  private final Map<Anchor, Long> sizes = new HashMap<>();
  private final ArrayDeque<Frame> open = new ArrayDeque<>();
  private long aliasChars;

  /**
   * A budget allowing {@code maxDepth} nested collections and {@code maxAliasChars} characters
   * added by aliases per document.
   */
  public YamlBudget(int maxDepth, long maxAliasChars) {
    if (maxDepth < 1 || maxAliasChars < 0) {
      throw new IllegalArgumentException(
          "maxDepth must be >= 1 and maxAliasChars >= 0, got " + maxDepth + ", " + maxAliasChars);
    }
    this.maxDepth = maxDepth;
    this.maxAliasChars = maxAliasChars;
  }

  /** Accounts for {@code e}; null while within bounds, else the bound it exceeded. */
  public Exceeded accept(Event e) {
    switch (e.getEventId()) {
      case DocumentStart -> {
        sizes.clear();
        open.clear();
        aliasChars = 0;
      }
      case MappingStart, SequenceStart -> {
        if (open.size() >= maxDepth) {
          return new Exceeded(
              ErrorCode.TOO_DEEP, e.getStartMark(), "nested deeper than " + maxDepth + " levels");
        }
        open.push(new Frame(((NodeEvent) e).getAnchor().orElse(null)));
      }
      case MappingEnd, SequenceEnd -> {
        Frame f = open.pop();
        if (f.anchor != null) {
          sizes.put(f.anchor, f.size);
        }
        add(f.size);
      }
      case Scalar -> {
        long size = 1L + ((ScalarEvent) e).getValue().length();
        ((ScalarEvent) e).getAnchor().ifPresent(a -> sizes.put(a, size));
        add(size);
      }
      case Alias -> {
        Anchor a = ((AliasEvent) e).getAlias();
        for (Frame f : open) {
          if (a.equals(f.anchor)) {
            // A collection that holds itself: no rule needs one, and snakeyaml-engine's composer
            // never returns from a merge key (<<) over one.
            return new Exceeded(
                ErrorCode.YAML_SYNTAX,
                e.getStartMark(),
                "alias *" + a.getValue() + " refers to a collection that contains it");
          }
        }
        // An unknown alias is the composer's to refuse.
        long size = sizes.getOrDefault(a, 1L);
        aliasChars += size;
        if (aliasChars > maxAliasChars) {
          return new Exceeded(
              ErrorCode.TOO_LARGE,
              e.getStartMark(),
              String.format(
                  Locale.ROOT,
                  "aliases expand the document by more than %,d characters (at alias *%s)",
                  maxAliasChars,
                  a.getValue()));
        }
        add(size);
      }
      default -> {}
    }
    return null;
  }

  private void add(long size) {
    Frame parent = open.peek();
    if (parent != null) {
      parent.size += size;
    }
  }
}
