package dev.kasa.sigma.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Flow lists and maps that close on the line they open on, their plain and quoted scalars, anchors
 * and aliases, read as snakeyaml-engine reads them; anything else in them is outside the block
 * scanner's subset. One per node read.
 */
final class FlowNodes {
  private final BlockYamlScanner s;
  private final String text;
  private final int n;

  FlowNodes(BlockYamlScanner s) {
    this.s = s;
    this.text = s.text();
    this.n = s.length();
  }

  /** A node inside a flow collection, or one that starts one, or an alias: all on this line. */
  void node() {
    char c = s.pos() < n ? text.charAt(s.pos()) : '\n';
    if (c == '&') {
      if (s.hasAnchor()) {
        throw BlockYamlScanner.outside();
      }
      s.readAnchor();
      s.skipSpaces();
      c = s.pos() < n ? text.charAt(s.pos()) : '\n';
    }
    switch (c) {
      case '[' -> collection(false);
      case '{' -> collection(true);
      case '*' -> s.alias();
      case '\'', '"' -> s.quoted(c);
      default -> plain();
    }
  }

  /** A flow sequence or mapping that closes on this line, at the scanner's position. */
  private void collection(boolean map) {
    s.nest();
    Mark start = s.nodeStart(s.pos());
    Mark afterOpen = s.mark(s.pos() + 1);
    Optional<Anchor> a = s.takeAnchor();
    s.add(
        map
            ? new MappingStartEvent(
                a,
                Optional.empty(),
                true,
                FlowStyle.FLOW,
                Optional.of(start),
                Optional.of(afterOpen))
            : new SequenceStartEvent(
                a,
                Optional.empty(),
                true,
                FlowStyle.FLOW,
                Optional.of(start),
                Optional.of(afterOpen)));
    char close = map ? '}' : ']';
    s.pos(s.pos() + 1);
    s.skipSpaces();
    while (!s.at(close)) {
      if (map) {
        entry();
      } else {
        node();
        s.skipSpaces();
        if (s.at(':')) {
          throw BlockYamlScanner.outside();
        }
      }
      if (s.at(',')) {
        s.pos(s.pos() + 1);
        s.skipSpaces();
        if (s.at(close) || s.at(',')) {
          throw BlockYamlScanner.outside();
        }
      } else if (!s.at(close)) {
        throw BlockYamlScanner.outside();
      }
    }
    Mark from = s.mark(s.pos());
    Mark to = s.mark(s.pos() + 1);
    s.add(
        map
            ? new MappingEndEvent(Optional.of(from), Optional.of(to))
            : new SequenceEndEvent(Optional.of(from), Optional.of(to)));
    s.pos(s.pos() + 1);
    s.unnest();
  }

  /** A key (plain or quoted), its ':' and its value (or none) in a flow mapping. */
  private void entry() {
    char c = s.pos() < n ? text.charAt(s.pos()) : '\n';
    if (c == '\'' || c == '"') {
      s.quoted(c);
    } else {
      plain();
    }
    s.skipSpaces();
    if (!s.at(':') || !(s.blankAt(s.pos() + 1) || ",[]{}".indexOf(text.charAt(s.pos() + 1)) >= 0)) {
      throw BlockYamlScanner.outside();
    }
    s.pos(s.pos() + 1);
    Mark afterColon = s.mark(s.pos());
    s.skipSpaces();
    if (s.at(',') || s.at('}')) {
      s.add(
          new ScalarEvent(
              Optional.empty(),
              Optional.empty(),
              new ImplicitTuple(true, false),
              "",
              ScalarStyle.PLAIN,
              Optional.of(afterColon),
              Optional.of(afterColon)));
    } else {
      node();
      s.skipSpaces();
    }
  }

  /** A plain scalar inside a flow collection: up to a flow indicator or ': ', on this line. */
  private void plain() {
    int start = s.pos();
    char first = s.pos() < n ? text.charAt(s.pos()) : '\n';
    if (first == ' ' || first == '\n' || ",[]{}#&*!|>'\"%@`?:".indexOf(first) >= 0) {
      throw BlockYamlScanner.outside();
    }
    if (first == '-'
        && (s.blankAt(s.pos() + 1) || ",[]{}".indexOf(text.charAt(s.pos() + 1)) >= 0)) {
      throw BlockYamlScanner.outside();
    }
    int end = s.pos();
    int i = s.pos();
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ']' || c == '}' || c == '\n') {
        break;
      }
      if (c == ':' && (s.blankAt(i + 1) || ",[]{}".indexOf(text.charAt(i + 1)) >= 0)) {
        break;
      }
      if (c == '[' || c == '{' || c == '?' || (c == '#' && text.charAt(i - 1) == ' ')) {
        throw BlockYamlScanner.outside();
      }
      if (c != ' ') {
        end = i + 1;
      }
    }
    s.plainEvent(start, end);
    s.pos(end);
  }
}
