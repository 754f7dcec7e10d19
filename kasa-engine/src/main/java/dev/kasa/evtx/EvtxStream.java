package dev.kasa.evtx;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an EVTX file from a stream: its header, then its chunks in batches of whole chunks, for
 * {@link EvtxChunkDecoder}s to decode (possibly on other threads). Chunks are taken by position to
 * the end of the stream, whatever the header says their number is (a dirty file has more). Not
 * thread-safe; does not close the stream.
 */
public final class EvtxStream {
  private final InputStream in;
  private final EvtxFileHeader header;
  private long nextChunk;
  private long bytes;
  private EvtxProblem trailing;
  private boolean ended;

  /**
   * Reads the file header.
   *
   * @throws IllegalArgumentException when the stream is not an EVTX file
   */
  public EvtxStream(InputStream in) throws IOException {
    this.in = in;
    byte[] h = new byte[EvtxFileHeader.SIZE];
    int n = in.readNBytes(h, 0, h.length);
    bytes = n;
    if (!EvtxFileHeader.isEvtx(h, 0, n)) {
      throw new IllegalArgumentException("not an EVTX file (no ElfFile signature)");
    }
    // A header cut short reads as zeros past its end; the cut is reported below.
    this.header = EvtxFileHeader.parse(h, 0, h.length);
    if (n < h.length) {
      ended = true;
      trailing = new EvtxProblem(-1, 0, -1, "file header cut short at " + n + " bytes; no chunks");
    }
  }

  public EvtxFileHeader header() {
    return header;
  }

  /** The header's problem (its checksum does not match), or null; chunks are read anyway. */
  public EvtxProblem headerProblem() {
    if (header.checksumMatches()) {
      return null;
    }
    return new EvtxProblem(
        -1,
        0,
        -1,
        String.format(
            "file header checksum mismatch (stored 0x%08x, computed 0x%08x); chunks read anyway",
            header.storedChecksum(), header.computedChecksum()));
  }

  /** The index in the file of the next chunk {@link #read} gives. */
  public long nextChunk() {
    return nextChunk;
  }

  /** Bytes read so far. */
  public long bytes() {
    return bytes;
  }

  /**
   * Reads up to {@code max} whole chunks into {@code into} (from index 0).
   *
   * @return the number of chunks read; 0 at the end of the file
   */
  public int read(byte[] into, int max) throws IOException {
    if (ended) {
      return 0;
    }
    int want = Math.min(max, into.length / EvtxChunkDecoder.CHUNK_SIZE);
    int n = in.readNBytes(into, 0, want * EvtxChunkDecoder.CHUNK_SIZE);
    bytes += n;
    int chunks = n / EvtxChunkDecoder.CHUNK_SIZE;
    int rest = n % EvtxChunkDecoder.CHUNK_SIZE;
    if (chunks < want) {
      ended = true;
      if (rest > 0) {
        trailing =
            new EvtxProblem(
                nextChunk + chunks,
                EvtxChunkDecoder.offsetOf(nextChunk + chunks),
                -1,
                "file ends inside a chunk (" + rest + " of 65536 bytes); those bytes skipped");
      }
    }
    nextChunk += chunks;
    return chunks;
  }

  /** After the end: the problem of a file cut short (in its header or a chunk), or null. */
  public EvtxProblem truncation() {
    return trailing;
  }
}
