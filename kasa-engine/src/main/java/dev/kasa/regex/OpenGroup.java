package dev.kasa.regex;

import java.util.ArrayList;
import java.util.List;

/** A group being parsed (or the whole expression): its finished branches and the current one. */
final class OpenGroup {
  final int offset;
  final int savedFlags;
  final int capture;
  final String name;
  final List<Built> branches = new ArrayList<>();
  List<Built> concat = new ArrayList<>();

  OpenGroup(int offset, int savedFlags, int capture, String name) {
    this.offset = offset;
    this.savedFlags = savedFlags;
    this.capture = capture;
    this.name = name;
  }

  void endBranch() {
    branches.add(
        switch (concat.size()) {
          case 0 -> new Built(new RegexNode.Empty(), 1);
          case 1 -> concat.get(0);
          default ->
              Built.of(
                  new RegexNode.Concat(concat.stream().map(Built::node).toList()), concat, offset);
        });
    concat = new ArrayList<>();
  }

  Built finish() {
    endBranch();
    if (branches.size() == 1) {
      return branches.get(0);
    }
    return Built.of(
        new RegexNode.Alternation(branches.stream().map(Built::node).toList()), branches, offset);
  }
}
