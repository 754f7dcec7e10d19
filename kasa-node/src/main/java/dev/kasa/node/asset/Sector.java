package dev.kasa.node.asset;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.Locale;

/** The sector an asset serves. */
public enum Sector {
  DEFENSE,
  ENERGY,
  TELECOM,
  TRANSPORT,
  GOVERNMENT,
  MAJOR_EVENT;

  /** Its name in files and the store: {@code defense} … {@code major-event}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws KasaException {@link ErrorCode#BAD_VALUE} naming the bad sector
   */
  public static Sector parse(String text) {
    String t = text.strip().replace(' ', '-').replace('_', '-');
    for (Sector s : values()) {
      if (s.label().equalsIgnoreCase(t)) {
        return s;
      }
    }
    throw new KasaException(
        ErrorCode.BAD_VALUE,
        "sector must be defense, energy, telecom, transport, government or major-event but is '"
            + text
            + "'");
  }
}
