package io.touchline.collector.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson for what the store holds. Reading a stored row must never fail on a limit: whatever was
 * stored — before a limit at the door was lowered, by an older version, or by a door with no such
 * limit — stays readable, exportable and erasable. Jackson's default read constraints (names of
 * 50,000 characters, strings of 20,000,000, nesting of 1,000, numbers of 1,000 digits) are limits
 * meant for input from strangers; here they are lifted. What may come in is decided at the door
 * ({@code ingest.SpanLimits}), not when the data is read back.
 */
final class StoredJson {

  private StoredJson() {}

  /** A mapper builder whose parsers accept any stored document. */
  static JsonMapper.Builder mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .maxTokenCount(-1)
                    .build())
            .build();
    return JsonMapper.builder(factory);
  }
}
