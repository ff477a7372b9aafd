package io.touchline.collector.ingest;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts OTLP attribute values to plain Java values that keep their type. */
final class AttributeValues {

  private AttributeValues() {}

  static Map<String, Object> toMap(List<KeyValue> attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      map.put(kv.getKey(), toJava(kv.getValue()));
    }
    return map;
  }

  /** Boolean, Long, Double, String, a List of those, or a Map for key-value lists. */
  static Object toJava(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>();
        value.getArrayValue().getValuesList().forEach(v -> list.add(toJava(v)));
        yield list;
      }
      case KVLIST_VALUE -> toMap(value.getKvlistValue().getValuesList());
      default -> null;
    };
  }

  /** The string values of a key attribute: one string, or each element of an array. */
  static List<String> strings(AnyValue value) {
    List<String> strings = new ArrayList<>();
    switch (value.getValueCase()) {
      case STRING_VALUE -> strings.add(value.getStringValue());
      case INT_VALUE -> strings.add(Long.toString(value.getIntValue()));
      case ARRAY_VALUE ->
          value.getArrayValue().getValuesList().forEach(v -> strings.addAll(strings(v)));
      default -> {
        // booleans, doubles and maps are not identifiers
      }
    }
    return strings;
  }
}
