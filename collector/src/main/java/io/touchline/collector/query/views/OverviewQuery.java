package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.query.Tabular;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview: volumes per channel over time, profiles, the share stitched to a known customer,
 * what is in no profile, the most frequent touchpoints and error rates.
 */
public final class OverviewQuery {

  public static final int TOP_TOUCHPOINTS = 20;
  private static final int MAX_POINTS = 200;

  /** The most points a series may have when the bucket is chosen by the caller. */
  public static final int MAX_BUCKETS = 5_000;

  public enum Bucket {
    SECOND(1_000_000_000L),
    MINUTE(60_000_000_000L),
    HOUR(3_600_000_000_000L),
    DAY(86_400_000_000_000L);

    final long nanos;

    Bucket(long nanos) {
      this.nanos = nanos;
    }

    /** The finest bucket that draws the range in at most {@value #MAX_POINTS} points. */
    static Bucket forRange(long nanos) {
      for (Bucket bucket : values()) {
        if (nanos / bucket.nanos < MAX_POINTS) {
          return bucket;
        }
      }
      return DAY;
    }
  }

  public record ChannelRow(
      String channel, long touchpoints, long profiles, long errors, double errorRate) {}

  public record SeriesRow(String time, String channel, long touchpoints) {}

  public record TouchpointRow(
      String touchpoint, String channel, long touchpoints, long errors, double errorRate) {}

