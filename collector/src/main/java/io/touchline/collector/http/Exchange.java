package io.touchline.collector.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its response, read and written the blocking way the handlers are written: the
 * collector's handlers know this class, and only this package knows the server under it.
 *
 * <p>A response is ended once: by {@link #send}, by closing the stream of {@link #stream}, or by
 * {@link #close} (which, with nothing sent, cuts the connection rather than answer something the
 * handler did not say).
 */
public final class Exchange {

  private final Request request;
  private final Response response;
  private final Callback done;
  private final long bodyTimeoutNanos;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile int status;
  private volatile OutputStream openStream;

  /** Whether the request's body was read to its end (or it has none). */
  private volatile boolean bodyRead;

  Exchange(Request request, Response response, Callback done, long bodyTimeoutNanos) {
    this.request = request;
    this.response = response;
    this.done = done;
    this.bodyTimeoutNanos = bodyTimeoutNanos;
  }

  public String method() {
    return request.getMethod();
  }

  /** The path, percent-decoded. */
  public String path() {
    String path = request.getHttpURI().getDecodedPath();
    return path == null ? "/" : path;
  }

  /** The query as sent, still percent-encoded; null when there is none. */
  public String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  /** The path and query as sent, for the log. */
  public String target() {
    return request.getHttpURI().getPathQuery();
  }

  /** The first value of a request header; null when absent. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The length the request declares for its body; -1 when it declares none. */
  public long declaredLength() {
    return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
  }

  /** The client's address (its host), for the log. */
  public String client() {
    SocketAddress address = request.getConnectionMetaData().getRemoteSocketAddress();
    return address instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress()
        : String.valueOf(address);
  }

  /**
   * The whole body, waiting for it no longer than the port's body timeout: the thread that waits is
   * one of the port's, so a sender that sends its body slowly must not hold it longer.
   *
   * @throws BodyTooLargeException when more than {@code maxBytes} arrive
   * @throws BodyTimeoutException when the body has not arrived in time
   * @throws BodyEndedException when the body ended early or the client went away
   */
  public byte[] body(long maxBytes) throws IOException {
    byte[] body = await(new BodyReader(request, maxBytes, true).start());
    bodyRead = true;
    return body;
  }

  /**
   * Reads and drops the rest of a refused body, up to {@code budget} bytes and the body timeout, so
   * that the answer reaches a sender that is still sending (a server that closes a connection the
   * sender is writing to resets it, and the answer is lost); a sender that declares more than the
   * budget is not waited for.
   */
  public void discardBody(long budget) {
    if (declaredLength() > budget) {
      return;
    }
    try {
      await(new BodyReader(request, budget, false).start());
      bodyRead = true;
    } catch (IOException e) {
      // read to its end already, too much, too slow, or the sender went away: nothing to drop
    }
  }

  private byte[] await(CompletableFuture<byte[]> body) throws IOException {
    try {
      return body.get(bodyTimeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      body.cancel(false);
      throw new BodyTimeoutException();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the body", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot read the body: " + e.getCause(), e.getCause());
    }
  }

  /** Sets a response header, replacing any of that name; only before the status is sent. */
  public void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /** Adds a response header beside any of that name. */
  public void addHeader(String name, String value) {
    response.getHeaders().add(name, value);
  }

  /** Sends the status and the whole body, and ends the response. */
  public void send(int status, byte[] body) throws IOException {
    closeIfBodyUnread();
    this.status = status;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    try (Blocker.Callback written = Blocker.callback()) {
      response.write(true, ByteBuffer.wrap(body), written);
      written.block();
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
    end();
  }

  /**
   * Sends the status and returns the body to write, of a length not known beforehand. Closing the
   * stream ends the response; until it is closed, the response stays open after the handler
   * returned (a live stream's thread writes it).
   */
  public OutputStream stream(int status) {
    closeIfBodyUnread();
    this.status = status;
    response.setStatus(status);
    OutputStream out =
        new FilterOutputStream(Response.asBufferedOutputStream(request, response)) {
          private boolean closed;

          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
          }

          @Override
          public void close() throws IOException {
            if (closed) {
              return;
            }
            closed = true;
            try {
              out.close();
            } catch (IOException | RuntimeException e) {
              fail(e);
              throw e;
            }
            end();
          }
        };
    openStream = out;
    return out;
  }

  /**
   * Answering a request whose body was not read (a refusal before it: a missing token, a wrong path
   * or type): the server cannot tell where the next request on the connection would begin without
   * reading this body, and may close the connection after the answer. Saying so in the answer keeps
   * a client from sending its next request on a connection about to close.
   */
  private void closeIfBodyUnread() {
    if (bodyRead) {
      return;
    }
    boolean hasBody =
        declaredLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (hasBody) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  /** The status sent; 0 while none is. */
  public int status() {
    return status;
  }

  /** Whether the handler left a stream open for another thread to end. */
  boolean streaming() {
    return openStream != null && !ended.get();
  }

  /**
   * Ends the response: closes the stream of {@link #stream} if one is open; with nothing sent, cuts
   * the connection. Ending again does nothing.
   */
  public void close() {
    OutputStream out = openStream;
    if (out != null) {
      try {
        out.close();
      } catch (IOException | RuntimeException e) {
        // failed above; the connection is cut
      }
      return;
    }
    if (status == 0) {
      fail(new IOException("closed without an answer"));
    } else {
      end();
    }
  }

  /** Ends the response as failed: the connection is cut, whatever was sent of it. */
  void abort(Throwable failure) {
    fail(failure);
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      done.succeeded();
    }
  }

  private void fail(Throwable failure) {
    if (ended.compareAndSet(false, true)) {
      done.failed(failure);
    }
  }

  /** The body exceeded the size the handler reads. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super("the body is larger than allowed");
    }
  }

  /** The body ended before it was whole: the sender stopped short of it, or went away. */
  public static final class BodyEndedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long received;

    BodyEndedException(long received, Throwable cause) {
      super("the body ended early (" + cause.getMessage() + ")", cause);
      this.received = received;
    }

    /** The bytes of the body that had arrived. */
    public long received() {
      return received;
    }
  }

  /** The body did not arrive in time. */
  public static final class BodyTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTimeoutException() {
      super("the body did not arrive in time");
    }
  }
}
