package io.touchline.collector.model;

/** One customer identifier: a key type such as {@code email} and its normalised value. */
public record CustomerKey(String type, String value) {

  /** The key type that identifies a known customer (see {@code identifiedShare}). */
  public static final String IDENTIFYING_TYPE = "customer_id";

  /** {@code type:value}, the form analysts type into a search. */
  @Override
  public String toString() {
    return type + ":" + value;
  }
}
