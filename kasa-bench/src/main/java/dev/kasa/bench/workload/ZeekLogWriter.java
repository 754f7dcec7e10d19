package dev.kasa.bench.workload;

import dev.kasa.bench.workload.IntelCatalog.Kind;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes Zeek JSON events (conn, dns, http, files; one object per line, fields as Zeek names them)
 * with increasing {@code ts}. About one event in a thousand carries an indicator value in a field
 * Kasa checks; every other value is drawn from spaces disjoint from the indicators (see {@link
 * RandomValues}), so the number of hit events is known exactly.
 */
final class ZeekLogWriter {
  /** First event time: 2025-06-02T00:00:00Z, in microseconds. */
  static final long START_MICROS = 1_748_822_400_000_000L;

  /** The events span about one day. */
  private static final long SPAN_MICROS = 86_400_000_000L;

  private static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Microsoft-CryptoAPI/10.0",
    "Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.50",
    "curl/8.5.0"
  };
  private static final String[] MIME = {
    "text/html", "application/x-dosexec", "image/png", "application/json", "application/zip"
  };
  private static final String[] CONN_STATES = {"SF", "SF", "SF", "S0", "RSTO", "REJ", "OTH"};
  private static final int[] CONN_PORTS = {443, 80, 53, 22, 8443};
  private static final String[] CONN_SERVICES = {"ssl", "http", "dns", "ssh"};
  private static final String[] HISTORIES = {"ShADadFf", "ShADadfF", "Dd", "S", "ShADdaR"};

  private final RandomValues r;
  private final IntelCatalog intel;
  private final Writer[] logs;
  private final Writer hitLines;
  private final long[] lineNumbers = new long[4];
  private final StringBuilder sb = new StringBuilder(1024);
  private long hits;

  /** {@code logs} are conn, dns, http and files, in that order. */
  ZeekLogWriter(RandomValues r, IntelCatalog intel, Writer[] logs, Writer hitLines) {
    this.r = r;
    this.intel = intel;
    this.logs = logs;
    this.hitLines = hitLines;
  }

  static final String[] LOG_NAMES = {"conn.log", "dns.log", "http.log", "files.log"};

  /** Writes {@code m} events; returns how many of them carry an indicator value. */
  long write(long m) throws IOException {
    long step = Math.max(1, SPAN_MICROS / Math.max(1, m));
    long ts = START_MICROS;
    for (long e = 0; e < m; e++) {
      ts += r.rng.nextLong(2 * step);
      int p = r.below(1000);
      int log = p < 450 ? 0 : p < 700 ? 1 : p < 900 ? 2 : 3;
      boolean wantHit = r.chance(1);
      sb.setLength(0);
      boolean hit =
          switch (log) {
            case 0 -> conn(ts, wantHit);
            case 1 -> dns(ts, wantHit);
            case 2 -> http(ts, wantHit);
            default -> files(ts, wantHit);
          };
      sb.append('\n');
      logs[log].append(sb);
      lineNumbers[log]++;
      if (hit) {
        hits++;
        hitLines.write(LOG_NAMES[log] + ":" + lineNumbers[log] + "\n");
      }
    }
    return hits;
  }

  /** A random indicator of one of {@code kinds}, or -1 when the catalog has none of them. */
  private int pickIndicator(Kind... kinds) {
    int total = 0;
    for (Kind k : kinds) {
      total += intel.count(k);
    }
    if (total == 0) {
      return -1;
    }
    int j = r.below(total);
    for (Kind k : kinds) {
      if (j < intel.count(k)) {
        return intel.position(k, j);
      }
      j -= intel.count(k);
    }
    throw new AssertionError("unreachable");
  }

  private void head(long ts, boolean privateResponder) {
    sb.append("{\"ts\":");
    appendMicros(ts);
    sb.append(",\"uid\":\"");
    r.appendUid(sb, 'C');
    sb.append("\",\"id.orig_h\":\"");
    r.appendPrivateAddress(sb);
    sb.append("\",\"id.orig_p\":").append(1024 + r.below(64_000)).append(",\"id.resp_h\":\"");
    if (privateResponder) {
      r.appendPrivateAddress(sb);
    }
  }

  private boolean conn(long ts, boolean wantHit) {
    int ind = wantHit ? pickIndicator(Kind.IPV4, Kind.CIDR) : -1;
    head(ts, false);
    if (ind >= 0) {
      sb.append(intel.hitValue(ind, r, false));
    } else {
      r.appendBenignPublicAddress(sb);
    }
    int svc = r.below(5);
    int port = CONN_PORTS[svc];
    sb.append("\",\"id.resp_p\":").append(port);
    sb.append(svc == 2 ? ",\"proto\":\"udp\"" : ",\"proto\":\"tcp\"");
    if (svc != 4) {
      sb.append(",\"service\":\"").append(CONN_SERVICES[svc]);
      sb.append('"');
    }
    sb.append(",\"duration\":");
    appendMicros(r.rng.nextLong(30_000_000));
    long ob = r.below(20_000);
    long rb = r.below(900_000);
    int op = 1 + r.below(40);
    int rp = 1 + r.below(700);
    sb.append(",\"orig_bytes\":").append(ob).append(",\"resp_bytes\":").append(rb);
    sb.append(",\"conn_state\":\"").append(r.pick(CONN_STATES));
    sb.append("\",\"local_orig\":true,\"local_resp\":false,\"missed_bytes\":0,\"history\":\"");
    sb.append(r.pick(HISTORIES)).append("\",\"orig_pkts\":").append(op);
    sb.append(",\"orig_ip_bytes\":").append(ob + 40L * op).append(",\"resp_pkts\":").append(rp);
    sb.append(",\"resp_ip_bytes\":").append(rb + 40L * rp);
    sb.append(",\"ip_proto\":").append(svc == 2 ? 17 : 6).append('}');
    return ind >= 0;
  }

  private boolean dns(long ts, boolean wantHit) {
    int ind = -1;
    boolean inQuery = false;
    if (wantHit) {
      inQuery = r.chance(600) && intel.count(Kind.DOMAIN) > 0;
      ind = inQuery ? pickIndicator(Kind.DOMAIN) : pickIndicator(Kind.IPV4, Kind.CIDR);
    }
    head(ts, true);
    boolean aaaa = ind < 0 && r.chance(100);
    sb.append("\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":").append(r.below(65_536));
    sb.append(",\"rtt\":");
    appendMicros(r.below(90_000));
    sb.append(",\"query\":\"");
    if (ind >= 0 && inQuery) {
      sb.append(intel.hitValue(ind, r, true));
    } else {
      r.appendBenignDomain(sb);
    }
    sb.append("\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":")
        .append(aaaa ? "28,\"qtype_name\":\"AAAA\"" : "1,\"qtype_name\":\"A\"");
    boolean nx = ind < 0 && r.chance(50);
    sb.append(
        nx
            ? ",\"rcode\":3,\"rcode_name\":\"NXDOMAIN\""
            : ",\"rcode\":0,\"rcode_name\":\"NOERROR\"");
    sb.append(",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"Z\":0");
    if (!nx) {
      int n = 1 + r.below(3);
      int hitAt = ind >= 0 && !inQuery ? r.below(n) : -1;
      sb.append(",\"answers\":[");
      for (int a = 0; a < n; a++) {
        sb.append(a == 0 ? "\"" : ",\"");
        if (a == hitAt) {
          sb.append(intel.hitValue(ind, r, false));
        } else if (aaaa) {
          sb.append("2001:db8:").append(Integer.toHexString(r.below(65_536))).append("::");
          sb.append(Integer.toHexString(1 + r.below(65_535)));
        } else {
          r.appendBenignPublicAddress(sb);
        }
        sb.append('"');
      }
      sb.append("],\"TTLs\":[");
      for (int a = 0; a < n; a++) {
        sb.append(a == 0 ? "" : ",").append(60 * (1 + r.below(60))).append(".0");
      }
      sb.append(']');
    }
    sb.append(",\"rejected\":false}");
    return ind >= 0;
  }

  private boolean http(long ts, boolean wantHit) {
    int ind = wantHit ? pickIndicator(Kind.DOMAIN, Kind.URL, Kind.IPV4, Kind.CIDR) : -1;
    Kind kind = ind >= 0 ? intel.kind(ind) : null;
    head(ts, false);
    if (kind == Kind.IPV4 || kind == Kind.CIDR) {
      sb.append(intel.hitValue(ind, r, false));
    } else {
      r.appendBenignPublicAddress(sb);
    }
    sb.append("\",\"id.resp_p\":80,\"trans_depth\":1,\"method\":\"")
        .append(r.chance(850) ? "GET" : "POST")
        .append("\",\"host\":\"");
    if (kind == Kind.URL) {
      String url = intel.value(ind);
      int slash = url.indexOf('/', "http://".length());
      sb.append(url, "http://".length(), slash)
          .append("\",\"uri\":\"")
          .append(url, slash, url.length());
    } else {
      if (kind == Kind.DOMAIN) {
        sb.append(intel.hitValue(ind, r, true));
      } else {
        r.appendBenignDomain(sb);
      }
      sb.append("\",\"uri\":\"/").append(r.label(3, 8)).append('/').append(r.label(4, 12));
      sb.append(r.chance(500) ? ".html" : "?id=" + r.below(100_000));
    }
    sb.append("\",\"version\":\"1.1\",\"user_agent\":\"").append(r.pick(USER_AGENTS));
    int status = r.chance(900) ? 200 : 404;
    sb.append("\",\"request_body_len\":0,\"response_body_len\":").append(r.below(200_000));
    sb.append(",\"status_code\":").append(status);
    sb.append(status == 200 ? ",\"status_msg\":\"OK\"" : ",\"status_msg\":\"Not Found\"");
    sb.append(",\"tags\":[],\"resp_fuids\":[\"");
    r.appendUid(sb, 'F');
    sb.append("\"],\"resp_mime_types\":[\"").append(r.pick(MIME)).append("\"]}");
    return ind >= 0;
  }

  private boolean files(long ts, boolean wantHit) {
    int ind = wantHit ? pickIndicator(Kind.SHA256) : -1;
    sb.append("{\"ts\":");
    appendMicros(ts);
    sb.append(",\"fuid\":\"");
    r.appendUid(sb, 'F');
    sb.append("\",\"tx_hosts\":[\"");
    r.appendBenignPublicAddress(sb);
    sb.append("\"],\"rx_hosts\":[\"");
    r.appendPrivateAddress(sb);
    sb.append("\"],\"conn_uids\":[\"");
    r.appendUid(sb, 'C');
    long size = r.below(4_000_000);
    sb.append("\"],\"source\":\"HTTP\",\"depth\":0,\"analyzers\":[\"MD5\",\"SHA1\",\"SHA256\"],");
    sb.append("\"mime_type\":\"").append(r.pick(MIME)).append("\",\"duration\":");
    appendMicros(r.below(5_000_000));
    sb.append(",\"local_orig\":false,\"is_orig\":false,\"seen_bytes\":").append(size);
    sb.append(",\"total_bytes\":").append(size);
    sb.append(",\"missing_bytes\":0,\"overflow_bytes\":0,\"timedout\":false,\"md5\":\"");
    r.appendHex(sb, 32);
    sb.append("\",\"sha1\":\"");
    r.appendHex(sb, 40);
    sb.append("\",\"sha256\":\"");
    if (ind >= 0) {
      sb.append(intel.value(ind));
    } else {
      r.appendHex(sb, 64);
    }
    sb.append("\"}");
    return ind >= 0;
  }

  /** Seconds with six decimals, as Zeek writes {@code ts} and durations. */
  private void appendMicros(long micros) {
    sb.append(micros / 1_000_000).append('.');
    long frac = micros % 1_000_000;
    for (long d = 100_000; d > 1 && frac < d; d /= 10) {
      sb.append('0');
    }
    sb.append(frac);
  }
}
