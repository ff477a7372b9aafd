package io.touchline.collector.query.views;

import io.touchline.collector.journey.AttributeColumns;
import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.Step;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.BadQueryException;
import io.touchline.collector.query.Tabular;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Funnels: how many customers get through ordered steps within a conversion window, where they drop
 * off and how long each step takes them; optionally broken down by first channel or by a segment
 * attribute. Each customer counts once, by their best attempt.
 */
public final class FunnelQuery {

  /** Upper bounds of the time-to-convert histogram, in seconds; a last bucket holds the rest. */
  static final long[] TIME_BOUNDS = {60, 600, 3_600, 86_400, 604_800};

  public static final String NO_VALUE = "(none)";

  public enum Order {
    SEQUENTIAL,
    STRICT,
    ANY
  }

  /**
   * By the channel of a customer's first touchpoint ({@code attribute} null), or by their value of
   * the attribute named.
   */
  public record Breakdown(String by, String attribute) {
    public static final String FIRST_CHANNEL = "firstChannel";
  }

  public record Request(
      NamedFilter filter,
      List<Step> steps,
      Duration window,
      Order order,
      List<Step> exclusions,
      Breakdown breakdown) {}

  public record TimeBucket(Long upToSeconds, long customers) {}

  public record StepRow(
      String step,
      String channel,
      long customers,
      double conversionFromStart,
      double conversionFromPrevious,
      long droppedOff,
      Double medianSecondsToConvert,
      List<TimeBucket> timeToConvert,
      String outcome) {}

  public record Group(String value, long customers, List<StepRow> steps) {}

  public record BreakdownView(String by, List<Group> groups) {}

  /** A breakdown group's step as one CSV row. */
  public record BreakdownRow(
      String group,
      int stepIndex,
      String step,
      String channel,
      long customers,
      double conversionFromStart,
      double conversionFromPrevious,
      long droppedOff,
      Double medianSecondsToConvert) {}

