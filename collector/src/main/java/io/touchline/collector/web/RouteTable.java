package io.touchline.collector.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which route a request is for: the first route whose pattern matches the path and whose method is
 * the request's. A path that endpoints match only with other methods is known, and asked wrongly
 * (405, with the methods they take); a path no route matches is unknown (404). Routes counted as
 * {@link #UNMATCHED} (the UI's files) are no endpoints of the API: asked with another method, their
 * paths are as unknown as any other.
 */
final class RouteTable {

  /** The label of requests for a path no route matches, and of routes that are no endpoints. */
  static final String UNMATCHED = "other";

  /** What the table says of a request; every outcome has the label it is counted under. */
  sealed interface Match permits Found, NotAllowed, NotFound {
    String label();
  }

  record Found(Route route, Map<String, String> pathParameters) implements Match {
    @Override
    public String label() {
      return route.label();
    }
  }

  /**
   * @param allowed the methods the path takes, in the table's order
   */
  record NotAllowed(List<String> allowed, String label) implements Match {}

  record NotFound() implements Match {
    @Override
    public String label() {
      return UNMATCHED;
    }
  }

  private final List<Route> routes;

  RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  List<Route> routes() {
    return routes;
  }

  /** Whether the request is for a route that needs no token (see {@link Route#open()}). */
  boolean opens(String method, String path) {
    return match(method, path) instanceof Found found && found.route().open();
  }

  Match match(String method, String path) {
    List<String> allowed = new ArrayList<>();
    String label = null;
    for (Route route : routes) {
      Optional<Map<String, String>> parameters = route.pattern().match(path);
      if (parameters.isEmpty()) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Found(route, Map.copyOf(parameters.get()));
      }
      if (route.label().equals(UNMATCHED)) {
        continue;
      }
      if (!allowed.contains(route.method())) {
        allowed.add(route.method());
      }
      if (label == null) {
        label = route.label();
      }
    }
    return allowed.isEmpty() ? new NotFound() : new NotAllowed(List.copyOf(allowed), label);
  }
}
