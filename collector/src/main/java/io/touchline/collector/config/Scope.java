package io.touchline.collector.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a token under {@code auth} lets its holder do. The set is closed: {@code collector.yaml}
 * naming a scope not listed here is an error, never a token that quietly may do nothing (or more
 * than meant). Each endpoint declares the one scope it needs.
 */
public enum Scope {

  /** Send spans: OTLP/gRPC's {@code Export} and OTLP/HTTP's {@code POST /v1/traces}. */
  INGEST,

  /**
   * Read: every {@code GET} of the API that holds data (the UI's data, the live stream, the erasure
   * audit) and {@code /metrics}.
   */
  READ,

  /**
   * Erase a customer: {@code DELETE /api/profiles}, its dry run included (a dry run lists the
   * customer's keys and touchpoints, and is the first half of erasing).
   */
  ERASE;

  /** The scope as {@code collector.yaml} writes it: {@code ingest}, {@code read}, {@code erase}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope written {@code label}, exactly (lower case); empty when there is none such. */
  static Optional<Scope> named(String label) {
    return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
  }

  /** Every scope's label, for messages: {@code ingest, read, erase}. */
  static String labels() {
    return Arrays.stream(values()).map(Scope::label).collect(Collectors.joining(", "));
  }
}
