package dev.kasa.sigma.program;

import dev.kasa.sigma.binary.BinaryOut;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/** What the codec properties share: the words their rules and events are made of, and encoding. */
final class CodecFixtures {
  /** Words that overlap, differ in case only, and one empty word. */
  static final String[] WORDS = {"a", "b", "ab", "Ab", "ba", "xab", "abx", "aXb", "bb", ""};

  private CodecFixtures() {}

  /** Twelve NDJSON events with fields A, B and C (each present three times in four) and Z. */
  static String events(Random r) {
    StringBuilder json = new StringBuilder();
    for (int e = 0; e < 12; e++) {
      json.append('{');
      int k = 0;
      for (String f : new String[] {"A", "B", "C"}) {
        if (r.nextInt(4) > 0) {
          json.append(k++ == 0 ? "" : ",").append('"').append(f).append("\":\"");
          json.append(WORDS[r.nextInt(WORDS.length)]).append(WORDS[r.nextInt(WORDS.length)]);
          json.append('"');
        }
      }
      json.append(k == 0 ? "" : ",").append("\"Z\":\"pad\"}\n");
    }
    return json.toString();
  }

  interface Writer {
    void write(BinaryOut out) throws IOException;
  }

  /** The bytes {@code w} writes, finished as an entry's section is. */
  static byte[] encode(Writer w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    BinaryOut out = new BinaryOut(data);
    w.write(out);
    out.finish();
    data.flush();
    return bytes.toByteArray();
  }
}
