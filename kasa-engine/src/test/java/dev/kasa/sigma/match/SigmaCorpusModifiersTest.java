package dev.kasa.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.KasaException;
import dev.kasa.TestCorpora;
import dev.kasa.sigma.rule.FieldTest;
import dev.kasa.sigma.rule.Modifier;
import dev.kasa.sigma.rule.SigmaValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Compiles every field test of the SigmaHQ corpus (read here with a minimal detection walker, not
 * the project's rule parser) and requires all of them to compile, counting each modifier chain.
 * Placeholders get one value each. Skipped when the corpus is absent (set -Dkasa.corpora).
 */
class SigmaCorpusModifiersTest {
  private static final java.util.regex.Pattern PLACEHOLDER =
      java.util.regex.Pattern.compile("%([^%]+)%");

  private final Map<String, Integer> chains = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, List<String>> placeholderValues = new TreeMap<>();
  private int tests;

  @Test
  void everyCorpusFieldTestCompiles() throws IOException {
    Path dir = TestCorpora.dir("sigma");
    List<Path> files =
        TestCorpora.files(dir, ".yml").stream()
            .filter(p -> dir.relativize(p).toString().startsWith("rules"))
            .toList();
    for (Path f : files) {
      try (Reader r = Files.newBufferedReader(f)) {
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromReader(r)) {
          if (doc instanceof Map<?, ?> m && m.get("detection") instanceof Map<?, ?> det) {
            det.forEach(
                (name, search) -> {
                  if (!"condition".equals(name)) {
                    search(f, search);
                  }
                });
          }
        }
      } catch (RuntimeException e) {
        // YAML the project's parser reports; not this slice's concern
      }
    }
    System.out.println("corpus field tests compiled: " + tests + "; chains: " + chains);
    assertThat(tests).isGreaterThan(10_000);
    assertThat(failures).isEmpty();
  }

  private void search(Path file, Object search) {
    if (search instanceof List<?> list) {
      boolean keywords = list.stream().noneMatch(x -> x instanceof Map);
      if (keywords) {
        compile(file, "", list);
      } else {
        list.forEach(x -> search(file, x));
      }
    } else if (search instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) ->
              compile(
                  file,
                  String.valueOf(k),
                  v instanceof List<?> l ? l : List.of(v == null ? NULL : v)));
    }
  }

  private static final Object NULL = new Object();

  private void compile(Path file, String key, List<?> rawValues) {
    String[] pieces = key.split("\\|", -1);
    List<Modifier> mods = new ArrayList<>();
    for (int i = 1; i < pieces.length; i++) {
      Optional<Modifier> m = Modifier.fromWritten(pieces[i]);
      if (m.isEmpty()) {
        failures.add(file + ": unknown modifier " + pieces[i]);
        return;
      }
      mods.add(m.get());
    }
    List<SigmaValue> values = new ArrayList<>();
    for (Object v : rawValues) {
      values.add(value(v));
      if (v instanceof String s && mods.contains(Modifier.EXPAND)) {
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
          placeholderValues.put(m.group(1), List.of("value-of-" + m.group(1)));
        }
      }
    }
    if (values.isEmpty()) {
      return;
    }
    String chain = key.contains("|") ? key.substring(key.indexOf('|')) : "(none)";
    chains.merge(chain, 1, Integer::sum);
    tests++;
    try {
      FieldPredicates.compile(
          new FieldTest(pieces[0].isEmpty() ? null : pieces[0], mods, values, SigmaTests.AT),
          new Placeholders(placeholderValues));
    } catch (KasaException e) {
      failures.add(file + ": " + key + ": " + e.code().label() + ": " + e.getMessage());
    }
  }

  private static SigmaValue value(Object v) {
    return switch (v) {
      case String s -> SigmaTests.text(s);
      case Integer i -> SigmaTests.number(i.toString());
      case Long l -> SigmaTests.number(l.toString());
      case Double d -> SigmaTests.number(d.toString());
      case Boolean b -> new SigmaValue.Bool(b);
      default -> v == NULL ? new SigmaValue.Null() : SigmaTests.text(String.valueOf(v));
    };
  }
}
