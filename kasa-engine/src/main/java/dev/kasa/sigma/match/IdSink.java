package dev.kasa.sigma.match;

/** Receives the ids of literals a {@link LiteralAutomaton} found; called on the scanning thread. */
@FunctionalInterface
public interface IdSink {
  void accept(int id);
}
