package io.touchline.bench.journeys;

import com.acme.simulator.population.Person;
import com.acme.simulator.population.Population;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A history of customer journeys: the demo simulator's population ({@code Population.generate(
 * customers, seed)}, the same people {@code simulator population} writes) living the simulator's
 * nine scenarios again and again from {@code from} to {@code to}, as the four demo apps' agents
 * would have exported it. A pure function of its settings: every call of {@link #interactions()} or
 * {@link #requests()} plays the same history anew, so it can be streamed, re-read and compared.
 *
 * <pre>{@code
 * JourneyHistory history =
 *     JourneyHistory.builder().customers(500).seed(1).endingAt(Instant.now(), Duration.ofDays(90)).build();
 * history.requests().forEachRemaining(request -> send(request.toByteArray()));
 * }</pre>
 */
public final class JourneyHistory {

  /** Spans per request: an agent sends at most 512; the generator keeps below. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /** The most customers the simulator's population holds. */
  public static final int MAX_CUSTOMERS = 999_999;

  private final int customers;
  private final long seed;
  private final Instant from;
  private final Instant to;
  private final long maxTouchpoints;
  private final int batchSize;
  private final List<Person> population;

  private JourneyHistory(Builder builder) {
    this.customers = builder.customers;
    this.seed = builder.seed;
    this.from = builder.from;
    this.to = builder.to;
    this.maxTouchpoints = builder.maxTouchpoints;
    this.batchSize = builder.batchSize;
    this.population = Population.generate(customers, seed);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The people whose journeys these are, in the simulator's order. */
  public List<Person> population() {
    return population;
  }

  public long seed() {
    return seed;
  }

  public Instant from() {
    return from;
  }

  /** The end of the history (exclusive), or null when only {@code maxTouchpoints} ends it. */
  public Instant to() {
    return to;
  }

  /** Every interaction of the history, in time order, each with the spans its agent wrote. */
  public Iterator<GeneratedInteraction> interactions() {
    List<Customer> people = new ArrayList<>(population.size());
    Rhythm rhythm = new Rhythm();
    for (int i = 0; i < population.size(); i++) {
      // A random per customer: their history does not change when others are added.
      people.add(
          new Customer(
              population.get(i), i, new SplittableRandom(Ids.mix(seed) ^ Ids.mix(i + 1L)), rhythm));
    }
    SplittableRandom kioskRandom = new SplittableRandom(Ids.mix(seed ^ 0x6B105CL));
    List<Browser> kiosks = new ArrayList<>();
    for (int i = 0; i <= customers / 200; i++) {
      kiosks.add(Browser.fresh(kioskRandom, from.toEpochMilli()));
    }
    JourneyScripts scripts =
        new JourneyScripts(
            new WebShop(),
            new CallCenter(),
            new MobileBackend(),
            new Mailer(seed),
            rhythm,
            kiosks,
            people::get,
            customers);
    return new Timeline(
        people,
        scripts,
        new ScenarioMix(customers),
        rhythm,
        from.toEpochMilli(),
        to == null ? Long.MAX_VALUE : to.toEpochMilli(),
        maxTouchpoints,
        "h-" + seed + "-");
  }

  /** The history as the agents send it: OTLP requests of up to the batch size, per app. */
  public Iterator<ExportTraceServiceRequest> requests() {
    return requests(interaction -> {});
  }

  /**
   * The same, telling {@code eachInteraction} of every interaction as its spans are batched (to
   * write the ground truth beside the requests, say).
   */
  public Iterator<ExportTraceServiceRequest> requests(
      Consumer<GeneratedInteraction> eachInteraction) {
    AgentResources agents = new AgentResources();
    return new RequestBatcher(
        interactions(), batchSize, agents, new SpanEncoder(agents, seed), eachInteraction);
  }

  /** Settings of a history; {@code customers}, {@code from} and an end are required. */
  public static final class Builder {
    private int customers;
    private long seed = 1;
    private Instant from;
    private Instant to;
    private long maxTouchpoints = Long.MAX_VALUE;
    private int batchSize = DEFAULT_BATCH_SIZE;

    private Builder() {}

    /** How many people, from 1 to {@value #MAX_CUSTOMERS}. */
    public Builder customers(int customers) {
      if (customers < 1 || customers > MAX_CUSTOMERS) {
        throw new IllegalArgumentException(
            "customers must be from 1 to " + MAX_CUSTOMERS + ", was " + customers);
      }
      this.customers = customers;
      return this;
    }

    /** Chooses the population and everything that happens to it. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    /** The end, exclusive: journeys under way then are cut there. */
    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    /** The {@code length} of history that ends at {@code end}. */
    public Builder endingAt(Instant end, Duration length) {
      if (length.isNegative() || length.isZero()) {
        throw new IllegalArgumentException("the history's length must be positive, was " + length);
      }
      return from(end.minus(length)).to(end);
    }

    /** Ends the history once this many touchpoints were generated (the last interaction whole). */
    public Builder maxTouchpoints(long maxTouchpoints) {
      if (maxTouchpoints < 1) {
        throw new IllegalArgumentException(
            "maxTouchpoints must be at least 1, was " + maxTouchpoints);
      }
      this.maxTouchpoints = maxTouchpoints;
      return this;
    }

    /** Spans per request, from 1 to 512 (what an agent sends at most). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 512) {
        throw new IllegalArgumentException("batch size must be from 1 to 512, was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    public JourneyHistory build() {
      if (customers == 0) {
        throw new IllegalStateException("set the number of customers");
      }
      if (from == null) {
        throw new IllegalStateException("set where the history starts (from, or endingAt)");
      }
      if (to == null && maxTouchpoints == Long.MAX_VALUE) {
        throw new IllegalStateException("set an end: to, endingAt or maxTouchpoints");
      }
      if (to != null && !to.isAfter(from)) {
        throw new IllegalStateException(
            "the history must end after it starts: " + from + " to " + to);
      }
      return new JourneyHistory(this);
    }
  }
}
