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
   * OK: up to date. REBUILDING: being read anew from the store. FAILED: behind until a rebuild
   * succeeds.
   */
  public enum State {
    OK,
    REBUILDING,
    FAILED
  }
}
