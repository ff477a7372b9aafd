package io.touchline.bench.journeys;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays every customer's journeys, one after another, through {@code [from, to)} and hands out
 * their interactions in time order. Each customer always has one thing due: their next visit, or
 * the start of their next journey; a visit is played (its requests made against the apps as they
 * are then) when the clock reaches it, and its interactions wait until nothing due can come before
 * them. Memory holds one entry per customer and the requests of the visits in progress, so a
 * history of any length streams.
 */
final class Timeline implements Iterator<GeneratedInteraction> {

  private static final long HOUR = TimeUnit.HOURS.toMillis(1);

  /** A customer's next visit of {@code journey}, or with no journey, their next journey's start. */
  private record Due(long atMillis, long order, Customer customer, Journey journey, int visit)
      implements Comparable<Due> {
    // Compared by hand rather than with Comparator.comparingLong: the queue holds one entry per
    // customer, and the lambdas' boxing showed as the generator's top cost.
    @Override
    public int compareTo(Due other) {
      int byTime = Long.compare(atMillis, other.atMillis);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  /** A played interaction waiting for its turn; {@code order} keeps ties in play order. */
  private record Ready(GeneratedInteraction interaction, long order) implements Comparable<Ready> {
    @Override
    public int compareTo(Ready other) {
      int byTime = Long.compare(interaction.startNanos(), other.interaction.startNanos());
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  private final PriorityQueue<Due> due = new PriorityQueue<>();
  private final PriorityQueue<Ready> ready = new PriorityQueue<>();
  private final JourneyScripts scripts;
  private final ScenarioMix mix;
  private final Rhythm rhythm;
  private final long toMillis;
  private final long maxTouchpoints;
  private final String idPrefix;
  private long order;
  private long emitted;
  private long touchpoints;

  /**
   * @param idPrefix each interaction's id is this followed by its number, counted in time order
   * @param maxTouchpoints stop after the interaction that reaches this many touchpoints
   */
  Timeline(
      List<Customer> customers,
      JourneyScripts scripts,
      ScenarioMix mix,
      Rhythm rhythm,
      long fromMillis,
      long toMillis,
      long maxTouchpoints,
      String idPrefix) {
    this.scripts = scripts;
    this.mix = mix;
    this.rhythm = rhythm;
    this.toMillis = toMillis;
    this.maxTouchpoints = maxTouchpoints;
    this.idPrefix = idPrefix;
    for (Customer c : customers) {
      // As if the history had always been running: each customer's next journey is a gap away.
      long first = fromMillis + rhythm.journeyGapMillis(c.random, c.meanDaysBetweenJourneys);
      due.add(
          new Due(
              Math.max(fromMillis, rhythm.browsingTime(c.random, Calendar.day(first))),
              order++,
              c,
              null,
              0));
    }
  }

  @Override
  public boolean hasNext() {
    if (touchpoints >= maxTouchpoints) {
      return false;
    }
    while (!due.isEmpty()
        && due.peek().atMillis() < toMillis
        && (ready.isEmpty()
            || ready.peek().interaction().startNanos()
                >= TimeUnit.MILLISECONDS.toNanos(due.peek().atMillis()))) {
      play(due.poll());
    }
    if (!ready.isEmpty()
        && ready.peek().interaction().startNanos() >= TimeUnit.MILLISECONDS.toNanos(toMillis)) {
      ready.clear(); // nothing due before `to` is left: all that waits is after the end
    }
    return !ready.isEmpty();
  }

  @Override
  public GeneratedInteraction next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    GeneratedInteraction interaction = ready.poll().interaction().withId(idPrefix + ++emitted);
    touchpoints += interaction.spans().size();
    return interaction;
  }

  private void play(Due d) {
    Customer c = d.customer();
    if (d.journey() == null) {
      Journey journey = scripts.plan(c, mix.next(c), d.atMillis());
      due.add(
          new Due(
              Math.max(d.atMillis(), journey.visits().get(0).startMillis()),
              order++,
              c,
              journey,
              0));
      return;
    }
    Journey.Visit visit = d.journey().visits().get(d.visit());
    Sitting sitting =
        new Sitting(visit.actor(), d.journey().scenario(), c.random, rhythm, d.atMillis());
    visit.play().accept(sitting);
    for (GeneratedInteraction interaction : sitting.interactions()) {
      ready.add(new Ready(interaction, order++));
    }
    int next = d.visit() + 1;
    if (next < d.journey().visits().size()) {
      long at = Math.max(d.atMillis(), d.journey().visits().get(next).startMillis());
      due.add(new Due(at, order++, c, d.journey(), next));
    } else {
      long ended = TimeUnit.NANOSECONDS.toMillis(sitting.nowNanos());
      long gap = rhythm.journeyGapMillis(c.random, c.meanDaysBetweenJourneys);
      long start = rhythm.browsingTime(c.random, Calendar.day(ended + gap));
      due.add(new Due(Math.max(ended + HOUR, start), order++, c, null, 0));
    }
  }
}
