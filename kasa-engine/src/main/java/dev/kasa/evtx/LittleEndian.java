package dev.kasa.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads from byte arrays; callers check bounds first. Stateless. */
final class LittleEndian {
  private static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  static int u8(byte[] b, int i) {
    return b[i] & 0xff;
  }

  static int u16(byte[] b, int i) {
    return (short) SHORTS.get(b, i) & 0xffff;
  }

  static int i32(byte[] b, int i) {
    return (int) INTS.get(b, i);
  }

  static long u32(byte[] b, int i) {
    return i32(b, i) & 0xffffffffL;
  }

  static long i64(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }
}
