package dev.kasa.node.sharing;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.util.Locale;

/**
 * How a received object with no TLP marking may be relayed ({@code sharing.relay-unmarked} in
 * {@code kasa.yml}): never (the default), as if it were TLP:CLEAR, or as if it were TLP:GREEN.
 */
public enum RelayUnmarked {
  NONE,
  CLEAR,
  GREEN;

  /**
   * Reads {@code none}, {@code clear} or {@code green}.
   *
   * @throws KasaException {@link ErrorCode#USAGE} naming the bad value
   */
  public static RelayUnmarked parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "clear" -> CLEAR;
      case "green" -> GREEN;
      default ->
          throw new KasaException(
              ErrorCode.USAGE,
              "sharing.relay-unmarked must be none, clear or green but is '" + text + "'");
    };
  }

  /** The word {@link #parse} reads. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
