package dev.kasa.sigma.program;

import dev.kasa.sigma.binary.BinaryIn;
import dev.kasa.sigma.binary.BinaryOut;
import dev.kasa.sigma.binary.MalformedBinaryException;
import dev.kasa.sigma.match.LiteralAutomaton;
import dev.kasa.sigma.match.LiteralKind;
import dev.kasa.sigma.match.Needle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The literal automata a program was compiled with, each under the literals (and ids) it was built
 * of. A later compile takes an automaton from here instead of building it when it needs one of
 * exactly the same literals, so a program compiled with these is the program compiled without them.
 * Written in Kasa's binary form for the compiled-rules cache. Immutable.
 */
public final class CompiledLiterals {
  /** No automaton: a compile builds every one. */
  public static final CompiledLiterals NONE = new CompiledLiterals(Map.of());

  private final CompletableFuture<Map<FieldLiterals, LiteralAutomaton>> automata;

  CompiledLiterals(Map<FieldLiterals, LiteralAutomaton> automata) {
    this.automata = CompletableFuture.completedFuture(Map.copyOf(automata));
  }

  private CompiledLiterals(CompletableFuture<Map<FieldLiterals, LiteralAutomaton>> automata) {
    this.automata = automata;
  }

  /**
   * The automata in {@code in} ({@link #write}), read as a task on {@code executor} while the
   * caller goes on: a compile given them waits for them only when it needs its first automaton.
   * When they cannot be read, there are none ({@link #failure()} says why) and a compile builds
   * every automaton.
   */
  public static CompiledLiterals readOn(BinaryIn in, Executor executor) {
    return new CompiledLiterals(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                CompiledLiterals read = read(in);
                if (in.remaining() != 0) {
                  throw new MalformedBinaryException(in.remaining() + " bytes after the automata");
                }
                return read.automata.join();
              } catch (MalformedBinaryException e) {
                throw new CompletionException(e);
              }
            },
            executor));
  }

  /** How many automata (waits for them to be read). */
  public int size() {
    return automata().size();
  }

  /** Why the automata could not be read, or null when they were (waits for them). */
  public String failure() {
    try {
      automata.join();
      return null;
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return String.valueOf(cause.getMessage());
    }
  }

  /**
   * Every automaton, in the order {@link #write} writes them (an order of their literals alone, so
   * the same program lists them alike in every run).
   */
  List<LiteralAutomaton> ordered() {
    List<Map.Entry<FieldLiterals, LiteralAutomaton>> all = new ArrayList<>(automata().entrySet());
    all.sort(Map.Entry.comparingByKey(FieldLiterals.ORDER));
    return all.stream().map(Map.Entry::getValue).toList();
  }

  /** The automaton of exactly {@code literals}, or null. */
  LiteralAutomaton get(FieldLiterals literals) {
    return automata().get(literals);
  }

  private Map<FieldLiterals, LiteralAutomaton> automata() {
    try {
      return automata.join();
    } catch (CompletionException | CancellationException e) {
      return Map.of();
    }
  }

  /**
   * Every automaton with its literals, in an order of their literals alone: the same program writes
   * the same bytes whatever order its threads built the automata in (and whatever order this JVM's
   * immutable maps iterate in).
   */
  public void write(BinaryOut out) throws IOException {
    List<Map.Entry<FieldLiterals, LiteralAutomaton>> all = new ArrayList<>(automata().entrySet());
    all.sort(Map.Entry.comparingByKey(FieldLiterals.ORDER));
    out.varint(all.size());
    for (Map.Entry<FieldLiterals, LiteralAutomaton> e : all) {
      FieldLiterals f = e.getKey();
      out.varint(f.literals().size());
      int[] ids = new int[f.ids().size()];
      for (int k = 0; k < ids.length; k++) {
        Needle.Literal literal = f.literals().get(k);
        out.constant(literal.kind());
        out.string(literal.text());
        out.bool(literal.cased());
        ids[k] = f.ids().get(k);
      }
      out.ints(ids);
      e.getValue().write(out);
    }
  }

  /** The automata {@link #write} wrote. */
  public static CompiledLiterals read(BinaryIn in) throws MalformedBinaryException {
    int n = in.count(8);
    Map<FieldLiterals, LiteralAutomaton> automata = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int count = in.count(3);
      List<Needle.Literal> literals = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        LiteralKind kind = in.constant(LiteralKind.class);
        String text = in.text();
        boolean cased = in.bool();
        try {
          literals.add(new Needle.Literal(kind, text, cased));
        } catch (IllegalArgumentException e) {
          throw new MalformedBinaryException("bad literal: " + e.getMessage());
        }
      }
      int[] ids = in.ints();
      if (ids.length != count) {
        throw new MalformedBinaryException(count + " literals with " + ids.length + " ids");
      }
      List<Integer> idList = new ArrayList<>(count);
      for (int id : ids) {
        idList.add(id);
      }
      automata.put(new FieldLiterals(literals, idList), LiteralAutomaton.read(in));
    }
    return new CompiledLiterals(automata);
  }
}
