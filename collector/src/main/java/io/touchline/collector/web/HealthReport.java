package io.touchline.collector.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code GET /api/health} answers once the collector is ready: {@code ok} when every part that
 * keeps up with the store's commits is up to date, {@code degraded} when one of them failed and is
 * being rebuilt, or stays behind until a rebuild succeeds. Degraded is still a 200: the collector
 * goes on taking and storing touchpoints, so a load balancer must keep sending them; the listener's
 * state says what to look at.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, List<Listener> listeners) {

  /**
   * One listener of the store's commits.
   *
   * @param state {@code ok}, {@code loading}, {@code rebuilding} or {@code failed}
   * @param failures commits and rebuilds it failed on since the start
   * @param lastFailure what it threw last; absent when it never failed
   * @param lastFailureAt when, ISO-8601 UTC; absent when it never failed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Listener(
      String name, String state, long failures, String lastFailure, String lastFailureAt) {}

  /**
   * {@code ok} when every listener is up to date or still reading the store back after a start
   * ({@code loading}: expected, and its views say so with a 503), {@code degraded} otherwise.
   */
  public static HealthReport of(List<Listener> listeners) {
    boolean allOk =
        listeners.stream()
            .allMatch(
                listener -> listener.state().equals("ok") || listener.state().equals("loading"));
    return new HealthReport(allOk ? "ok" : "degraded", List.copyOf(listeners));
  }
}
