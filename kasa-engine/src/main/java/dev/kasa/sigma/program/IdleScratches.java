package dev.kasa.sigma.program;

import java.util.ArrayDeque;

/**
 * The scratch state of a program's evaluators that finished their batch, for the next evaluator to
 * take: a scan makes an evaluator per chunk (a few thousand events), and each made a new {@link
 * Scratch}, so the memos of values and lines and the last class path were dropped with every chunk
 * and the values of the next one searched again. Shared by the program's workers (a lock around a
 * short list; taken and given back once per batch); bounded, so that a program keeps at most {@link
 * #MAX_IDLE} scratches (a few MB each) whatever the threads that used it.
 */
final class IdleScratches {
  static final int MAX_IDLE = 8;

  private final ArrayDeque<Scratch> idle = new ArrayDeque<>();

  /** A scratch no evaluator holds: one given back, or a new one. */
  Scratch take() {
    synchronized (idle) {
      Scratch s = idle.pollLast();
      if (s != null) {
        return s;
      }
    }
    return new Scratch();
  }

  /** Gives {@code s} back; its evaluator must not use it again. */
  void give(Scratch s) {
    synchronized (idle) {
      if (idle.size() < MAX_IDLE) {
        idle.addLast(s);
      }
    }
  }
}
