package io.touchline.collector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.live.LiveFeed;
import io.touchline.collector.log.InternalFailures;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.query.ProfileQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code GET /api/live}: the touchpoints arriving now as server-sent events. Each stream runs on a
 * thread of its own pool, so that open streams never take the API's threads.
 */
final class LiveStream {

  static final String PATH = "/api/live";
  private static final long KEEP_ALIVE_SECONDS = 15;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LiveFeed feed;
  private final ExecutorService streams;

  LiveStream(LiveFeed feed, ExecutorService streams) {
    this.feed = feed;
    this.streams = streams;
  }

  /**
   * Starts a stream on the response and returns at once; the stream's thread ends the response when
   * the client goes or the collector stops.
   */
  void open(ApiRequest request, ApiResponse response) throws IOException {
    Map<String, String> query = request.parameters();
    Predicate<Touchpoint> filter =
        exact(query, "channel", Touchpoint::channel)
            .and(exact(query, "service", Touchpoint::service))
            .and(exact(query, "touchpoint", Touchpoint::touchpoint));
    Optional<LiveFeed.Watcher> watcher = feed.watch(filter);
    if (watcher.isEmpty()) {
      throw new ApiException(
          503,
          "at most "
              + LiveFeed.MAX_WATCHERS
              + " live streams can be open at once; close one and retry");
    }
    try {
      response.header("Content-Type", "text/event-stream; charset=utf-8");
      response.header("Cache-Control", "no-cache");
      OutputStream body = response.stream(200);
      streams.execute(() -> stream(response, body, watcher.get()));
    } catch (IOException | RuntimeException e) {
      // The client left already, or the pool is shut down (the collector is stopping): the
      // stream's place is free again.
      watcher.get().close();
      response.close();
    }
  }

  private static void stream(ApiResponse response, OutputStream body, LiveFeed.Watcher watcher) {
    try (watcher;
        response;
        OutputStream out = body) {
      out.write(": touchline live\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        Touchpoint next = watcher.next(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        StringBuilder event = new StringBuilder();
        long dropped = watcher.takeDropped();
        if (dropped > 0) {
          event.append("event: dropped\ndata: {\"dropped\":").append(dropped).append("}\n\n");
        }
        if (next == null) {
          event.append(": keep-alive\n\n");
        } else {
          event
              .append("event: touchpoint\ndata: ")
              .append(JSON.writeValueAsString(ProfileQuery.touchpointView(next)))
              .append("\n\n");
        }
        out.write(event.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the collector is stopping
    } catch (RuntimeException | Error e) {
      // The stream and its place are closed already (above); the failure is the collector's.
      InternalFailures.report("API live stream", e);
    }
  }

  private static Predicate<Touchpoint> exact(
      Map<String, String> query,
      String name,
      java.util.function.Function<Touchpoint, String> field) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return t -> true;
    }
    Set<String> allowed =
        Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    return t -> allowed.contains(field.apply(t));
  }
}
