package io.touchline.collector.web;

import io.touchline.collector.config.Scope;
import java.io.IOException;

/**
 * One row of the API's route table: a method and the paths it is asked on, what answers them, the
 * label the request is counted under in {@code /metrics}, and the scope a token needs for it. Every
 * route says which scope it needs, so that a new one cannot leave it out: the few that need no
 * token (the health check, the UI's files) are made with {@code open…}.
 *
 * @param scope what the request's token must allow when the API asks for tokens; null for a route
 *     open to everyone
 */
record Route(String method, PathPattern pattern, Handler handler, String label, Scope scope) {

  /** What answers a route: an answer to send, a response written, or a response taken over. */
  sealed interface Handler permits Answer, Write, Stream {}

  /** Computes the answer, which is sent as JSON or, with {@code format=csv}, as CSV. */
  @FunctionalInterface
  non-sealed interface Answer extends Handler {
    Object answer(ApiRequest request);
  }

  /** Writes the response itself (the metrics' text, a UI file); it is ended after the call. */
  @FunctionalInterface
  non-sealed interface Write extends Handler {
    void write(ApiRequest request, ApiResponse response) throws IOException;
  }

  /**
   * Takes the response over and ends it when done, possibly on another thread and long after the
   * call returns (the live stream). A call that throws has not taken it over.
   */
  @FunctionalInterface
  non-sealed interface Stream extends Handler {
    void open(ApiRequest request, ApiResponse response) throws IOException;
  }

  /** Whether the route needs no token, whatever the API asks of others. */
  boolean open() {
    return scope == null;
  }

  /** A GET answered from a template; counted under the template, so that ids are never labels. */
  static Route get(String template, Scope scope, Answer answer) {
    return new Route("GET", PathPattern.of(template), answer, template, needed(scope));
  }

  static Route get(String template, Scope scope, Write write) {
    return new Route("GET", PathPattern.of(template), write, template, needed(scope));
  }

  static Route delete(String template, Scope scope, Answer answer) {
    return new Route("DELETE", PathPattern.of(template), answer, template, needed(scope));
  }

  static Route stream(String template, Scope scope, Stream stream) {
    return new Route("GET", PathPattern.of(template), stream, template, needed(scope));
  }

  /** A GET anyone may ask, token or not: what a load balancer asks, or what holds no data. */
  static Route openGet(String template, Answer answer) {
    return new Route("GET", PathPattern.of(template), answer, template, null);
  }

  static Route openGet(PathPattern pattern, Write write, String label) {
    return new Route("GET", pattern, write, label, null);
  }

  private static Scope needed(Scope scope) {
    if (scope == null) {
      throw new IllegalArgumentException("a route needs a scope; open routes are made with open…");
    }
    return scope;
  }
}
