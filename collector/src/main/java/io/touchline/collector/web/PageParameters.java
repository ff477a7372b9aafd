package io.touchline.collector.web;

import io.touchline.collector.query.Page;
import io.touchline.collector.query.StoreOrderPage;
import java.util.Map;

/** {@code ?limit=&cursor=}: which page of a list a request asks for. */
final class PageParameters {

  private PageParameters() {}

  /** A page of a list in canonical (time) order. */
  static Page parse(Map<String, String> query) {
    int limit = limit(query);
    String cursor = query.get("cursor");
    if (cursor == null || cursor.isEmpty()) {
      return new Page(limit, null);
    }
    try {
      return new Page(limit, Page.Position.ofCursor(cursor));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "cursor: " + e.getMessage());
    }
  }

  /** A page of a list in store order. */
  static StoreOrderPage storeOrder(Map<String, String> query) {
    int limit = limit(query);
    String cursor = query.get("cursor");
    if (cursor == null || cursor.isEmpty()) {
      return new StoreOrderPage(limit, 0);
    }
    try {
      return new StoreOrderPage(limit, StoreOrderPage.sequenceOf(cursor));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "cursor: " + e.getMessage());
    }
  }

  private static int limit(Map<String, String> query) {
    String rawLimit = query.get("limit");
    if (rawLimit == null) {
      return Page.MAX_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(rawLimit.trim());
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > Page.MAX_LIMIT) {
      throw new ApiException(
          400,
          "limit must be a whole number from 1 to " + Page.MAX_LIMIT + ", was '" + rawLimit + "'");
    }
    return limit;
  }
}
