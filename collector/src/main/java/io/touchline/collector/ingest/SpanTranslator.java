package io.touchline.collector.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyType;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.keys.Placeholders;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads touchpoints out of OTLP spans, following the span contract: which spans are touchpoints,
 * and how name, channel, outcome, event time and keys are read. Spans from any OpenTelemetry source
 * count when they carry a touchpoint name or a known key (including the standard {@code user.id},
 * {@code user.email} and {@code session.id}).
 */
public final class SpanTranslator {

  static final String TOUCHPOINT = "touchline.touchpoint";
  static final String CHANNEL = "touchline.channel";
  static final String OUTCOME = "touchline.outcome";
  static final String SERVICE_NAME = "service.name";

  private final KeyTypes keyTypes;
  private final Placeholders placeholderValues;
  private final SpanCheck limits;
  private final Clock clock;

  public SpanTranslator(KeyTypes keyTypes) {
    this(keyTypes, Placeholders.defaults(), SpanLimits.defaults(), Clock.systemUTC());
  }

  /**
   * @param placeholderValues the built-in placeholders plus those {@code collector.yaml} adds
   * @param limits what one span may carry; a span over them is rejected before it is read
   * @param clock where the event time window ends ({@link SpanLimits#maxEventTimeAhead} after it)
   */
  public SpanTranslator(
      KeyTypes keyTypes, Placeholders placeholderValues, SpanLimits limits, Clock clock) {
    this.keyTypes = keyTypes;
    this.placeholderValues = placeholderValues;
    this.limits = new SpanCheck(limits, keyTypes);
    this.clock = clock;
  }

  public TranslatedBatch translate(ExportTraceServiceRequest request) {
    List<TranslatedBatch.Read> touchpoints = new ArrayList<>();
    long nonTouchpoints = 0;
    long placeholders = 0;
    Rejections rejections = new Rejections();
    long[] undeclared = {0};
    Instant now = clock.instant();
    long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource =
          AttributeValues.toMap(resourceSpans.getResource().getAttributesList());
      String service = text(resource.get(SERVICE_NAME)).orElse("unknown_service");
      String defaultChannel = text(resource.get(CHANNEL)).orElse(service);
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          String invalid = invalidIds(span);
          if (invalid != null) {
            rejections.add(TranslatedBatch.INVALID_SPAN, invalid);
            continue;
          }
          SpanCheck.Refusal refusal = limits.check(span, nowNanos);
          if (refusal != null) {
            rejections.add(refusal.reason(), refusal.message());
            continue;
          }
          TranslatedBatch.Read read = read(span, service, defaultChannel, undeclared);
          if (read.touchpoint() == null) {
            nonTouchpoints++;
            placeholders += read.placeholdersDropped();
          } else {
            touchpoints.add(read);
          }
        }
      }
    }
    return new TranslatedBatch(
        touchpoints,
        nonTouchpoints,
        placeholders,
        rejections.count(),
        rejections.message(),
        undeclared[0],
        rejections.byReason());
  }

  /** The span as a touchpoint (null when it is none) and the placeholders dropped from it. */
  private TranslatedBatch.Read read(
      Span span, String service, String defaultChannel, long[] undeclared) {
    Map<String, Set<String>> keyValues = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    int placeholders = 0;
    String name = null;
    String channel = defaultChannel;
    String outcome = null;
    for (KeyValue attribute : span.getAttributesList()) {
      String key = attribute.getKey();
      AnyValue value = attribute.getValue();
      Optional<KeyType> keyType = keyTypes.forAttribute(key);
      if (keyType.isPresent()) {
        for (String raw : AttributeValues.strings(value)) {
          String normalized = isHashed(raw) ? raw : keyType.get().normalize(raw);
          if (placeholderValues.isPlaceholder(raw, normalized)) {
            placeholders++;
          } else {
            keyValues
                .computeIfAbsent(keyType.get().name(), t -> new LinkedHashSet<>())
                .add(normalized);
          }
        }
        continue;
      }
      switch (key) {
        // Blank values count as absent, so the next source in line decides (see the span contract).
        case TOUCHPOINT -> name = value.getStringValue().trim();
        case CHANNEL -> channel = text(value.getStringValue()).orElse(defaultChannel);
        case OUTCOME -> outcome = value.getStringValue().trim();
        default -> {
          if (key.startsWith(KeyTypes.KEY_ATTRIBUTE_PREFIX)) {
            undeclared[0]++; // a key type this collector does not declare: kept, never stitched
          }
          Object converted = AttributeValues.toJava(value);
          if (converted != null) {
            attributes.put(key, converted);
          }
        }
      }
    }
    if ((name == null || name.isBlank()) && keyValues.isEmpty()) {
      return new TranslatedBatch.Read(null, placeholders);
    }
    if (name == null || name.isBlank()) {
      name = span.getName();
    }
    if (outcome == null || outcome.isBlank()) {
      outcome =
          span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR ? "error" : "success";
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keyTypes
        .names()
        .forEach(
            type -> {
              Set<String> values = keyValues.get(type);
              if (values != null) {
                keys.put(type, List.copyOf(values));
              }
            });
    HexFormat hex = HexFormat.of();
    Touchpoint touchpoint =
        new Touchpoint(
            hex.formatHex(span.getTraceId().toByteArray()),
            hex.formatHex(span.getSpanId().toByteArray()),
            span.getStartTimeUnixNano(),
            name,
            channel,
            service,
            outcome,
            keys,
            attributes);
    return new TranslatedBatch.Read(touchpoint, placeholders);
  }

  /** Values the agent (or any sender) hashed are taken as they are: they are already normalised. */
  private static boolean isHashed(String value) {
    return value.startsWith("hmac-sha256:");
  }

  /** Why the span's ids are unusable, or null when they are fine. */
  private static String invalidIds(Span span) {
    if (span.getTraceId().size() != 16) {
      return "trace_id must be 16 bytes";
    }
    if (allZero(span.getTraceId().toByteArray())) {
      return "trace_id must not be all zeros";
    }
    if (span.getSpanId().size() != 8) {
      return "span_id must be 8 bytes";
    }
    if (allZero(span.getSpanId().toByteArray())) {
      return "span_id must not be all zeros";
    }
    return null;
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }
}
