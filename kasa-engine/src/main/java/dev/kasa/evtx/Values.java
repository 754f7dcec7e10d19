package dev.kasa.evtx;

/**
 * The values of one template instance: for each, its type code and where its bytes are in the
 * chunk. Immutable after parsing.
 */
final class Values {
  static final Values NONE = new Values(new byte[0], new int[0], new int[0]);

  private final byte[] types;
  private final int[] offsets;
  private final int[] sizes;

  Values(byte[] types, int[] offsets, int[] sizes) {
    this.types = types;
    this.offsets = offsets;
    this.sizes = sizes;
  }

  int count() {
    return types.length;
  }

  int type(int i) {
    return types[i] & 0xff;
  }

  int offset(int i) {
    return offsets[i];
  }

  int size(int i) {
    return sizes[i];
  }
}
