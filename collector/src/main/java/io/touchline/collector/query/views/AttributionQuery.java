package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.Step;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.Tabular;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Channel performance: which channels come before a conversion. Every goal touchpoint is a
 * conversion; its touches are the customer's touchpoints before it, within the lookback and after
 * their previous conversion, so that no touch is credited twice.
 */
public final class AttributionQuery {

  public record ChannelRow(String channel, long firstTouch, long lastTouch, long anyTouch) {}

  public record AttributionView(
      String goal,
      String lookback,
      long conversions,
      long withoutPriorTouch,
      List<ChannelRow> channels)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      return Map.of("channels", new Table(ChannelRow.class, channels));
    }
  }

  private final Journeys journeys;

  public AttributionQuery(Journeys journeys) {
    this.journeys = journeys;
  }

  public AttributionView attribution(NamedFilter named, Step goal, Duration lookback) {
    ViewFilter filter = named.resolve(journeys);
    JourneySnapshot snapshot = journeys.snapshot();
    TouchpointColumns columns = snapshot.columns();
    Step.Matcher isGoal = goal.matcher(columns);
    int channelCount = columns.channelNames().size();
    long[] first = new long[channelCount];
    long[] last = new long[channelCount];
    long[] any = new long[channelCount];
    long[] totals = {0, 0};
    long window = lookback.toNanos();
    JourneyWalk.profiles(
        snapshot,
        filter,
        (profile, rows, count) -> {
          int previousGoal = -1;
          boolean[] touched = new boolean[channelCount];
          for (int i = 0; i < count; i++) {
            if (!isGoal.matches(snapshot, rows[i])) {
              continue;
            }
            totals[0]++;
            long at = snapshot.nanos(rows[i]);
            int earliest = -1;
            int latest = -1;
            java.util.Arrays.fill(touched, false);
            for (int j = previousGoal + 1; j < i; j++) {
              if (Elapsed.exceeds(snapshot.nanos(rows[j]), at, window)) {
                continue;
              }
              if (earliest < 0) {
                earliest = j;
              }
              latest = j;
              touched[snapshot.channel(rows[j])] = true;
            }
            previousGoal = i;
            if (earliest < 0) {
              totals[1]++;
              continue;
            }
            first[snapshot.channel(rows[earliest])]++;
            last[snapshot.channel(rows[latest])]++;
            for (int c = 0; c < channelCount; c++) {
              any[c] += touched[c] ? 1 : 0;
            }
          }
        });
    List<ChannelRow> channels = new ArrayList<>();
    for (int c = 0; c < channelCount; c++) {
      if (any[c] > 0) {
        channels.add(new ChannelRow(columns.channelName(c), first[c], last[c], any[c]));
      }
    }
    channels.sort(
        Comparator.comparingLong(ChannelRow::anyTouch)
            .reversed()
            .thenComparing(ChannelRow::channel));
    return new AttributionView(
        goal.toString(), Gaps.format(lookback), totals[0], totals[1], channels);
  }
}
