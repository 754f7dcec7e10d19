package dev.kasa.node.detect;

import dev.kasa.detect.RuleCompilation;
import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.NamedText;
import dev.kasa.sigma.rule.RuleLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detector's Sigma rules: those in the configured directories (read at each compile) and those
 * shared as indicators with {@code pattern_type: sigma}, one per STIX id (the newest version held
 * in any collection; a revocation withdraws it for good). Changed by the detector's writer only;
 * {@link #source} is read by request threads.
 */
final class SharedRules {
  private final List<Path> dirs;
  private final Map<String, StoredIntel.SharedRule> byId = new TreeMap<>();
  private final Set<String> revoked = new HashSet<>();
  private final Map<String, String[]> sources = new ConcurrentHashMap<>();
  private boolean changed;

  SharedRules(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  /** Takes a stored rule in; a newer version supersedes, a revocation removes it for good. */
  void put(StoredIntel.SharedRule r) {
    if (revoked.contains(r.stixId())) {
      return;
    }
    if (r.revoked() || r.text() == null) {
      revoked.add(r.stixId());
      changed |= byId.remove(r.stixId()) != null;
      return;
    }
    StoredIntel.SharedRule now = byId.get(r.stixId());
    if (now != null && now.version().compareTo(r.version()) >= 0) {
      return;
    }
    byId.put(r.stixId(), r);
    sources.put(r.stixId(), new String[] {r.collectionId(), r.stixId()});
    changed = true;
  }

  /**
   * Withdraws the rule shared as {@code stixId} (deleted from a collection; the versions other
   * collections hold are put back by the caller). Returns whether it was a rule.
   */
  boolean withdraw(String stixId) {
    if (byId.remove(stixId) != null) {
      changed = true;
      return true;
    }
    return revoked.contains(stixId);
  }

  /** Whether the rules changed since the last call. */
  boolean changed() {
    boolean c = changed;
    changed = false;
    return c;
  }

  /** The shared rules' texts now, named by their STIX ids. */
  List<NamedText> texts() {
    List<NamedText> out = new ArrayList<>(byId.size());
    byId.values().forEach(r -> out.add(new NamedText(r.stixId(), r.text())));
    return out;
  }

  RuleCompilation compile() {
    return compile(texts());
  }

  /** Compiles the directories' rules with {@code shared}; may run on any thread. */
  RuleCompilation compile(List<NamedText> shared) {
    return RuleCompilation.of(
        RuleLoader.load(dirs, shared), LogSourceMap.defaults(), Placeholders.NONE);
  }

  /** The collection and STIX id a rule named {@code name} was shared as, or null. */
  String[] source(String name) {
    return name == null ? null : sources.get(name);
  }
}
