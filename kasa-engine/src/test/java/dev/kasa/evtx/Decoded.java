package dev.kasa.evtx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes a whole EVTX file held in memory: its records' text and its problems, in order. */
final class Decoded {
  final List<String> records = new ArrayList<>();
  final List<Long> ids = new ArrayList<>();
  final List<EvtxProblem> problems = new ArrayList<>();
  long work;

  static Decoded of(byte[] file, RecordFormat format) {
    return of(file, format, 64, 1 << 20);
  }

  static Decoded of(byte[] file, RecordFormat format, int maxDepth, int maxRecordBytes) {
    Decoded d = new Decoded();
    try {
      EvtxStream s = new EvtxStream(new java.io.ByteArrayInputStream(file));
      if (s.headerProblem() != null) {
        d.problems.add(s.headerProblem());
      }
      EvtxChunkDecoder decoder = new EvtxChunkDecoder(format, maxDepth, maxRecordBytes);
      byte[] buf = new byte[4 * EvtxChunkDecoder.CHUNK_SIZE];
      EvtxVisitor visitor =
          new EvtxVisitor() {
            @Override
            public void record(long recordId, byte[] text, int off, int len) {
              d.ids.add(recordId);
              d.records.add(new String(text, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void problem(EvtxProblem problem) {
              d.problems.add(problem);
            }
          };
      while (true) {
        long first = s.nextChunk();
        int n = s.read(buf, 4);
        if (n == 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          decoder.decode(buf, i * EvtxChunkDecoder.CHUNK_SIZE, first + i, visitor);
        }
      }
      if (s.truncation() != null) {
        d.problems.add(s.truncation());
      }
      d.work = decoder.workSpent();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return d;
  }
}
