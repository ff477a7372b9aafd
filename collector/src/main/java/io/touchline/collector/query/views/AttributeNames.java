package io.touchline.collector.query.views;

import io.touchline.collector.journey.AttributeColumns;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.query.BadQueryException;

/**
 * Resolves an attribute's name, as a segment or a breakdown gives it, to the column of its values.
 */
final class AttributeNames {

  private AttributeNames() {}

  /**
   * The attribute's column, read from the store the first time it is asked for.
   *
   * @param use what the attribute is for ({@code segment}, {@code breakdown}, {@code attribute}):
   *     the message of a refusal starts with it, as the parameter that carried the name is called
   * @throws BadQueryException when the name is empty, no stored touchpoint has the attribute, it
   *     has too many distinct values, or as many attributes are kept as can be
   */
  static AttributeColumns.Column column(Journeys journeys, String attribute, String use) {
    if (attribute.isBlank()) {
      throw new BadQueryException(use + ": the attribute name is empty");
    }
    try {
      return journeys.attributes().column(attribute);
    } catch (IllegalStateException e) {
      throw new BadQueryException(use + ": " + e.getMessage());
    }
  }
}
