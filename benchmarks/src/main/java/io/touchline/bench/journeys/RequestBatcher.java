package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * Turns interactions, in time order, into OTLP requests as the four agents would send them: each
 * app's spans collect in that app's batch, which goes out as one request (one resource, one scope)
 * when it holds {@code batchSize} spans; what is left goes out at the end, the oldest batch first.
 */
final class RequestBatcher implements Iterator<ExportTraceServiceRequest> {

  private final Iterator<GeneratedInteraction> interactions;
  private final int batchSize;
  private final SpanEncoder encoder;
  private final AgentResources agents;
  private final Consumer<GeneratedInteraction> eachInteraction;
  private final Map<App, Batch> batches = new EnumMap<>(App.class);
  private final Queue<ExportTraceServiceRequest> full = new ArrayDeque<>();

  /** One app's spans waiting to be sent, and when its first one started. */
  private static final class Batch {
    final ScopeSpans.Builder spans;
    final long firstStartNanos;

    Batch(ScopeSpans.Builder spans, long firstStartNanos) {
      this.spans = spans;
      this.firstStartNanos = firstStartNanos;
    }
  }

  RequestBatcher(
      Iterator<GeneratedInteraction> interactions,
      int batchSize,
      AgentResources agents,
      SpanEncoder encoder,
      Consumer<GeneratedInteraction> eachInteraction) {
    this.interactions = interactions;
    this.batchSize = batchSize;
    this.agents = agents;
    this.encoder = encoder;
    this.eachInteraction = eachInteraction;
  }

  @Override
  public boolean hasNext() {
    while (full.isEmpty() && interactions.hasNext()) {
      add(interactions.next());
    }
    if (full.isEmpty() && !batches.isEmpty()) {
      batches.entrySet().stream()
          .sorted(Comparator.comparingLong(e -> e.getValue().firstStartNanos))
          .forEach(e -> full.add(request(e.getKey(), e.getValue())));
      batches.clear();
    }
    return !full.isEmpty();
  }

  @Override
  public ExportTraceServiceRequest next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return full.poll();
  }

  private void add(GeneratedInteraction interaction) {
    eachInteraction.accept(interaction);
    App app = interaction.app();
    for (Span span : encoder.encode(interaction)) {
      Batch batch =
          batches.computeIfAbsent(
              app,
              a ->
                  new Batch(
                      ScopeSpans.newBuilder().setScope(agents.scope()),
                      span.getStartTimeUnixNano()));
      batch.spans.addSpans(span);
      if (batch.spans.getSpansCount() >= batchSize) {
        full.add(request(app, batches.remove(app)));
      }
    }
  }

  private ExportTraceServiceRequest request(App app, Batch batch) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().setResource(agents.resource(app)).addScopeSpans(batch.spans))
        .build();
  }
}
