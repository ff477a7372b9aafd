package com.acme.simulator.journey;

import com.acme.simulator.population.Person;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One HTTP request of a journey: one interaction in the ground truth.
 *
 * @param actor the real person making the request
 * @param target a path on {@code app}, or an absolute URL (a link from an earlier answer)
 * @param body a JSON or form body, or null for none
 * @param form whether the body is a form ({@code application/x-www-form-urlencoded}) rather than
 *     JSON
 * @param expectedStatus the status the scenario expects; any other is an error
 * @param touchpoints the touchpoints the request should produce (docs/demo.md)
 * @param remember what to keep from the answer for later steps
 */
public record Action(
    Person actor,
    App app,
    String method,
    Function<Memory, String> target,
    Function<Memory, String> body,
    boolean form,
    int expectedStatus,
    List<String> touchpoints,
    BiConsumer<Memory, Answer> remember) {

  /** What the app answered. */
  public record Answer(int status, String body, String location) {}

  /** The request line as the truth file shows it, without ids that differ per run. */
  public String requestLine(Memory memory) {
    String path = target.apply(memory);
    return method
        + " "
        + (path.startsWith("http") ? path.replaceFirst("^https?://[^/]+", "") : path);
  }
}
