package dev.kasa.node.store;

import static dev.kasa.node.StixFixtures.envelope;
import static dev.kasa.node.StixFixtures.indicator;
import static dev.kasa.node.StixFixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.TestDatabases;
import dev.kasa.node.TestNode;
import dev.kasa.stix.Tlp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the web UI reads from the store, on SQLite and PostgreSQL alike. */
class IntelBrowserTest {
  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void countsVersionsSearchAndAuditPages(String kind) {
    try (TestNode node = TestNode.start(tmp, TestDatabases.location(kind, tmp))) {
      String collection = node.collection("intel");
      String partner = node.partner("bravo", "bravo-pw", List.of(), List.of("intel"));
      String twice = newId();
      String windows = newId();
      String path = "/taxii2/api/collections/" + collection + "/objects/";
      node.post(path, partner, envelope(indicator(twice, "2024-01-01T00:00:00.000Z", Tlp.GREEN)));
      node.post(
          path,
          node.adminAuth(),
          envelope(
              indicator(twice, "2024-02-01T00:00:00.000Z", Tlp.AMBER)
                  .replace("203.0.113.7", "evil.example"),
              indicator(windows)
                  .replace(
                      "[ipv4-addr:value = '203.0.113.7']",
                      "[file:name = 'C:\\\\\\\\Temp\\\\\\\\x.exe']")));
      Store store = node.server().store();
      IntelBrowser browser = store.browser();

      assertThat(browser.objectCounts()).containsEntry(collection, 2L);

      var versions = browser.versions(twice);
      assertThat(versions)
          .extracting(IntelBrowser.HeldVersion::version)
          .containsExactly("2024-02-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z");
      assertThat(versions.get(0).tlp()).isEqualTo(Tlp.AMBER);
      assertThat(versions.get(0).origins())
          .extracting(IntelBrowser.Received::principal)
          .containsExactly(TestNode.ADMIN);
      assertThat(versions.get(1).origins())
          .extracting(IntelBrowser.Received::principal)
          .containsExactly("bravo");
      assertThat(versions.get(1).collections()).containsExactly("intel");
      assertThat(browser.versions(newId())).isEmpty();

      assertThat(browser.search(twice, 10))
          .extracting(IntelBrowser.Found::stixId)
          .containsExactly(twice);
      assertThat(browser.search("evil.example", 10))
          .extracting(IntelBrowser.Found::stixId)
          .containsExactly(twice);
      assertThat(browser.search("203.0.113.7", 10)).as("only newest versions").isEmpty();
      assertThat(browser.search("C:\\\\Temp", 10))
          .extracting(IntelBrowser.Found::stixId)
          .as("a value as the pattern escapes it, found in the JSON text")
          .containsExactly(windows);

      // Audit pages: newest first, filtered, each entry once across pages.
      var seqs = new ArrayList<Long>();
      long before = Long.MAX_VALUE;
      boolean more = true;
      while (more) {
        var page = store.audit().page(new AuditLog.PageQuery(null, null, null, null, before, 2));
        page.entries().forEach(e -> seqs.add(e.seq()));
        more = page.more();
        before = page.entries().get(page.entries().size() - 1).seq();
      }
      assertThat(seqs).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
      assertThat(seqs).hasSize((int) store.audit().lastSeq());
      var bravo =
          store.audit().page(new AuditLog.PageQuery(null, null, "bravo", null, Long.MAX_VALUE, 50));
      assertThat(bravo.entries())
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.event().principal()).isEqualTo("bravo"));
      var none =
          store.audit().page(new AuditLog.PageQuery(null, 0L, null, null, Long.MAX_VALUE, 50));
      assertThat(none.entries()).isEmpty();
      var byObject =
          store.audit().page(new AuditLog.PageQuery(null, null, null, twice, Long.MAX_VALUE, 50));
      assertThat(byObject.entries()).allSatisfy(e -> assertThat(e.objects()).contains(twice));
    }
  }
}
