package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.InputStream;

/**
 * Imports indicators from a STIX 2.0 or 2.1 bundle, streaming: the bundle is never held in memory
 * whole. Indicators whose pattern is a supported equality pattern become {@link Indicator}s (one
 * per observable); other patterns are reported as {@link IntelProblem.Kind#PATTERN_PENDING}; objects
 * violating the specification as {@link IntelProblem.Kind#INVALID} with their JSON path. {@code
 * indicates} relationships, intrusion sets, threat actors, campaigns, malware, tools and attack
 * patterns in the same bundle become the indicators' {@link Attribution}; TLP markings their {@link
 * dev.kasa.stix.Tlp}.
 *
 * <p>Thread-safe: each call is independent.
 */
public final class StixBundleImporter {
  /**
   * Reads one bundle.
   *
   * @param in the bundle's JSON (already decompressed); not closed
   * @param source how to name the input in problems, e.g. a file path
   * @param sink receives indicators and problems, in bundle order where possible
   * @throws KasaException only when the input is not a JSON object at all
   */
  public void read(InputStream in, String source, IntelSink sink) {
    throw new KasaException(ErrorCode.INTERNAL, "STIX bundle import is not built yet");
  }
}
