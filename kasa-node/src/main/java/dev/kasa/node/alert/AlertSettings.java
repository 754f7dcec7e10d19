package dev.kasa.node.alert;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.time.Duration;
import java.util.Objects;

/**
 * How findings group into alerts ({@code alerts} in {@code kasa.yml}).
 *
 * @param window a finding joins the open alert of its (detection, asset) first seen at most this
 *     long before it; later ones open a new alert
 * @param maxFindings how many findings an alert keeps a link to (its count goes on)
 */
public record AlertSettings(Duration window, int maxFindings) {
  public static final AlertSettings DEFAULT = new AlertSettings(Duration.ofHours(24), 100);

  public AlertSettings {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(366)) > 0) {
      throw new KasaException(
          ErrorCode.USAGE, "alerts.window must be more than 0 and at most 366d but is " + window);
    }
    if (maxFindings < 1 || maxFindings > 100_000) {
      throw new KasaException(
          ErrorCode.USAGE, "alerts.max-findings must be in 1..100000 but is " + maxFindings);
    }
  }
}
