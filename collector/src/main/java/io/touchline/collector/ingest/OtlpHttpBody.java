package io.touchline.collector.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Un-gzips an OTLP/HTTP request body when it says so, within the size limit, and tells a body that
 * is too large from one that cannot be read. The body was read off the connection in full before,
 * so that a failure while un-gzipping is the body's alone (truncated or corrupt gzip), never the
 * connection's, and can be answered with a 400.
 */
final class OtlpHttpBody {

  private static final int BUFFER_BYTES = 16 * 1024;

  private OtlpHttpBody() {}

  /**
   * @param sent the body as it arrived
   * @return the body, un-gzipped
   * @throws TooLargeException when the body un-gzipped exceeds {@code maxBytes}
   * @throws MalformedException when the body is not valid gzip; the message says how
   */
  static byte[] decode(byte[] sent, boolean gzip, long maxBytes)
      throws TooLargeException, MalformedException {
    if (!gzip) {
      return sent;
    }
    ByteArrayOutputStream unzipped = new ByteArrayOutputStream();
    try (InputStream unzip = new GZIPInputStream(new ByteArrayInputStream(sent))) {
      copy(unzip, unzipped, maxBytes);
    } catch (TooLargeException e) {
      throw e;
    } catch (IOException e) {
      // ZipException for a corrupt stream, EOFException for a truncated one.
      throw new MalformedException("body is not valid gzip: " + e.getMessage());
    }
    return unzipped.toByteArray();
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, long maxBytes)
      throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    int read;
    while ((read = in.read(buffer)) != -1) {
      if (out.size() + (long) read > maxBytes) {
        throw new TooLargeException();
      }
      out.write(buffer, 0, read);
    }
  }

  /** The body, as sent or un-gzipped, exceeds the limit. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** The body cannot be read: it ends early, or it is not the gzip it says it is. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }
}
