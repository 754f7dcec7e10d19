package dev.kasa.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The first oracle: for every {@code .evtx} of SigmaHQ's regression data, Kasa's records equal the
 * JSON that the Rust evtx_dump made of it (the {@code .json} beside it), field by field, after this
 * normalisation of number and time formatting (documented in docs/formats.md):
 *
 * <ul>
 *   <li>a JSON number, or a string that is a decimal or scientific number, is compared as a decimal
 *       value ({@code 1.0}, {@code 1}, {@code 1e0} are equal);
 *   <li>an ISO timestamp ({@code 2025-11-27T07:40:10.165324Z}) is compared to the microsecond,
 *       whatever digits of fraction it has;
 *   <li>{@code "Record N"} lines between the objects (evtx_dump's default output) are ignored.
 * </ul>
 */
class EvtxDumpOracleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern TIME =
      Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(\\.(\\d+))?Z");

  @Test
  void everyCorpusRecordEqualsEvtxDumpsJson() throws IOException {
    List<Path> files = Corpus.evtxFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(129);
    List<String> differences = new ArrayList<>();
    long records = 0;
    for (Path evtx : files) {
      Decoded ours = Decoded.of(Corpus.read(evtx), RecordFormat.JSON);
      assertThat(ours.problems).as(evtx.toString()).isEmpty();
      List<JsonNode> theirs = evtxDumpJson(sibling(evtx));
      if (ours.records.size() != theirs.size()) {
        differences.add(
            evtx + ": " + ours.records.size() + " records, evtx_dump has " + theirs.size());
        continue;
      }
      for (int i = 0; i < theirs.size(); i++) {
        compare(
            normalised(JSON.readTree(ours.records.get(i))),
            normalised(theirs.get(i)),
            evtx + " record " + ours.ids.get(i) + " ",
            differences);
        records++;
      }
    }
    assertThat(differences).as("differences from evtx_dump").isEmpty();
    assertThat(records).isGreaterThanOrEqualTo(158);
  }

  @Test
  void theNormalisationOnlyEqualsFormattingsOfOneValue() throws IOException {
    assertThat(normalised(JSON.readTree("{\"a\":\"1.0\",\"b\":1e0}")))
        .isEqualTo(normalised(JSON.readTree("{\"a\":\"1\",\"b\":1}")));
    assertThat(normalised(JSON.readTree("\"2025-11-27T07:40:10.1653245Z\"")))
        .isEqualTo(normalised(JSON.readTree("\"2025-11-27T07:40:10.165324Z\"")));
    assertThat(normalised(JSON.readTree("\"2025-11-27T07:40:10.165325Z\"")))
        .isNotEqualTo(normalised(JSON.readTree("\"2025-11-27T07:40:10.165324Z\"")));
    assertThat(normalised(JSON.readTree("{\"a\":\"10.0.1\"}")))
        .isNotEqualTo(normalised(JSON.readTree("{\"a\":\"10.0.10\"}")));
  }

  static Path sibling(Path evtx) {
    String name = evtx.getFileName().toString();
    return evtx.resolveSibling(name.substring(0, name.length() - 5) + ".json");
  }

  /** The objects of an evtx_dump JSON file: concatenated, maybe with "Record N" lines. */
  static List<JsonNode> evtxDumpJson(Path file) throws IOException {
    String text =
        Files.readString(file, StandardCharsets.UTF_8).replaceAll("(?m)^Record \\d+$", "");
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        JSON.readerFor(JsonNode.class).with(JsonParser.Feature.ALLOW_COMMENTS).readValues(text)) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  static JsonNode normalised(JsonNode n) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (n.isObject()) {
      ObjectNode o = f.objectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        o.set(e.getKey(), normalised(e.getValue()));
      }
      return o;
    }
    if (n.isArray()) {
      var a = f.arrayNode();
      n.forEach(x -> a.add(normalised(x)));
      return a;
    }
    if (n.isNumber()) {
      return f.numberNode(n.decimalValue().stripTrailingZeros());
    }
    if (n.isTextual()) {
      String s = n.textValue();
      if (NUMBER.matcher(s).matches()) {
        return f.numberNode(new BigDecimal(s).stripTrailingZeros());
      }
      Matcher t = TIME.matcher(s);
      if (t.matches()) {
        String fraction = t.group(3) == null ? "" : t.group(3);
        fraction = (fraction + "000000").substring(0, 6);
        return f.textNode(t.group(1) + "." + fraction + "Z");
      }
    }
    return n;
  }

  private static void compare(JsonNode ours, JsonNode theirs, String where, List<String> out) {
    if (ours.equals(theirs)) {
      return;
    }
    if (ours.isObject() && theirs.isObject()) {
      List<String> names = new ArrayList<>();
      ours.fieldNames().forEachRemaining(names::add);
      theirs
          .fieldNames()
          .forEachRemaining(
              n -> {
                if (!names.contains(n)) {
                  names.add(n);
                }
              });
      for (String name : names) {
        JsonNode a = ours.get(name);
        JsonNode b = theirs.get(name);
        if (a == null || b == null) {
          out.add(where + "/" + name + ": ours " + a + ", evtx_dump " + b);
        } else {
          compare(a, b, where + "/" + name, out);
        }
      }
      return;
    }
    out.add(where + ": ours " + ours + ", evtx_dump " + theirs);
  }
}
