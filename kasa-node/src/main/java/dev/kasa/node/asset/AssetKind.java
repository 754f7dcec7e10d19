package dev.kasa.node.asset;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.Locale;

/** What an asset is. */
public enum AssetKind {
  BASE,
  FACILITY,
  NETWORK,
  HOST,
  SERVICE;

  /** Its name in files and the store: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws KasaException {@link ErrorCode#BAD_VALUE} naming the bad kind
   */
  public static AssetKind parse(String text) {
    for (AssetKind k : values()) {
      if (k.label().equalsIgnoreCase(text.strip())) {
        return k;
      }
    }
    throw new KasaException(
        ErrorCode.BAD_VALUE,
        "kind must be base, facility, network, host or service but is '" + text + "'");
  }
}
