package io.touchline.collector.query.views;

import io.touchline.collector.journey.AttributeColumns;
import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.BadQueryException;
import io.touchline.collector.query.Tabular;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What there is to filter and break down by: channels, services, touchpoints, attributes and their
 * values.
 */
public final class CatalogQuery {

  public record TouchpointRow(String touchpoint, String channel, long touchpoints) {}

  public record CatalogView(
      List<String> channels,
      List<String> services,
      List<TouchpointRow> touchpoints,
      List<String> attributes)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      return Map.of("touchpoints", new Table(TouchpointRow.class, touchpoints));
    }
  }

  public record ValueRow(String value, long profiles) {}

  public record SegmentsView(String attribute, List<ValueRow> values, long profilesWithout)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      return Map.of("values", new Table(ValueRow.class, values));
    }
  }

  private final Journeys journeys;
  private final Supplier<List<String>> recentAttributeNames;

  public CatalogQuery(Journeys journeys, Supplier<List<String>> recentAttributeNames) {
    this.journeys = journeys;
    this.recentAttributeNames = recentAttributeNames;
  }

  public CatalogView catalog() {
    JourneySnapshot snapshot = journeys.snapshot();
    TouchpointColumns columns = snapshot.columns();
    int channelCount = columns.channelNames().size();
    long[] counts = new long[columns.touchpointNames().size() * channelCount];
    boolean[] channelSeen = new boolean[channelCount];
    boolean[] serviceSeen = new boolean[columns.serviceNames().size()];
    for (long row = 1; row <= snapshot.published(); row++) {
      if (columns.present(row)) {
        counts[columns.touchpoint(row) * channelCount + columns.channel(row)]++;
        channelSeen[columns.channel(row)] = true;
        serviceSeen[columns.service(row)] = true;
      }
    }
    List<TouchpointRow> touchpoints = new ArrayList<>();
    for (int key = 0; key < counts.length; key++) {
      if (counts[key] > 0) {
        touchpoints.add(
            new TouchpointRow(
                columns.touchpointName(key / channelCount),
                columns.channelName(key % channelCount),
                counts[key]));
      }
    }
    touchpoints.sort(
        Comparator.comparing(TouchpointRow::touchpoint).thenComparing(TouchpointRow::channel));
    // The agents' own bookkeeping (touchline.config.version…) is no segment.
    List<String> attributes =
        recentAttributeNames.get().stream().filter(name -> !name.startsWith("touchline.")).toList();
    return new CatalogView(
        seen(columns.channelNames(), channelSeen),
        seen(columns.serviceNames(), serviceSeen),
        touchpoints,
        attributes);
  }

  /**
   * Profiles by their latest value of an attribute (within the filter's touchpoints' profiles).
   *
   * @throws BadQueryException when the attribute cannot be used for segments
   */
  public SegmentsView segments(String attribute, NamedFilter named) {
    AttributeColumns.Column column = AttributeNames.column(journeys, attribute, "attribute");
    ViewFilter filter = named.resolve(journeys);
    JourneySnapshot snapshot = journeys.snapshot();
    Map<String, long[]> byValue = new TreeMap<>();
    long[] without = {0};
    JourneyWalk.profiles(
        snapshot,
        filter,
        (profile, rows, count) -> {
          int code = snapshot.latestValue(profile, column);
          if (code == 0) {
            without[0]++;
          } else {
            byValue.computeIfAbsent(column.value(code), v -> new long[1])[0]++;
          }
        });
    List<ValueRow> values = new ArrayList<>();
    byValue.forEach((value, count) -> values.add(new ValueRow(value, count[0])));
    values.sort(
        Comparator.comparingLong(ValueRow::profiles).reversed().thenComparing(ValueRow::value));
    return new SegmentsView(attribute, values, without[0]);
  }

  private static List<String> seen(List<String> names, boolean[] seen) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < seen.length; i++) {
      if (seen[i]) {
        kept.add(names.get(i));
      }
    }
    kept.sort(null);
    return kept;
  }
}
