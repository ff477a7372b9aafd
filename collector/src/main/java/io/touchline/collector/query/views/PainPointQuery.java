package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.Tabular;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pain points: where touchpoints fail, where customers try the same thing again and again, and
 * where a failure sends them to another channel.
 */
public final class PainPointQuery {

  public record ErrorRow(
      String touchpoint, String channel, long touchpoints, long errors, double errorRate) {}

  public record RepeatRow(
      String touchpoint,
      String channel,
      long journeys,
      long repeatedJourneys,
      long extraAttempts,
      long maxAttempts) {}

  public record SwitchRow(
      String failedTouchpoint,
      String failedChannel,
      String nextChannel,
      String nextTouchpoint,
      long count,
      long customers,
      Double medianSeconds) {}

  public record PainPointView(
      String switchWithin,
      String inactivityGap,
      List<ErrorRow> errors,
      List<RepeatRow> repeats,
      List<SwitchRow> switches)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      Map<String, Table> tables = new LinkedHashMap<>();
      tables.put("errors", new Table(ErrorRow.class, errors));
      tables.put("repeats", new Table(RepeatRow.class, repeats));
      tables.put("switches", new Table(SwitchRow.class, switches));
      return tables;
    }
  }

  private final Journeys journeys;

  public PainPointQuery(Journeys journeys) {
    this.journeys = journeys;
  }

  public PainPointView painPoints(NamedFilter named, Duration switchWithin, int top) {
    ViewFilter filter = named.resolve(journeys);
    JourneySnapshot snapshot = journeys.snapshot();
    TouchpointColumns columns = snapshot.columns();
    int channelCount = columns.channelNames().size();
    int keys = columns.touchpointNames().size() * channelCount;

    // Error rates: every touchpoint that passes (those in no profile too, unless a segment is
    // asked).
    long[] touchpoints = new long[keys];
    long[] errors = new long[keys];
    if (filter.admitsUnprofiled()) {
      for (long row = 1; row <= snapshot.published(); row++) {
        if (filter.passes(columns, (int) row)) {
          int key = columns.touchpoint((int) row) * channelCount + columns.channel((int) row);
          touchpoints[key]++;
          errors[key] += columns.failed((int) row) ? 1 : 0;
        }
      }
    } else {
      JourneyWalk.profiles(
          snapshot,
          filter,
          (profile, rows, count) -> {
            for (int i = 0; i < count; i++) {
              int key = snapshot.touchpoint(rows[i]) * channelCount + snapshot.channel(rows[i]);
              touchpoints[key]++;
              errors[key] += snapshot.failed(rows[i]) ? 1 : 0;
            }
          });
    }
    List<ErrorRow> errorRows = new ArrayList<>();
    for (int key = 0; key < keys; key++) {
      if (errors[key] > 0) {
        errorRows.add(
            new ErrorRow(
                columns.touchpointName(key / channelCount),
                columns.channelName(key % channelCount),
                touchpoints[key],
                errors[key],
                JourneyWalk.ratio(errors[key], touchpoints[key])));
      }
    }
    errorRows.sort(
        Comparator.comparingDouble(ErrorRow::errorRate)
            .reversed()
            .thenComparing(Comparator.comparingLong(ErrorRow::errors).reversed())
            .thenComparing(ErrorRow::touchpoint));

    // Repeats: the same touchpoint (and channel) more than once in one journey.
    long[] inJourneys = new long[keys];
    long[] repeated = new long[keys];
    long[] extra = new long[keys];
    long[] most = new long[keys];
    int[] perJourney = new int[keys];
    int[] touched = new int[Math.max(1, snapshot.largestProfile())];
    JourneyWalk.journeys(
        snapshot,
        filter,
        journeys.inactivityGap().toNanos(),
        (profile, rows, from, to) -> {
          int distinct = 0;
          for (int i = from; i < to; i++) {
            int key = snapshot.touchpoint(rows[i]) * channelCount + snapshot.channel(rows[i]);
            if (perJourney[key]++ == 0) {
              touched[distinct++] = key;
            }
          }
          for (int t = 0; t < distinct; t++) {
            int key = touched[t];
            int times = perJourney[key];
            perJourney[key] = 0;
            inJourneys[key]++;
            if (times > 1) {
              repeated[key]++;
              extra[key] += times - 1;
            }
            most[key] = Math.max(most[key], times);
          }
        });
    List<RepeatRow> repeatRows = new ArrayList<>();
    for (int key = 0; key < keys; key++) {
      if (repeated[key] > 0) {
        repeatRows.add(
            new RepeatRow(
                columns.touchpointName(key / channelCount),
                columns.channelName(key % channelCount),
                inJourneys[key],
                repeated[key],
                extra[key],
                most[key]));
      }
    }
    repeatRows.sort(
        Comparator.comparingLong(RepeatRow::repeatedJourneys)
            .reversed()
            .thenComparing(Comparator.comparingLong(RepeatRow::extraAttempts).reversed())
            .thenComparing(RepeatRow::touchpoint));

    // Switches: after a failure, the customer's next touchpoint in another channel, within the
    // limit.
    long within = switchWithin.toNanos();
    Map<List<Integer>, Switch> switches = new HashMap<>();
    JourneyWalk.profiles(
        snapshot,
        filter,
        (profile, rows, count) -> {
          for (int i = 0; i < count; i++) {
            if (!snapshot.failed(rows[i])) {
              continue;
            }
            int channel = snapshot.channel(rows[i]);
            long failedAt = snapshot.nanos(rows[i]);
            for (int j = i + 1;
                j < count && !Elapsed.exceeds(failedAt, snapshot.nanos(rows[j]), within);
                j++) {
              if (snapshot.channel(rows[j]) != channel) {
                Switch s =
                    switches.computeIfAbsent(
                        List.of(
                            snapshot.touchpoint(rows[i]),
                            channel,
                            snapshot.channel(rows[j]),
                            snapshot.touchpoint(rows[j])),
                        k -> new Switch());
                s.count++;
                s.profiles.add(profile);
                s.times.add(snapshot.nanos(rows[j]) - failedAt);
                break;
              }
            }
          }
        });
    List<SwitchRow> switchRows = new ArrayList<>();
    switches.forEach(
        (key, s) ->
            switchRows.add(
                new SwitchRow(
                    columns.touchpointName(key.get(0)),
                    columns.channelName(key.get(1)),
                    columns.channelName(key.get(2)),
                    columns.touchpointName(key.get(3)),
                    s.count,
                    s.profiles.size(),
                    s.times.medianSeconds())));
    switchRows.sort(
        Comparator.comparingLong(SwitchRow::count)
            .reversed()
            .thenComparing(SwitchRow::failedTouchpoint)
            .thenComparing(SwitchRow::nextChannel)
            .thenComparing(SwitchRow::nextTouchpoint));
    return new PainPointView(
        Gaps.format(switchWithin),
        Gaps.format(journeys.inactivityGap()),
        limit(errorRows, top),
        limit(repeatRows, top),
        limit(switchRows, top));
  }

  private static <T> List<T> limit(List<T> rows, int top) {
    return List.copyOf(rows.subList(0, Math.min(top, rows.size())));
  }

  private static final class Switch {
    long count;
    final LongOpenHashSet profiles = new LongOpenHashSet();
    final Samples times = new Samples();
  }
}
