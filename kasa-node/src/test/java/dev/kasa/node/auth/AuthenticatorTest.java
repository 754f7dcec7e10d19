package dev.kasa.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.SettableClock;
import dev.kasa.node.store.AccessState;
import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.PrincipalRecord;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.AccessState.SecretKind;
import dev.kasa.node.store.AccessState.SecretRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final String SALT = "node-token-salt";
  private static final String PW_HASH = SecretHasher.hashPassword("pw-1");
  private static final String TOKEN_HASH = SecretHasher.hashToken("tok-1", SALT);

  private static AccessState state(long counter, List<SecretRecord> secrets) {
    return new AccessState(
        counter,
        SALT,
        List.of(
            new PrincipalRecord("bravo", Kind.PARTNER, null),
            new PrincipalRecord("ana", Kind.USER, Role.ANALYST)),
        secrets,
        List.of(),
        List.of());
  }

  private static String basic(String user, String pw) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hashesAreSaltedSlowAndVerifyInConstantTimeForm() {
    String a = SecretHasher.hashPassword("same");
    String b = SecretHasher.hashPassword("same");
    assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256$600000$");
    assertThat(SecretHasher.verify("same", a)).isTrue();
    assertThat(SecretHasher.verify("Same", a)).isFalse();
    assertThat(SecretHasher.verify("same", "garbage")).isFalse();
    assertThat(SecretHasher.hashToken("t", SALT)).isEqualTo(SecretHasher.hashToken("t", SALT));
  }

  @Test
  void basicAndBearerAuthenticateAndWrongOrMalformedDoNot() {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var auth =
        new Authenticator(
            state(
                1,
                List.of(
                    new SecretRecord("bravo", SecretKind.PASSWORD, PW_HASH),
                    new SecretRecord("ana", SecretKind.TOKEN, TOKEN_HASH))),
            clock);
    assertThat(auth.authenticate(basic("bravo", "pw-1")))
        .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("bravo"));
    assertThat(auth.authenticate("Bearer tok-1"))
        .hasValueSatisfying(r -> assertThat(r.role()).isEqualTo(Role.ANALYST));
    for (String bad :
        new String[] {
          null,
          "",
          "Basic",
          "Basic %%%",
          basic("bravo", "pw-2"),
          basic("nobody", "pw-1"),
          basic("ana", "tok-1"),
          "Bearer tok-2",
          "Digest x",
          "Bearer"
        }) {
      assertThat(auth.authenticate(bad)).as(String.valueOf(bad)).isEmpty();
    }
  }

  @Test
  void aRememberedSecretExpiresAfterTenMinutesAndIsForgottenWhenSecretsChange() {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var secrets = List.of(new SecretRecord("bravo", SecretKind.PASSWORD, PW_HASH));
    var auth = new Authenticator(state(1, secrets), clock);
    assertThat(auth.authenticate(basic("bravo", "pw-1"))).isPresent();
    // Revoked: the remembered secret must not outlive the change.
    auth.update(state(2, List.of()));
    assertThat(auth.authenticate(basic("bravo", "pw-1"))).isEmpty();
    auth.update(state(3, secrets));
    assertThat(auth.authenticate(basic("bravo", "pw-1"))).isPresent();
    clock.set(clock.instant().plus(Authenticator.CACHE_TTL).plus(Duration.ofSeconds(1)));
    // Still valid after expiry: it is verified again against the hash.
    assertThat(auth.authenticate(basic("bravo", "pw-1"))).isPresent();
  }
}
