package dev.kasa.stix;

/**
 * Limits that protect a reader from hostile bundles. An object over a limit is rejected (reported
 * with its path) and the rest of the bundle is still read.
 *
 * @param maxObjectBytes the largest JSON size of one object, in bytes (characters for text input)
 * @param maxDepth the deepest nesting of arrays and objects inside one object (the object itself is
 *     depth 1)
 */
public record StixReaderLimits(long maxObjectBytes, int maxDepth) {
  /** 16 MiB per object, nesting depth 64: far beyond real STIX content. */
  public static final StixReaderLimits DEFAULT = new StixReaderLimits(16L << 20, 64);

  public StixReaderLimits {
    if (maxObjectBytes < 64) {
      throw new IllegalArgumentException("maxObjectBytes must be >= 64 but was " + maxObjectBytes);
    }
    if (maxDepth < 2 || maxDepth > 900) {
      throw new IllegalArgumentException("maxDepth must be in 2..900 but was " + maxDepth);
    }
  }
}
