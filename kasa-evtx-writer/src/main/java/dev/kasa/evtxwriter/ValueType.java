package dev.kasa.evtxwriter;

/** The binary XML value types (an array of a type has the type's code with bit 0x80 set). */
public enum ValueType {
  NULL(0x00, 0),
  STRING(0x01, -1),
  ANSI_STRING(0x02, -1),
  INT8(0x03, 1),
  UINT8(0x04, 1),
  INT16(0x05, 2),
  UINT16(0x06, 2),
  INT32(0x07, 4),
  UINT32(0x08, 4),
  INT64(0x09, 8),
  UINT64(0x0a, 8),
  REAL32(0x0b, 4),
  REAL64(0x0c, 8),
  BOOL(0x0d, 4),
  BINARY(0x0e, -1),
  GUID(0x0f, 16),
  SIZE_T(0x10, -1),
  FILETIME(0x11, 8),
  SYSTEMTIME(0x12, 16),
  SID(0x13, -1),
  HEX_INT32(0x14, 4),
  HEX_INT64(0x15, 8),
  BIN_XML(0x21, -1);

  private final int code;
  private final int size;

  ValueType(int code, int size) {
    this.code = code;
    this.size = size;
  }

  /** The type code in the binary XML. */
  public int code() {
    return code;
  }

  /** The code of an array of this type. */
  public int arrayCode() {
    return code | 0x80;
  }

  /** The size of one value, or -1 when it varies. */
  public int size() {
    return size;
  }
}
