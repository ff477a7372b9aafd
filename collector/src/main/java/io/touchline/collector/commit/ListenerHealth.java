package io.touchline.collector.commit;

import java.time.Instant;

/**
 * How one commit listener is doing, for {@code /api/health} and {@code /metrics}.
 *
 * @param failures how many commits or rebuilds it failed on since the start
 * @param lastFailure what it threw last, or null
 * @param lastFailureAt when, or null
 */
public record ListenerHealth(
    String name, State state, long failures, String lastFailure, Instant lastFailureAt) {

  /**
   * OK: up to date. LOADING: reading the store back in the background (after a start or a rebuild;
   * what it serves answers 503 meanwhile), not a failure. REBUILDING: being built anew after a
   * failure. FAILED: behind until a rebuild succeeds.
   */
  public enum State {
    OK,
    LOADING,
    REBUILDING,
    FAILED
  }
}
