package io.touchline.bench.journeys;

import com.acme.simulator.journey.Scenario;
import com.acme.simulator.population.Person;
import java.util.List;
import java.util.function.Consumer;

/**
 * One scenario lived by a customer: its visits (sittings), each planned for a time, played when the
 * timeline reaches it, in order.
 */
record Journey(Scenario scenario, List<Visit> visits) {

  /**
   * A sitting planned for {@code startMillis}: who sits down, and what they do.
   *
   * @param play runs when the timeline reaches the visit, against the apps as they are then
   */
  record Visit(long startMillis, Person actor, Consumer<Sitting> play) {}
}
