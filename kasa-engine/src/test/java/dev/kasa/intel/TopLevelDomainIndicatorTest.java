package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain indicator matches its subdomains, so a bare top-level domain ({@code com}) would make
 * every name under it a hit: the domain form of {@code 0.0.0.0/0}, refused in every format.
 */
class TopLevelDomainIndicatorTest {
  @TempDir Path dir;

  private final IntelLoaderCollector sink = new IntelLoaderCollector();

  private void load(Path file) {
    new IntelLoader(IntelLoader.Options.defaults()).load(List.of(file.toString()), sink);
  }

  @Test
  void aPlainListRefusesABareTopLevelDomain() throws IOException {
    Path list = dir.resolve("domains.txt");
    Files.writeString(list, "com\nevil.example.com\nCOM.\n");
    load(list);
    assertThat(sink.values()).containsExactly("evil.example.com");
    assertThat(sink.problems(ErrorCode.INVALID_INPUT))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.message()).contains("'com'"));
    // Without a dot a list line is not even taken for a domain; with one, it is refused.
    assertThat(sink.problems(ErrorCode.INVALID_INPUT).get(1).message()).contains("not loaded");
  }

  @Test
  void aStixPatternOnABareTopLevelDomainIsRefusedAndTheRestOfItsOrKept() throws IOException {
    Path bundle = dir.resolve("bundle.json");
    Files.writeString(
        bundle,
        """
        {"type":"bundle","id":"bundle--6c4b3a2e-8e22-4d7c-9b2a-1f0e5d6c7b8a","objects":[
         {"type":"indicator","spec_version":"2.1",
          "id":"indicator--0b6a7f3e-2f5c-4d8e-9a1b-3c4d5e6f7a8b",
          "created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z",
          "pattern":"[domain-name:value = 'org'] OR [domain-name:value = 'c2.evil.org']",
          "pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}]}
        """);
    load(bundle);
    assertThat(sink.values()).containsExactly("c2.evil.org");
    assertThat(sink.problems(ErrorCode.INVALID_INPUT))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("'org'"));
  }

  @Test
  void aMispDomainAttributeOnABareTopLevelDomainIsRefused() throws IOException {
    Path event = dir.resolve("event.json");
    Files.writeString(
        event,
        """
        {"Event":{"info":"wave","Attribute":[
          {"type":"domain","to_ids":true,"value":"net"},
          {"type":"hostname","to_ids":true,"value":"mail.phish.net"}]}}
        """);
    load(event);
    assertThat(sink.values()).containsExactly("mail.phish.net");
    assertThat(sink.problems(ErrorCode.INVALID_INPUT))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("'net'"));
  }
}
