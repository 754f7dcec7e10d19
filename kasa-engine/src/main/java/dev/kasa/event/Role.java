package dev.kasa.event;

/**
 * What a field holds, as declared by a {@link FieldMap}. Values are checked before they are
 * reported: a field mapped as {@link #IP} that holds {@code -} yields nothing.
 */
public enum Role {
  /** An IPv4 or IPv6 address. */
  IP,
  /** A domain name; an address found there is reported as an address. */
  DOMAIN,
  /** An absolute URL; its host is also reported as a domain or address. */
  URL,
  /** Email addresses, in header form ({@code "Name" <a@b>}) and as comma-separated lists. */
  EMAIL,
  MD5,
  SHA1,
  SHA256,
  SHA512,
  /** Sysmon style {@code SHA1=…,MD5=…,SHA256=…,IMPHASH=…}, split per algorithm. */
  HASHES,
  /** The event time; the first TIME field declared in the map that parses wins. */
  TIME,
  /**
   * Free text (a plain log line): every word that is an address (with or without a port), a domain,
   * a URL, an email address or a hash is reported as that.
   */
  TEXT
}
