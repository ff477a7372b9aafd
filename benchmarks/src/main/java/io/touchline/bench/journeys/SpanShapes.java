package io.touchline.bench.journeys;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The set of {@link SpanShape}s of some OTLP requests, and a readable account of how two such sets
 * differ: the check that keeps the generator's spans and the real agents' from drifting apart.
 */
public final class SpanShapes {

  private static final String KEY_PREFIX = "touchline.key.";

  private SpanShapes() {}

  public static SortedSet<SpanShape> of(Iterable<ExportTraceServiceRequest> requests) {
    return of(requests.iterator());
  }

  public static SortedSet<SpanShape> of(Iterator<ExportTraceServiceRequest> requests) {
    SortedSet<SpanShape> shapes = new TreeSet<>();
    while (requests.hasNext()) {
      for (ResourceSpans resourceSpans : requests.next().getResourceSpansList()) {
        SortedMap<String, String> resource = new TreeMap<>();
        resourceSpans
            .getResource()
            .getAttributesList()
            .forEach(a -> resource.put(a.getKey(), text(a.getValue())));
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          String scope = scopeSpans.getScope().getName() + "@" + scopeSpans.getScope().getVersion();
          for (Span span : scopeSpans.getSpansList()) {
            shapes.add(shape(resource, scope, span));
          }
        }
      }
    }
    return shapes;
  }

  private static SpanShape shape(SortedMap<String, String> resource, String scope, Span span) {
    Map<String, AnyValue> attributes = new TreeMap<>();
    span.getAttributesList().stream()
        .filter(a -> !a.getKey().equals(SpanEncoder.GENERATED)) // the generator's own mark
        .forEach(a -> attributes.put(a.getKey(), a.getValue()));
    List<String> keyTypes = new ArrayList<>();
    List<String> others = new ArrayList<>();
    attributes.forEach(
        (name, value) -> {
          if (name.startsWith(KEY_PREFIX)) {
            keyTypes.add(name.substring(KEY_PREFIX.length()));
          } else {
            others.add(name + ":" + type(value));
          }
        });
    List<String> events = new ArrayList<>();
    for (Span.Event event : span.getEventsList()) {
      events.add(
          event.getName()
              + event.getAttributesList().stream().map(KeyValue::getKey).sorted().toList());
    }
    String channel =
        attributes.containsKey("touchline.channel")
            ? text(attributes.get("touchline.channel"))
            : resource.get("touchline.channel");
    String status =
        span.getStatus().getCode().name()
            + (span.getStatus().getMessage().isEmpty() ? "" : ": " + span.getStatus().getMessage());
    return new SpanShape(
        resource.get("service.name"),
        channel,
        span.getName(),
        text(attributes.get("touchline.outcome")),
        resource,
        scope,
        span.getKind().name(),
        span.getFlags(),
        List.copyOf(keyTypes),
        List.copyOf(others),
        text(attributes.get("touchline.config.version")),
        status,
        List.copyOf(events),
        !span.getParentSpanId().isEmpty());
  }

  /**
   * What differs between the shapes the real agents exported and those the generator writes, one
   * line per difference, or an empty string when the two sets are equal.
   */
  public static String differences(SortedSet<SpanShape> agents, SortedSet<SpanShape> generator) {
    StringBuilder report = new StringBuilder();
    SortedSet<SpanShape> onlyAgents = new TreeSet<>(agents);
    onlyAgents.removeAll(generator);
    SortedSet<SpanShape> onlyGenerator = new TreeSet<>(generator);
    onlyGenerator.removeAll(agents);
    for (SpanShape agent : onlyAgents) {
      SpanShape closest =
          onlyGenerator.stream()
              .filter(g -> g.touchpointOf().equals(agent.touchpointOf()))
              .findFirst()
              .orElse(null);
      if (closest == null) {
        report.append("only the agents export ").append(agent).append('\n');
      } else {
        onlyGenerator.remove(closest);
        report.append(agent.touchpointOf()).append(" differs:\n");
        fieldDifferences(agent, closest)
            .forEach(
                (field, values) ->
                    report
                        .append("  ")
                        .append(field)
                        .append(": agents ")
                        .append(values[0])
                        .append(", generator ")
                        .append(values[1])
                        .append('\n'));
      }
    }
    for (SpanShape generated : onlyGenerator) {
      report.append("only the generator writes ").append(generated).append('\n');
    }
    return report.toString();
  }

  private static Map<String, Object[]> fieldDifferences(SpanShape a, SpanShape b) {
    Map<String, Function<SpanShape, Object>> fields = new LinkedHashMap<>();
    fields.put("channel", SpanShape::channel);
    fields.put("resource", SpanShape::resource);
    fields.put("scope", SpanShape::scope);
    fields.put("kind", SpanShape::kind);
    fields.put("flags", SpanShape::flags);
    fields.put("key types", SpanShape::keyTypes);
    fields.put("attributes", SpanShape::attributes);
    fields.put("config version", SpanShape::configVersion);
    fields.put("status", SpanShape::status);
    fields.put("events", SpanShape::events);
    fields.put("child", SpanShape::child);
    Map<String, Object[]> differences = new LinkedHashMap<>();
    fields.forEach(
        (name, field) -> {
          if (!Objects.equals(field.apply(a), field.apply(b))) {
            differences.put(name, new Object[] {field.apply(a), field.apply(b)});
          }
        });
    return differences;
  }

  private static String type(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> "string";
      case BOOL_VALUE -> "bool";
      case INT_VALUE -> "int";
      case DOUBLE_VALUE -> "double";
      case ARRAY_VALUE -> "array";
      case KVLIST_VALUE -> "kvlist";
      case BYTES_VALUE -> "bytes";
      default -> "empty";
    };
  }

  private static String text(AnyValue value) {
    return value == null ? null : value.getStringValue();
  }
}
