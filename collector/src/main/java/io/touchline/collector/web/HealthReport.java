package io.touchline.collector.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code GET /api/health} answers once the collector is ready: {@code ok} when the store
 * writes and every part that keeps up with its commits is up to date, {@code degraded} when the
 * store fails to write (ingest is refused with 503 until it writes again) or a listener failed and
 * is being rebuilt, or stays behind until a rebuild succeeds. Degraded is still a 200: the API goes
 * on answering from what was committed; {@code storage} and each listener's state say what to look
 * at.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, Storage storage, List<Listener> listeners) {

  /**
   * Whether the store writes.
   *
   * @param state {@code ok}, or {@code failing} from a failed commit until one succeeds
   * @param failures commits that failed since the start
   * @param reopens times the database was closed and opened again since the start, after DuckDB
   *     gave it up (a checkpoint that could not write the file does that)
   * @param lastFailure what the last failed commit threw; absent when none failed
   * @param lastFailureAt when, ISO-8601 UTC; absent when none failed
   * @param failingSince when the failures that go on began; absent while the store writes
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Storage(
      String state,
      long failures,
      long reopens,
      String lastFailure,
      String lastFailureAt,
      String failingSince) {}

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
   * The same report without what the failures said: for a caller without the {@code read} scope on
   * a collector that asks for tokens, since a failure's text may name files and tables, and the
   * health check is open to all. States, counts and times stay.
   */
  public HealthReport withoutFailureTexts() {
    return new HealthReport(
        status,
        new Storage(
            storage.state(),
            storage.failures(),
            storage.reopens(),
            null,
            storage.lastFailureAt(),
            storage.failingSince()),
        listeners.stream()
            .map(
                listener ->
                    new Listener(
                        listener.name(),
                        listener.state(),
                        listener.failures(),
                        null,
                        listener.lastFailureAt()))
            .toList());
  }

  /**
   * {@code ok} when the store writes and every listener is up to date or still reading the store
   * back after a start ({@code loading}: expected, and its views say so with a 503), {@code
   * degraded} otherwise.
   */
  public static HealthReport of(Storage storage, List<Listener> listeners) {
    boolean allOk =
        storage.state().equals("ok")
            && listeners.stream()
                .allMatch(
                    listener ->
                        listener.state().equals("ok") || listener.state().equals("loading"));
    return new HealthReport(allOk ? "ok" : "degraded", storage, List.copyOf(listeners));
  }
}
