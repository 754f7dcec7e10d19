package dev.kasa.event;

/**
 * The generic rules by field name: the last path segment, compared case-insensitively, says what an
 * unmapped field holds. Thread-safe: stateless.
 */
final class GenericNames {
  private GenericNames() {}

  private static final String[] NAMES = {
    "host",
    "hostname",
    "domain",
    "query",
    "rrname",
    "server_name",
    "sni",
    "url",
    "uri",
    "md5",
    "sha1",
    "sha256",
    "sha512",
    "hashes",
    "email",
    "mail",
    "from",
    "to",
    "sender",
    "recipient"
  };
  private static final Role[] ROLES = {
    Role.DOMAIN,
    Role.DOMAIN,
    Role.DOMAIN,
    Role.DOMAIN,
    Role.DOMAIN,
    Role.DOMAIN,
    Role.DOMAIN,
    Role.URL,
    Role.URL,
    Role.MD5,
    Role.SHA1,
    Role.SHA256,
    Role.SHA512,
    Role.HASHES,
    Role.EMAIL,
    Role.EMAIL,
    Role.EMAIL,
    Role.EMAIL,
    Role.EMAIL,
    Role.EMAIL
  };

  /** The role the key {@code b[ks, ke)} implies, or null. */
  static Role roleOf(byte[] b, int ks, int ke) {
    int n = ke - ks;
    if (n < 2 || n > 11) {
      return null;
    }
    outer:
    for (int i = 0; i < NAMES.length; i++) {
      String name = NAMES[i];
      if (name.length() != n) {
        continue;
      }
      for (int k = 0; k < n; k++) {
        if ((b[ks + k] | 0x20) != name.charAt(k) && b[ks + k] != name.charAt(k)) {
          continue outer;
        }
      }
      return ROLES[i];
    }
    return null;
  }

  /** The role a field name implies, or null (String form for TSV). */
  static Role roleOf(String key) {
    byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return roleOf(k, 0, k.length);
  }
}