  public record OverviewView(
      long touchpoints,
      long profiles,
      double identifiedShare,
      long unattributed,
      long ambiguous,
      String from,
      String to,
      String bucket,
      List<ChannelRow> channels,
      List<SeriesRow> series,
      List<TouchpointRow> topTouchpoints)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      Map<String, Table> tables = new LinkedHashMap<>();
      tables.put("channels", new Table(ChannelRow.class, channels));
      tables.put("series", new Table(SeriesRow.class, series));
      tables.put("topTouchpoints", new Table(TouchpointRow.class, topTouchpoints));
      return tables;
    }
  }

  private final Journeys journeys;
  private final InstantSource clock;

  public OverviewQuery(Journeys journeys) {
    this(journeys, InstantSource.system());
  }

  OverviewQuery(Journeys journeys, InstantSource clock) {
    this.journeys = journeys;
    this.clock = clock;
  }

  /** A day from now in epoch nanoseconds: the end of the window ingest accepts times in. */
  private long horizon() {
    Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
    return Math.multiplyExact(tomorrow.getEpochSecond(), 1_000_000_000L) + tomorrow.getNano();
  }

  /**
   * @param bucket null to choose one for the range
   */
  public OverviewView overview(NamedFilter named, Bucket bucket, ZoneId zone) {
    ViewFilter filter = named.resolve(journeys);
    JourneySnapshot snapshot = journeys.snapshot();
    TouchpointColumns columns = snapshot.columns();
    Counts counts = new Counts(columns, horizon());
    // The touchpoints: every one that passes, or with a segment only those of its profiles.
    if (filter.admitsUnprofiled()) {
      for (long row = 1; row <= snapshot.published(); row++) {
        if (filter.passes(columns, (int) row)) {
          counts.add((int) row);
        }
      }
    }
    long[] profiled = {0, 0, 0}; // touchpoints in a profile, of them identified, profiles
    long[] channelProfiles = new long[columns.channelNames().size()];
    JourneyWalk.profiles(
        snapshot,
        filter,
        (profile, rows, count) -> {
          profiled[0] += count;
          profiled[1] += snapshot.identified(profile) ? count : 0;
          profiled[2]++;
          boolean[] seen = new boolean[channelProfiles.length];
          for (int i = 0; i < count; i++) {
            if (!filter.admitsUnprofiled()) {
              counts.add(snapshot.sequence(rows[i]));
            }
            int channel = snapshot.channel(rows[i]);
            if (!seen[channel]) {
              seen[channel] = true;
              channelProfiles[channel]++;
            }
          }
        });
    long first = filter.fromNanos() != Long.MIN_VALUE ? filter.fromNanos() : counts.first;
    // The series' end is inclusive, so that a touchpoint at the latest nanosecond a long holds
    // has a bucket too: the range asked for, or up to the last touchpoint.
    long last = filter.lastNanos() != Long.MAX_VALUE ? filter.lastNanos() : counts.seriesEnd();
    Bucket chosen =
        bucket != null
            ? bucket
            : Bucket.forRange(counts.total == 0 ? 0 : SeriesBuckets.length(first, last));
    List<SeriesRow> series =
        counts.total == 0
            ? List.of()
            : series(snapshot, filter, counts, first, last, chosen, zone, bucket == null);

    List<ChannelRow> channels = new ArrayList<>();
    for (int c = 0; c < counts.byChannel.length; c++) {
      if (counts.byChannel[c] > 0) {
        channels.add(
            new ChannelRow(
                columns.channelName(c),
                counts.byChannel[c],
                channelProfiles[c],
                counts.errorsByChannel[c],
                JourneyWalk.ratio(counts.errorsByChannel[c], counts.byChannel[c])));
      }
    }
    channels.sort(
        Comparator.comparingLong(ChannelRow::touchpoints)
            .reversed()
            .thenComparing(ChannelRow::channel));
    List<TouchpointRow> top = new ArrayList<>();
    int channelCount = counts.byChannel.length;
    for (int key = 0; key < counts.byTouchpoint.length; key++) {
      if (counts.byTouchpoint[key] > 0) {
        top.add(
            new TouchpointRow(
                columns.touchpointName(key / channelCount),
                columns.channelName(key % channelCount),
                counts.byTouchpoint[key],
                counts.errorsByTouchpoint[key],
                JourneyWalk.ratio(counts.errorsByTouchpoint[key], counts.byTouchpoint[key])));
      }
    }
    top.sort(
        Comparator.comparingLong(TouchpointRow::touchpoints)
            .reversed()
            .thenComparing(TouchpointRow::touchpoint)
            .thenComparing(TouchpointRow::channel));
    long inNoProfile = counts.total - profiled[0];
    long unattributed = filter.admitsUnprofiled() ? counts.total - counts.keyed : 0;
    return new OverviewView(
        counts.total,
        profiled[2],
        JourneyWalk.ratio(profiled[1], counts.total),
        unattributed,
        inNoProfile - unattributed,
        counts.total == 0 ? null : ProfileQuery.time(first),
        counts.total == 0
            ? null
            : ProfileQuery.time(named.toNanos() != Long.MAX_VALUE ? named.toNanos() : counts.last),
        chosen.name().toLowerCase(),
        channels,
        series,
        List.copyOf(top.subList(0, Math.min(TOP_TOUCHPOINTS, top.size()))));
  }

  /**
   * Touchpoints per channel and bucket, every bucket of the range (zeros included) for each channel
   * seen; the buckets as {@link SeriesBuckets#starts} gives them.
   *
   * @param last inclusive
   */
  private List<SeriesRow> series(
      JourneySnapshot snapshot,
      ViewFilter filter,
      Counts counts,
      long first,
      long last,
      Bucket bucket,
      ZoneId zone,
      boolean chosenHere) {
    TouchpointColumns columns = snapshot.columns();
    long[] starts = SeriesBuckets.starts(first, last, bucket, zone, chosenHere);
    int buckets = starts.length;
    int channelCount = columns.channelNames().size();
    long[][] perChannel = new long[channelCount][buckets];
    long from = starts[0];
    counts.forEachCounted(
        filter,
        snapshot,
        row -> {
          long nanos = columns.nanos(row);
          if (nanos >= from && nanos <= last) {
            int found = java.util.Arrays.binarySearch(starts, nanos);
            perChannel[columns.channel(row)][found >= 0 ? found : -found - 2]++;
          }
        });
    List<SeriesRow> series = new ArrayList<>();
    for (int c = 0; c < channelCount; c++) {
      if (c >= counts.byChannel.length || counts.byChannel[c] == 0) {
        continue;
      }
      for (int b = 0; b < buckets; b++) {
        series.add(
            new SeriesRow(ProfileQuery.time(starts[b]), columns.channelName(c), perChannel[c][b]));
      }
    }
    return series;
  }

  /** Counts of the touchpoints that pass. */
  private static final class Counts {
    final TouchpointColumns columns;
    final long[] byChannel;
    final long[] errorsByChannel;

    /** By touchpoint and channel: {@code touchpoint * channels + channel}. */
    final long[] byTouchpoint;

    final long[] errorsByTouchpoint;
    long total;
    long keyed;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    /** Where the automatic series ends at the latest: a day from now. */
    final long horizon;

    /** The latest touchpoint no later than {@link #horizon}; MIN_VALUE when none is. */
    long lastInView = Long.MIN_VALUE;

    Counts(TouchpointColumns columns, long horizon) {
      this.columns = columns;
      this.horizon = horizon;
      this.byChannel = new long[columns.channelNames().size()];
      this.errorsByChannel = new long[byChannel.length];
      this.byTouchpoint = new long[columns.touchpointNames().size() * byChannel.length];
      this.errorsByTouchpoint = new long[byTouchpoint.length];
    }

    void add(int row) {
      int channel = columns.channel(row);
      boolean failed = columns.failed(row);
      total++;
      keyed += columns.keyed(row) ? 1 : 0;
      byChannel[channel]++;
      errorsByChannel[channel] += failed ? 1 : 0;
      int key = columns.touchpoint(row) * byChannel.length + channel;
      byTouchpoint[key]++;
      errorsByTouchpoint[key] += failed ? 1 : 0;
      long nanos = columns.nanos(row);
      first = Math.min(first, nanos);
      last = Math.max(last, nanos);
      if (nanos <= horizon) {
        lastInView = Math.max(lastInView, nanos);
      }
    }

    /**
     * Where the series ends when no {@code to} was asked: at the last touchpoint, or — when some
     * lie further than a day ahead, stored before the ingest window refused such times — at the
     * last one before, so that one outlier in 2262 does not take today's data out of view.
     */
    long seriesEnd() {
      return lastInView == Long.MIN_VALUE ? last : lastInView;
    }

    /** Visits again the rows that {@link #add} counted. */
    void forEachCounted(
        ViewFilter filter, JourneySnapshot snapshot, java.util.function.IntConsumer visitor) {
      if (filter.admitsUnprofiled()) {
        for (long row = 1; row <= snapshot.published(); row++) {
          if (filter.passes(columns, (int) row)) {
            visitor.accept((int) row);
          }
        }
      } else {
        JourneyWalk.profiles(
            snapshot,
            filter,
            (profile, rows, count) -> {
              for (int i = 0; i < count; i++) {
                visitor.accept(snapshot.sequence(rows[i]));
              }
            });
      }
    }
  }
}
