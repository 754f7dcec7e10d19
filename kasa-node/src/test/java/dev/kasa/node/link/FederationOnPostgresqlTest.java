package dev.kasa.node.link;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kasa.node.TestDatabases;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link FederationTest} with every node's store on PostgreSQL (skipped, with a message, when
 * {@code -Dkasa.test.postgres} or {@code KASA_TEST_POSTGRES} gives none; {@code .ci/run} does).
 */
class FederationOnPostgresqlTest extends FederationTest {
  @BeforeAll
  static void federate() {
    assumeTrue(
        TestDatabases.postgresUrl() != null,
        "PostgreSQL federation tests skipped: set -Dkasa.test.postgres=JDBC_URL (see .ci/run)");
    federateOn("postgresql");
  }
}
