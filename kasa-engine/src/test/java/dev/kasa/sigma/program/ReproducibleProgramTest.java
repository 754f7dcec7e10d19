package dev.kasa.sigma.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.sigma.logsource.LogSourceMap;
import dev.kasa.sigma.match.Placeholders;
import dev.kasa.sigma.rule.NamedText;
import dev.kasa.sigma.rule.RuleLoader;
import dev.kasa.sigma.rule.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The compiled-rules cache's program bytes are the same in every JVM run. The JDK's immutable sets
 * and maps iterate in an order salted per JVM run, so a compile that numbers fields while iterating
 * one writes other bytes in the next run: only separate JVMs can show it, so this test runs the
 * compile in three child JVMs (the chance that three salts give one order of a dozen fields is
 * small) and compares the digests of what they wrote.
 */
class ReproducibleProgramTest {

  @Test
  void threeJvmRunsWriteTheSameProgramBytes() throws Exception {
    List<String> digests = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      digests.add(childDigest());
    }
    assertThat(digests.get(0)).hasSize(64);
    assertThat(digests).containsOnly(digests.get(0));
  }

  @Test
  void theChildsDigestIsTheDigestOfThisJvmsWrite() throws Exception {
    assertThat(childDigest()).isEqualTo(digest());
  }

  private static String childDigest() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReproducibleProgramTest.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out;
  }

  /** Prints the digest of the program and automata bytes of {@link #RULES} (the child's part). */
  public static void main(String[] args) throws Exception {
    System.out.println(digest());
  }

  private static String digest() throws IOException, NoSuchAlgorithmException {
    RuleSet set = RuleLoader.load(List.of(), List.of(new NamedText("r.yml", RULES)));
    SigmaProgram program =
        SigmaProgram.compile(
            set,
            LogSourceMap.defaults(),
            Placeholders.NONE,
            x -> Set.of(),
            Runnable::run,
            CompiledLiterals.NONE);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(CodecFixtures.encode(out -> ProgramCodec.write(program, set, out)));
    sha.update(CodecFixtures.encode(out -> ProgramCodec.writeAutomata(program, out)));
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Rules naming a dozen fields each, in a log source no map knows and in a mapped one. */
  private static final String RULES =
      """
      title: unmapped
      id: 00000000-0000-0000-0000-000000000001
      logsource:
          product: someapp
          service: audit
      detection:
          selection:
              f.one: 'a1'
              f.two: 'a2'
              f.three: 'a3'
              f.four: 'a4'
              f.five: 'a5'
              f.six: 'a6'
              f.seven: 'a7'
              f.eight: 'a8'
              f.nine: 'a9'
              f.ten: 'a10'
              f.eleven: 'a11'
              f.twelve: 'a12'
          condition: selection
      level: high
      ---
      title: mapped
      id: 00000000-0000-0000-0000-000000000002
      logsource:
          category: process_creation
          product: windows
      detection:
          selection:
              Image|endswith: '\\\\x.exe'
              CommandLine|contains: 'abc'
              ParentImage|endswith: '\\\\y.exe'
              User: 'u'
              IntegrityLevel: 'High'
              CurrentDirectory: 'C:\\\\'
              OriginalFileName: 'x.exe'
              Product: 'p'
              Company: 'c'
              Description: 'd'
              ParentCommandLine|contains: 'q'
              LogonId: '0x1'
          condition: selection
      level: high
      """;
}
