package dev.kasa.event;

import dev.kasa.TestWorkers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Manual measurement (not a test): {@code ZeekJsonThroughput FILE MEGABYTES} generates a Zeek JSON
 * file (conn, dns, http, files; ~430 bytes a line) if FILE is missing, then scans it with 1 and 2
 * threads and prints MB/s.
 */
public final class ZeekJsonThroughput {
  private ZeekJsonThroughput() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long megabytes = Long.parseLong(args[1]);
    if (!Files.exists(file)) {
      generate(file, megabytes << 20);
    }
    long size = Files.size(file);
    byte[] all = Files.readAllBytes(file);
    FieldMap map = FieldMaps.defaults().forSource("zeek");
    for (int round = 0; round < 5; round++) {
      long[] n = new long[1];
      RecordSink sink =
          new RecordSink() {
            @Override
            public void record(DecodedRecord r) {
              n[0] += r.size();
            }

            @Override
            public void malformed(long line, String reason) {}
          };
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      JsonLinesDecoder decoder = new JsonLinesDecoder(map, 1 << 20, 64);
      decoder.decode(all, 0, all.length, 1, sink);
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
      System.out.printf(
          "decoder only, one thread: wall %.2fs %.0f MB/s, cpu %.2fs %.0f MB/s per core"
              + " (%d observables)%n",
          s, all.length / 1e6 / s, cpu, all.length / 1e6 / cpu, n[0]);
    }
    for (int round = 0; round < 3; round++) {
      for (int threads : new int[] {1, 2}) {
        ScanOptions options = ScanOptions.defaults().withThreads(threads);
        long[] seen = new long[1];
        long t0 = System.nanoTime();
        ScanTotals totals =
            new EventScanner(options, TestWorkers.POOL)
                .scan(
                    List.of(file.toString()),
                    input ->
                        new ChunkTask<long[]>() {
                          final long[] n = new long[1];

                          @Override
                          public void record(DecodedRecord r) {
                            n[0] += r.size();
                          }

                          @Override
                          public void malformed(long line, String reason) {}

                          @Override
                          public long[] finish() {
                            return n;
                          }
                        },
                    new ScanListener<long[]>() {
                      @Override
                      public void chunkDone(EventInput input, long[] result) {
                        seen[0] += result[0];
                      }

                      @Override
                      public void inputDone(EventInput input, InputSummary summary) {}

                      @Override
                      public void unreadable(String input, String reason) {}
                    });
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "threads=%d records=%d observables=%d malformed=%d %.2fs %.0f MB/s %.0f events/s%n",
            threads,
            totals.records(),
            seen[0],
            totals.malformed(),
            s,
            size / 1e6 / s,
            totals.records() / s);
      }
    }
  }

  static void generate(Path file, long bytes) throws IOException {
    Random random = new Random(42);
    long written = 0;
    double ts = 1704164645.0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long i = 0;
      while (written < bytes) {
        String line =
            switch ((int) (i++ % 4)) {
              case 0 ->
                  String.format(
                      "{\"ts\":%.6f,\"uid\":\"C%016x\",\"id.orig_h\":\"10.%d.%d.%d\",\"id.orig_p\":%d,"
                          + "\"id.resp_h\":\"%d.%d.%d.%d\",\"id.resp_p\":443,\"proto\":\"tcp\","
                          + "\"service\":\"ssl\",\"duration\":%.6f,\"orig_bytes\":%d,\"resp_bytes\":%d,"
                          + "\"conn_state\":\"SF\",\"local_orig\":true,\"local_resp\":false,"
                          + "\"missed_bytes\":0,\"history\":\"ShADadfF\",\"orig_pkts\":12,"
                          + "\"orig_ip_bytes\":1520,\"resp_pkts\":14,\"resp_ip_bytes\":9876,"
                          + "\"tunnel_parents\":[],\"orig_l2_addr\":\"00:0d:3a:13:e3:69\"}",
                      ts,
                      random.nextLong(),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(256),
                      1024 + random.nextInt(60000),
                      1 + random.nextInt(223),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextDouble() * 10,
                      random.nextInt(100000),
                      random.nextInt(1000000));
              case 1 ->
                  String.format(
                      "{\"ts\":%.6f,\"uid\":\"C%016x\",\"id.orig_h\":\"10.0.%d.%d\",\"id.orig_p\":%d,"
                          + "\"id.resp_h\":\"10.0.0.53\",\"id.resp_p\":53,\"proto\":\"udp\","
                          + "\"trans_id\":%d,\"rtt\":0.001528,\"query\":\"host%d.example%d.com\","
                          + "\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\","
                          + "\"rcode\":0,\"rcode_name\":\"NOERROR\",\"AA\":false,\"TC\":false,"
                          + "\"RD\":true,\"RA\":true,\"Z\":0,\"answers\":[\"%d.%d.%d.%d\"],"
                          + "\"TTLs\":[300.0],\"rejected\":false}",
                      ts,
                      random.nextLong(),
                      random.nextInt(256),
                      random.nextInt(256),
                      1024 + random.nextInt(60000),
                      random.nextInt(65536),
                      random.nextInt(100000),
                      random.nextInt(1000),
                      1 + random.nextInt(223),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(256));
              case 2 ->
                  String.format(
                      "{\"ts\":%.6f,\"uid\":\"C%016x\",\"id.orig_h\":\"10.0.%d.%d\",\"id.orig_p\":%d,"
                          + "\"id.resp_h\":\"%d.%d.%d.%d\",\"id.resp_p\":80,\"trans_depth\":1,"
                          + "\"method\":\"GET\",\"host\":\"www%d.example%d.org\","
                          + "\"uri\":\"/path/%d/index.html?q=%d\",\"version\":\"1.1\",\"user_agent\":\"Mozilla/5.0"
                          + " (Windows NT 10.0; Win64; x64)\","
                          + "\"request_body_len\":0,\"response_body_len\":%d,\"status_code\":200,"
                          + "\"status_msg\":\"OK\",\"tags\":[],\"resp_fuids\":[\"F%016x\"]}",
                      ts,
                      random.nextLong(),
                      random.nextInt(256),
                      random.nextInt(256),
                      1024 + random.nextInt(60000),
                      1 + random.nextInt(223),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(1000),
                      random.nextInt(1000),
                      random.nextInt(100000),
                      random.nextInt(1000),
                      random.nextInt(100000),
                      random.nextLong());
              default ->
                  String.format(
                      "{\"ts\":%.6f,\"fuid\":\"F%016x\",\"tx_hosts\":[\"%d.%d.%d.%d\"],"
                          + "\"rx_hosts\":[\"10.0.%d.%d\"],\"conn_uids\":[\"C%016x\"],"
                          + "\"source\":\"HTTP\",\"depth\":0,\"analyzers\":[\"MD5\",\"SHA1\",\"SHA256\"],"
                          + "\"mime_type\":\"application/x-dosexec\",\"duration\":0.0,"
                          + "\"is_orig\":false,\"seen_bytes\":%d,\"missing_bytes\":0,"
                          + "\"md5\":\"%032x\",\"sha1\":\"%040x\",\"sha256\":\"%064x\"}",
                      ts,
                      random.nextLong(),
                      1 + random.nextInt(223),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextInt(256),
                      random.nextLong(),
                      random.nextInt(1000000),
                      new java.math.BigInteger(128, random),
                      new java.math.BigInteger(160, random),
                      new java.math.BigInteger(256, random));
            };
        ts += 0.001;
        w.write(line);
        w.write('\n');
        written += line.length() + 1;
      }
    }
  }
}