  public record FunnelView(
      String order, String window, long customers, List<StepRow> steps, BreakdownView breakdown)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      Map<String, Table> tables = new LinkedHashMap<>();
      tables.put("steps", new Table(StepRow.class, steps));
      List<BreakdownRow> rows = new ArrayList<>();
      if (breakdown != null) {
        for (Group group : breakdown.groups()) {
          for (int i = 0; i < group.steps().size(); i++) {
            StepRow s = group.steps().get(i);
            rows.add(
                new BreakdownRow(
                    group.value(),
                    i + 1,
                    s.step(),
                    s.channel(),
                    s.customers(),
                    s.conversionFromStart(),
                    s.conversionFromPrevious(),
                    s.droppedOff(),
                    s.medianSecondsToConvert()));
          }
        }
      }
      tables.put("breakdown", new Table(BreakdownRow.class, rows));
      return tables;
    }
  }

  /** One customer's best attempt: how many steps they reached, and when each. */
  public record Attempt(int profile, int reached, long[] times, String group) {}

  private final Journeys journeys;

  public FunnelQuery(Journeys journeys) {
    this.journeys = journeys;
  }

  /**
   * @throws BadQueryException when the breakdown's or the segment's attribute cannot be used
   */
  public FunnelView funnel(Request request) {
    Resolved resolved = resolve(request);
    int n = request.steps().size();
    Figures all = new Figures(n);
    Map<String, Figures> groups = new TreeMap<>();
    attempts(
        journeys.snapshot(),
        request,
        resolved,
        attempt -> {
          all.add(attempt);
          if (request.breakdown() != null) {
            groups.computeIfAbsent(attempt.group(), g -> new Figures(n)).add(attempt);
          }
        });
    BreakdownView breakdown = null;
    if (request.breakdown() != null) {
      List<Group> list = new ArrayList<>();
      groups.forEach(
          (value, figures) ->
              list.add(new Group(value, figures.customers[0], figures.rows(request.steps()))));
      list.sort(Comparator.comparingLong(Group::customers).reversed().thenComparing(Group::value));
      breakdown = new BreakdownView(request.breakdown().by(), list);
    }
    return new FunnelView(
        request.order().name().toLowerCase(),
        Gaps.format(request.window()),
        all.customers[0],
        all.rows(request.steps()),
        breakdown);
  }

  /**
   * The request's names as the walk reads them: its filter, and the column of the attribute it is
   * broken down by.
   */
  private record Resolved(ViewFilter filter, AttributeColumns.Column breakdown) {}

  /**
   * Resolves the breakdown's attribute before the filter, so that a refusal names the breakdown
   * first.
   */
  private Resolved resolve(Request request) {
    Breakdown breakdown = request.breakdown();
    AttributeColumns.Column column =
        breakdown == null || breakdown.attribute() == null
            ? null
            : AttributeNames.column(journeys, breakdown.attribute(), "breakdown");
    return new Resolved(request.filter().resolve(journeys), column);
  }

  /** Every customer who did the first step (any step, in any order), by their best attempt. */
  private void attempts(
      JourneySnapshot snapshot,
      Request request,
      Resolved resolved,
      java.util.function.Consumer<Attempt> sink) {
    TouchpointColumns columns = snapshot.columns();
    Step.Matcher[] steps =
        request.steps().stream().map(s -> s.matcher(columns)).toArray(Step.Matcher[]::new);
    Step.Matcher[] exclusions =
        request.exclusions().stream().map(s -> s.matcher(columns)).toArray(Step.Matcher[]::new);
    AttemptFinder finder =
        new AttemptFinder(snapshot, steps, exclusions, request.window().toNanos(), request.order());
    JourneyWalk.profiles(
        snapshot,
        resolved.filter(),
        (profile, rows, count) -> {
          long[] times = finder.best(rows, count);
          if (times != null) {
            int reached = finder.reached();
            String group = null;
            if (request.breakdown() != null) {
              group =
                  resolved.breakdown() == null
                      ? columns.channelName(snapshot.channel(rows[0]))
                      : valueName(
                          resolved.breakdown(),
                          snapshot.latestValue(profile, resolved.breakdown()));
            }
            sink.accept(
                new Attempt(profile, reached, java.util.Arrays.copyOf(times, reached), group));
          }
        });
  }

  public record CustomerRow(
      String profileId, int reachedStep, String startedAt, String lastStepAt) {}

  public record CustomersView(long total, List<CustomerRow> customers, String nextCursor)
      implements Tabular, io.touchline.collector.query.Paged {
    @Override
    public Map<String, Table> tables() {
      return Map.of("customers", new Table(CustomerRow.class, customers));
    }
  }

  /** Names a profile of the snapshot by its id, reading it from one of its touchpoints. */
  public interface ProfileIds {
    String idOf(long sequence);
  }

  /**
   * The customers behind one bar: those who reached step {@code stepIndex} (1-based), or with
   * {@code converted} false those who reached the step before and not it; newest attempt first.
   *
   * @param group null for all, or one breakdown group's value
   * @throws BadQueryException when the breakdown's or the segment's attribute cannot be used
   */
  public CustomersView customers(
      Request request,
      int stepIndex,
      boolean converted,
      String group,
      int offset,
      int limit,
      ProfileIds ids) {
    Resolved resolved = resolve(request);
    List<Attempt> matching = new ArrayList<>();
    // One snapshot for the list and the ids: a profile's number means nothing in another one.
    JourneySnapshot snapshot = journeys.snapshot();
    attempts(
        snapshot,
        request,
        resolved,
        attempt -> {
          boolean inBar =
              converted ? attempt.reached() >= stepIndex : attempt.reached() == stepIndex - 1;
          if (inBar && (group == null || group.equals(attempt.group()))) {
            matching.add(attempt);
          }
        });
    matching.sort(
        Comparator.comparingLong((Attempt a) -> a.times()[0])
            .reversed()
            .thenComparingInt(Attempt::profile));
    List<CustomerRow> page = new ArrayList<>();
    for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
      Attempt attempt = matching.get(i);
      page.add(
          new CustomerRow(
              ids.idOf(snapshot.firstSequence(attempt.profile())),
              attempt.reached(),
              io.touchline.collector.query.ProfileQuery.time(attempt.times()[0]),
              io.touchline.collector.query.ProfileQuery.time(
                  attempt.times()[attempt.reached() - 1])));
    }
    String next = offset + limit < matching.size() ? OffsetCursor.of(offset + limit) : null;
    return new CustomersView(matching.size(), page, next);
  }

  private static String valueName(AttributeColumns.Column column, int code) {
    return code == 0 ? NO_VALUE : column.value(code);
  }

  /** The counts behind one funnel: customers per step and their times to convert. */
  private static final class Figures {
    final long[] customers;
    final Samples[] times;
    final long[][] histogram;

    Figures(int steps) {
      customers = new long[steps];
      times = new Samples[steps];
      histogram = new long[steps][TIME_BOUNDS.length + 1];
      for (int i = 0; i < steps; i++) {
        times[i] = new Samples();
      }
    }

    void add(Attempt attempt) {
      for (int i = 0; i < attempt.reached(); i++) {
        customers[i]++;
        if (i > 0) {
          long nanos = attempt.times()[i] - attempt.times()[i - 1];
          times[i].add(nanos);
          int bucket = 0;
          while (bucket < TIME_BOUNDS.length && nanos > TIME_BOUNDS[bucket] * 1_000_000_000L) {
            bucket++;
          }
          histogram[i][bucket]++;
        }
      }
    }

    List<StepRow> rows(List<Step> steps) {
      List<StepRow> rows = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        List<TimeBucket> buckets = new ArrayList<>();
        if (i > 0) {
          for (int b = 0; b <= TIME_BOUNDS.length; b++) {
            buckets.add(
                new TimeBucket(b < TIME_BOUNDS.length ? TIME_BOUNDS[b] : null, histogram[i][b]));
          }
        }
        rows.add(
            new StepRow(
                steps.get(i).touchpoint(),
                steps.get(i).channel(),
                customers[i],
                JourneyWalk.ratio(customers[i], customers[0]),
                i == 0
                    ? (customers[0] > 0 ? 1.0 : 0.0)
                    : JourneyWalk.ratio(customers[i], customers[i - 1]),
                i == 0 ? 0 : customers[i - 1] - customers[i],
                i == 0 ? null : times[i].medianSeconds(),
                buckets,
                steps.get(i).outcome()));
      }
      return rows;
    }
  }
}
