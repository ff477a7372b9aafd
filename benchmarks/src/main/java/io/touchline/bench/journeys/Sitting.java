package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import com.acme.simulator.journey.Scenario;
import com.acme.simulator.population.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * One person at one device or on one call for a few minutes: their requests one after another, each
 * after a pause to read, type or wait. The apps' stand-ins record each request here with the spans
 * their agent wrote for it.
 */
final class Sitting {

  private final Scenario scenario;
  private final SplittableRandom random;
  private final Rhythm rhythm;
  private final List<GeneratedInteraction> interactions = new ArrayList<>();
  private Person actor;
  private long nowNanos;
  private ToLongFunction<SplittableRandom> pause;

  Sitting(
      Person actor, Scenario scenario, SplittableRandom random, Rhythm rhythm, long startMillis) {
    this.actor = actor;
    this.scenario = scenario;
    this.random = random;
    this.rhythm = rhythm;
    this.nowNanos = TimeUnit.MILLISECONDS.toNanos(startMillis) + random.nextLong(1_000_000);
    this.pause = rhythm::thinkTimeNanos;
  }

  /** How long the person pauses between requests from now on (a think time unless told). */
  void pace(ToLongFunction<SplittableRandom> pause) {
    this.pause = pause;
  }

  Person actor() {
    return actor;
  }

  SplittableRandom random() {
    return random;
  }

  /** When the next request is made (epoch nanoseconds). */
  long nowNanos() {
    return nowNanos;
  }

  /** Someone else takes the keyboard (a kiosk's next customer). */
  void handOver(Person next) {
    actor = next;
  }

  /** Waits longer than a think time before the next request (a call queue, a mail link). */
  void waitNanos(long nanos) {
    nowNanos += nanos;
  }

  /**
   * A span of a method the request ran into, starting a moment after the request arrived, as the
   * agent exports it.
   */
  GeneratedSpan span(
      String name,
      String function,
      AgentKeys keys,
      Map<String, Object> attributes,
      GeneratedSpan.Failure failure) {
    long start = nowNanos + 200_000 + random.nextLong(800_000);
    return new GeneratedSpan(
        name,
        function,
        start,
        start + rhythm.methodNanos(random),
        keys.values(),
        attributes,
        failure,
        false);
  }

  /** Records a request made now with its spans; the next one comes after a think time. */
  void request(App app, String request, int status, List<GeneratedSpan> spans) {
    interactions.add(
        new GeneratedInteraction(null, actor, scenario, app, request, status, nowNanos, spans));
    long answered = nowNanos;
    for (GeneratedSpan span : spans) {
      answered = Math.max(answered, span.endNanos());
    }
    nowNanos = answered + pause.applyAsLong(random);
  }

  List<GeneratedInteraction> interactions() {
    return interactions;
  }
}
