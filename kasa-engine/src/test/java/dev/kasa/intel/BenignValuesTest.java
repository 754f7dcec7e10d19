package dev.kasa.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allowlists and MISP warninglists suppress indicators through a real intel load. */
class BenignValuesTest {
  @TempDir Path dir;
  private final List<Problem> problems = new ArrayList<>();

  private List<String> loadThrough(BenignValues benign, String list) throws IOException {
    Path values = Files.writeString(dir.resolve("values.txt"), list);
    var sink = new IntelLoaderCollector();
    new IntelLoader(IntelLoader.Options.defaults())
        .load(List.of(values.toString()), benign.filter(sink));
    assertThat(sink.problems).isEmpty();
    return sink.values();
  }

  private Path warninglist(String name, String type, String entries) throws IOException {
    Path d = Files.createDirectories(dir.resolve("warninglists/lists/" + name));
    return Files.writeString(
        d.resolve("list.json"),
        """
        {"name": "%s", "version": 1, "description": "test fixture", "type": "%s",
         "matching_attributes": ["ip-dst", "domain"], "list": [%s]}
        """
            .formatted(name, type, entries));
  }

  @Test
  void anAllowlistSuppressesItsValuesAndRangesAndCountsThem() throws IOException {
    Path allow =
        Files.writeString(
            dir.resolve("allow.txt"),
            "# resolvers we trust\n8.8.8.8\n\nEXAMPLE.ORG\n10.0.0.0/8\n2001:db8::/32\n");
    BenignValues benign = new BenignValues();
    benign.allowlist(allow, problems::add);
    List<String> kept =
        loadThrough(
            benign,
            "8.8.8.8\n8.8.4.4\nexample.org\nsub.example.org\n10.1.2.3\n10.9.0.0/16\n"
                + "2001:db8::7\n2001:db9::1\n");
    assertThat(problems).isEmpty();
    // An allowlist value is exact: a subdomain is not the allowlisted domain.
    assertThat(kept).containsExactly("8.8.4.4", "sub.example.org", "2001:db9::1");
    assertThat(benign.suppressed()).containsExactly(java.util.Map.entry("allowlist allow.txt", 5L));
  }

  @Test
  void hostnameListsCoverSubdomainsUrlsAndEmailDomains() throws IOException {
    warninglist("Top sites", "hostname", "\"google.com\", \".microsoft.com\"");
    BenignValues benign = new BenignValues();
    benign.warninglists(dir.resolve("warninglists"), problems::add);
    List<String> kept =
        loadThrough(
            benign,
            "google.com\nmail.google.com\nnotgoogle.com\nupdate.microsoft.com\n"
                + "https://www.google.com/x\nhttps://evil.example/google.com\n"
                + "someone@google.com\n");
    assertThat(problems).isEmpty();
    assertThat(kept).containsExactly("notgoogle.com", "https://evil.example/google.com");
    assertThat(benign.suppressed()).containsEntry("warninglist Top sites", 5L);
  }

  @Test
  void cidrStringSubstringAndRegexListsEachMatchTheirWay() throws IOException {
    warninglist("Cloud ranges", "cidr", "\"203.0.113.0/25\", \"2001:db8:1::/48\", \"192.0.2.9\"");
    warninglist("Known hashes", "string", "\"D41D8CD98F00B204E9800998ECF8427E\"");
    warninglist("Sinkholes", "substring", "\"sinkhole\"");
    warninglist("Reverse", "regex", "\"/^[0-9-]+\\\\.in-addr\\\\.example$/i\"");
    BenignValues benign = new BenignValues();
    benign.warninglists(dir.resolve("warninglists"), problems::add);
    List<String> kept =
        loadThrough(
            benign,
            "203.0.113.5\n203.0.113.200\n203.0.113.0/26\n203.0.113.0/24\n192.0.2.9\n"
                + "2001:db8:1::5\n2001:db8:2::5\nd41d8cd98f00b204e9800998ecf8427e\n"
                + "a.sinkhole.example\n1-2-3-4.IN-ADDR.example\nmail.example\n");
    assertThat(problems).isEmpty();
    // A range wider than a listed one is not benign as a whole.
    assertThat(kept)
        .containsExactly("203.0.113.200", "203.0.113.0/24", "2001:db8:2::5", "mail.example");
    assertThat(benign.suppressed())
        .containsEntry("warninglist Cloud ranges", 4L)
        .containsEntry("warninglist Known hashes", 1L)
        .containsEntry("warninglist Sinkholes", 1L)
        .containsEntry("warninglist Reverse", 1L);
  }

  @Test
  void badListsAndEntriesAreProblemsNamingWhereAndTheRestLoads() throws IOException {
    warninglist("Mixed", "cidr", "\"198.51.100.0/24\", \"not-a-range\", 7");
    Path broken = Files.createDirectories(dir.resolve("warninglists/lists/broken"));
    Files.writeString(broken.resolve("list.json"), "{\"list\": [");
    Path odd = Files.createDirectories(dir.resolve("warninglists/lists/odd"));
    Files.writeString(odd.resolve("list.json"), "{\"type\": \"fuzzy\", \"list\": [\"x\"]}");
    BenignValues benign = new BenignValues();
    benign.warninglists(dir.resolve("warninglists"), problems::add);
    assertThat(problems)
        .extracting(Problem::text)
        .anySatisfy(t -> assertThat(t).contains("list.json#$.list[1]").contains("not-a-range"))
        .anySatisfy(t -> assertThat(t).contains("list.json#$.list[2]"))
        .anySatisfy(t -> assertThat(t).contains("broken/list.json").contains("not JSON"))
        .anySatisfy(t -> assertThat(t).contains("'fuzzy'"));
    problems.clear();
    assertThat(loadThrough(benign, "198.51.100.7\n198.18.0.1\n")).containsExactly("198.18.0.1");
  }
}
