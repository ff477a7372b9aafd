package io.touchline.collector.http;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request's body without holding a thread while it arrives: each chunk is taken as Jetty
 * has it, and when none is there the reader asks to be called back once one is. The body, or why
 * there is none, completes the future.
 */
final class BodyReader implements Runnable {

  private final Request request;
  private final long maxBytes;
  private final boolean keep;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream read = new ByteArrayOutputStream();
  private long received;

  /**
   * @param maxBytes more than this fails the read
   * @param keep whether the bytes are kept (the body) or dropped (a refused body read to its end)
   */
  BodyReader(Request request, long maxBytes, boolean keep) {
    this.request = request;
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  CompletableFuture<byte[]> start() {
    run();
    return body;
  }

  @Override
  public void run() {
    while (!body.isDone()) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        Throwable failure = chunk.getFailure();
        body.completeExceptionally(
            failure instanceof TimeoutException
                ? new Exchange.BodyTimeoutException()
                : new Exchange.BodyEndedException(received, failure));
        return;
      }
      int length = chunk.remaining();
      if (received + length > maxBytes) {
        chunk.release();
        body.completeExceptionally(new Exchange.BodyTooLargeException());
        return;
      }
      received += length;
      if (keep) {
        byte[] bytes = new byte[length];
        chunk.get(bytes, 0, length);
        read.write(bytes, 0, length);
      }
      boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        body.complete(read.toByteArray());
      }
    }
  }
}
