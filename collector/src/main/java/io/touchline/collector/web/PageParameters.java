package io.touchline.collector.web;

import io.touchline.collector.query.Page;
import java.util.Map;

/** {@code ?limit=&cursor=}: which page of a list a request asks for. */
final class PageParameters {

  private PageParameters() {}

  static Page parse(Map<String, String> query) {
    int limit = Page.MAX_LIMIT;
    String rawLimit = query.get("limit");
    if (rawLimit != null) {
      try {
        limit = Integer.parseInt(rawLimit.trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > Page.MAX_LIMIT) {
        throw new ApiException(400, "limit must be a whole number from 1 to " + Page.MAX_LIMIT + ", was '" + rawLimit + "'");
      }
    }
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
}
