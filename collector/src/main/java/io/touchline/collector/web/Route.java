package io.touchline.collector.web;

import java.io.IOException;

/**
 * One row of the API's route table: a method and the paths it is asked on, what answers them, and
 * the label the request is counted under in {@code /metrics}.
 */
record Route(String method, PathPattern pattern, Handler handler, String label) {

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

  /** A GET answered from a template; counted under the template, so that ids are never labels. */
  static Route get(String template, Answer answer) {
    return new Route("GET", PathPattern.of(template), answer, template);
  }

  static Route get(String template, Write write) {
    return new Route("GET", PathPattern.of(template), write, template);
  }

  static Route get(PathPattern pattern, Write write, String label) {
    return new Route("GET", pattern, write, label);
  }

  static Route delete(String template, Answer answer) {
    return new Route("DELETE", PathPattern.of(template), answer, template);
  }

  static Route stream(String template, Stream stream) {
    return new Route("GET", PathPattern.of(template), stream, template);
  }
}
