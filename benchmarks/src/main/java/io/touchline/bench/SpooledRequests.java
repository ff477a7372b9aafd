package io.touchline.bench;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;

/**
 * OTLP requests encoded before a benchmark's clock starts, so that generating them costs the
 * figures nothing, and kept in a temporary file rather than the heap: ten million touchpoints are
 * several gigabytes. Clients read them back by number (positional reads: any thread, any order).
 */
final class SpooledRequests implements LoadSource {

  private final Path file;
  private final FileChannel channel;
  private long[] offsets = new long[1024];
  private int[] lengths = new int[1024];
  private int[] spans = new int[1024];
  private int count;
  private long touchpoints;
  private long bytes;

  private SpooledRequests(Path file) throws IOException {
    this.file = file;
    this.channel =
        FileChannel.open(
            file,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            StandardOpenOption.DELETE_ON_CLOSE);
  }

  /** Encodes every request into a new file in {@code directory}, deleted on {@link #close()}. */
  static SpooledRequests spool(Iterator<ExportTraceServiceRequest> requests, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    SpooledRequests spooled =
        new SpooledRequests(Files.createTempFile(directory, "touchline-load-", ".otlp"));
    try {
      while (requests.hasNext()) {
        spooled.append(requests.next());
      }
    } catch (IOException | RuntimeException e) {
      spooled.close();
      throw e;
    }
    return spooled;
  }

  private void append(ExportTraceServiceRequest request) throws IOException {
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
      spans = Arrays.copyOf(spans, count * 2);
    }
    byte[] body = request.toByteArray();
    ByteBuffer buffer = ByteBuffer.wrap(body);
    while (buffer.hasRemaining()) {
      channel.write(buffer, bytes + buffer.position());
    }
    int spanCount = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        spanCount += scope.getSpansCount();
      }
    }
    offsets[count] = bytes;
    lengths[count] = body.length;
    spans[count] = spanCount;
    count++;
    bytes += body.length;
    touchpoints += spanCount;
  }

  @Override
  public long requests() {
    return count;
  }

  @Override
  public long touchpoints() {
    return touchpoints;
  }

  /** Bytes of all requests together. */
  long bytes() {
    return bytes;
  }

  Path file() {
    return file;
  }

  @Override
  public int spans(long index) {
    return spans[(int) index];
  }

  @Override
  public byte[] body(long index) throws IOException {
    int i = (int) index;
    ByteBuffer buffer = ByteBuffer.allocate(lengths[i]);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offsets[i] + buffer.position()) < 0) {
        throw new EOFException(file + " ends before request " + index);
      }
    }
    return buffer.array();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
