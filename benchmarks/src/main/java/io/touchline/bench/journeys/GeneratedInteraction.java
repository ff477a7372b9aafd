package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import com.acme.simulator.journey.Scenario;
import com.acme.simulator.population.Person;
import java.util.List;

/**
 * One request a real person made to one app, and the touchpoint spans its agent wrote for it (none
 * for a request no touchpoint is configured on): one line of the ground truth.
 *
 * @param id the request id, {@code demo.interaction} on every span; set when the interaction is
 *     emitted, in time order
 * @param actor the real person at the keyboard or on the phone
 * @param request the request line, as the simulator's truth shows it (e.g. {@code POST /login})
 * @param status the HTTP status the app answered
 * @param startNanos when the request was made (epoch nanoseconds)
 */
public record GeneratedInteraction(
    String id,
    Person actor,
    Scenario scenario,
    App app,
    String request,
    int status,
    long startNanos,
    List<GeneratedSpan> spans) {

  GeneratedInteraction withId(String newId) {
    return new GeneratedInteraction(
        newId, actor, scenario, app, request, status, startNanos, spans);
  }

  /** The touchpoint names, in span order: the truth line's {@code touchpoints}. */
  public List<String> touchpoints() {
    return spans.stream().map(GeneratedSpan::name).toList();
  }
}
