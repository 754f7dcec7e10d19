package dev.kasa.observable;

/**
 * The kinds of observable value that indicators carry and events are searched for. An IPv4 or IPv6
 * indicator value may be a single address or a CIDR range ({@code 203.0.113.0/24}).
 */
public enum ObservableType {
  IPV4("ipv4-addr"),
  IPV6("ipv6-addr"),
  DOMAIN("domain-name"),
  URL("url"),
  EMAIL("email-addr"),
  MD5("file:hashes.MD5"),
  SHA1("file:hashes.SHA-1"),
  SHA256("file:hashes.SHA-256"),
  SHA512("file:hashes.SHA-512");

  private final String stixName;

  ObservableType(String stixName) {
    this.stixName = stixName;
  }

  /** The STIX object type (or {@code file:hashes.X} path) this observable corresponds to. */
  public String stixName() {
    return stixName;
  }

  /** True for the four file hash algorithms. */
  public boolean isHash() {
    return this == MD5 || this == SHA1 || this == SHA256 || this == SHA512;
  }

  /** True for IPv4 and IPv6. */
  public boolean isAddress() {
    return this == IPV4 || this == IPV6;
  }
}
