package dev.kasa.node.events;

import dev.kasa.node.http.HttpProblem;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * An events request's body, bounded: at most {@code max-content-length} bytes as sent (413 above),
 * gzip undone when {@code Content-Encoding} says so or the bytes start with gzip's magic number
 * (each layer, so that nested gzip cannot escape the bound), and at most {@link #decompressedLimit}
 * bytes once decompressed, which {@link #exceeded} tells after the read (then the answer is 413).
 */
final class EventBody {
  /** Bodies up to this many bytes are read to their end before a 413 is sent. */
  private static final long DRAIN_LIMIT = 64L << 20;

  private final long decompressedLimit;
  private boolean exceeded;

  private EventBody(long decompressedLimit) {
    this.decompressedLimit = decompressedLimit;
  }

  /** Decompressed bodies may be this many times the largest body, at most 1 GiB. */
  static long decompressedLimit(long maxContentLength) {
    return Math.min(1L << 30, maxContentLength * 8);
  }

  /** The body as a bounded stream of plain (decompressed) bytes. */
  static Bounded read(Context ctx, long maxContentLength) {
    String encoding = ctx.header("Content-Encoding");
    boolean gzip = false;
    if (encoding != null && !encoding.isBlank()) {
      String e = encoding.strip().toLowerCase(Locale.ROOT);
      if (e.equals("gzip") || e.equals("x-gzip")) {
        gzip = true;
      } else if (!e.equals("identity")) {
        throw new HttpProblem(
            HttpProblem.Kind.UNSUPPORTED_MEDIA_TYPE,
            "Content-Encoding must be gzip or identity, not '" + encoding + "'");
      }
    }
    byte[] raw = raw(ctx, maxContentLength);
    var body = new EventBody(decompressedLimit(maxContentLength));
    InputStream in = new ByteArrayInputStream(raw);
    try {
      for (int layer = 0; ; layer++) {
        var peek = new PushbackInputStream(in, 2);
        byte[] head = peek.readNBytes(2);
        peek.unread(head);
        boolean magic = head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        if (!(gzip && layer == 0) && !magic) {
          return new Bounded(peek, body);
        }
        if (layer == 3) {
          throw new HttpProblem(
              HttpProblem.Kind.BAD_REQUEST, "the body is gzip inside gzip more than three times");
        }
        in = body.limit(new GZIPInputStream(peek, 65536));
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new HttpProblem(
          HttpProblem.Kind.BAD_REQUEST, "the body is not valid gzip: " + e.getMessage());
    } catch (IOException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the body could not be read");
    }
  }

  /** A plain body and whether reading it ran past the decompressed limit. */
  record Bounded(InputStream in, EventBody body) {
    boolean exceeded() {
      return body.exceeded;
    }

    long limit() {
      return body.decompressedLimit;
    }
  }

  private InputStream limit(InputStream in) {
    return new FilterInputStream(in) {
      long left = decompressedLimit;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          exceeded = true;
          throw new IOException("decompressed body exceeds " + decompressedLimit + " bytes");
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

  private static byte[] raw(Context ctx, long max) {
    String length = ctx.header("Content-Length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "Content-Length is not a number");
      }
      if (n > max) {
        drain(ctx, n);
        throw tooLarge("the body has " + n + " bytes; max-content-length is " + max);
      }
    }
    try (InputStream in = ctx.bodyInputStream()) {
      var out = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[65536];
      long total = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
        if (total > max) {
          while (total <= DRAIN_LIMIT && (n = in.read(buf)) >= 0) {
            total += n; // read on (and dropped) so that the client can read the 413
          }
          throw tooLarge("the body has more than " + max + " bytes; max-content-length is " + max);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new HttpProblem(HttpProblem.Kind.BAD_REQUEST, "the request body could not be read");
    }
  }

  private static void drain(Context ctx, long length) {
    if (length > DRAIN_LIMIT) {
      return;
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] buf = new byte[65536];
      long left = length;
      for (int n = in.read(buf); n >= 0 && left > 0; n = in.read(buf)) {
        left -= n;
      }
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  static HttpProblem tooLarge(String why) {
    return new HttpProblem(HttpProblem.Kind.TOO_LARGE, why);
  }
}
