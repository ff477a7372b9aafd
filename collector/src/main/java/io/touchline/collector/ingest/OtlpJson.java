package io.touchline.collector.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * OTLP/JSON: the proto3 JSON mapping with the one OTLP exception, trace and span ids as hex rather
 * than base64 (opentelemetry-proto, {@code docs/specification.md}, "JSON Protobuf Encoding").
 * Jackson reads the tree, the ids are rewritten to base64 in place, and {@link JsonFormat} does the
 * rest, so integer enums, int64 as string or number, snake_case keys and unknown fields are all
 * handled as the mapping says.
 */
public final class OtlpJson {

  /** Long JsonFormat messages echo the offending JSON; the sender needs only the start of it. */
  private static final int MAX_MESSAGE_CHARS = 300;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // Numbers pass through the tree to JsonFormat: keep them exact (int64 sent as 1.5e18).
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpJson() {}

  /**
   * Reads an OTLP/JSON export request. An id that is not hex becomes empty, so that its span is
   * rejected on its own (a partial success) instead of failing the whole request.
   *
   * @throws InvalidProtocolBufferException when the body is not JSON or not an export request
   */
  public static ExportTraceServiceRequest parseRequest(byte[] json)
      throws InvalidProtocolBufferException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidProtocolBufferException(
          "malformed JSON" + where + ": " + shorten(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidProtocolBufferException("unreadable JSON: " + shorten(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidProtocolBufferException(
          "expected a JSON object (an ExportTraceServiceRequest), got "
              + (root == null || root.isMissingNode()
                  ? "an empty body"
                  : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    for (JsonNode resourceSpans : children(root, "resourceSpans", "resource_spans")) {
      for (JsonNode scopeSpans : children(resourceSpans, "scopeSpans", "scope_spans")) {
        for (JsonNode span : children(scopeSpans, "spans", "spans")) {
          hexToBase64(span, "traceId", "trace_id");
          hexToBase64(span, "spanId", "span_id");
          hexToBase64(span, "parentSpanId", "parent_span_id");
          for (JsonNode link : children(span, "links", "links")) {
            hexToBase64(link, "traceId", "trace_id");
            hexToBase64(link, "spanId", "span_id");
          }
        }
      }
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    try {
      PARSER.merge(MAPPER.writeValueAsString(root), request);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidProtocolBufferException(
          "not an OTLP/JSON export request: " + shorten(e.getMessage()));
    } catch (IOException e) {
      throw new InvalidProtocolBufferException("unreadable JSON: " + shorten(e.getMessage()));
    }
    return request.build();
  }

  /** A response message (export response or {@code google.rpc.Status}) as compact JSON. */
  public static byte[] print(Message message) {
    try {
      return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      // Only messages holding an Any of an unregistered type fail, and answers never hold one.
      throw new IllegalArgumentException(
          "cannot print " + message.getDescriptorForType().getFullName(), e);
    }
  }

  /**
   * The elements of an array field under either of its names. Anything else yields nothing here and
   * is left for JsonFormat to refuse with its own message.
   */
  private static Iterable<JsonNode> children(JsonNode parent, String jsonName, String protoName) {
    if (!parent.isObject()) {
      return List.of();
    }
    JsonNode array = parent.has(jsonName) ? parent.get(jsonName) : parent.get(protoName);
    return array != null && array.isArray() ? array : List.of();
  }

  private static void hexToBase64(JsonNode node, String jsonName, String protoName) {
    if (!node.isObject()) {
      return;
    }
    ObjectNode object = (ObjectNode) node;
    for (String name : new String[] {jsonName, protoName}) {
      JsonNode id = object.get(name);
      if (id != null && !id.isNull()) {
        object.put(name, base64(id));
      }
    }
  }

  /** The hex id as base64, or empty (an invalid id, left to the translator) when it is not hex. */
  private static String base64(JsonNode id) {
    if (!id.isTextual()) {
      return "";
    }
    try {
      return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(id.asText()));
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String shorten(String message) {
    if (message == null) {
      return "";
    }
    return message.length() <= MAX_MESSAGE_CHARS
        ? message
        : message.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
