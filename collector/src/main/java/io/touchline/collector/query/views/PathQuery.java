package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.Step;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.Tabular;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Paths: the most frequent ways journeys go on after, or lead up to, one touchpoint. */
public final class PathQuery {

  public record Path(List<String> steps, long journeys, double share) {}

  /** A path as one CSV row: its steps joined by {@code " > "}. */
  public record PathRow(String steps, long journeys, double share) {}

  public record PathView(
      String touchpoint, String direction, int depth, long journeys, List<Path> paths)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      return Map.of(
          "paths",
          new Table(
              PathRow.class,
              paths.stream()
                  .map(p -> new PathRow(String.join(" > ", p.steps()), p.journeys(), p.share()))
                  .toList()));
    }
  }

  public record Request(NamedFilter filter, Step touchpoint, boolean after, int depth, int top) {}

  private final Journeys journeys;

  public PathQuery(Journeys journeys) {
    this.journeys = journeys;
  }

  public PathView paths(Request request) {
    ViewFilter filter = request.filter().resolve(journeys);
    JourneySnapshot snapshot = journeys.snapshot();
    TouchpointColumns columns = snapshot.columns();
    Step.Matcher target = request.touchpoint().matcher(columns);
    FoldedSteps folded = new FoldedSteps(StepLabels.TOUCHPOINT, snapshot);
    int[] labels = folded.labels;
    Map<List<Integer>, long[]> counts = new HashMap<>();
    long[] journeyCount = {0};
    JourneyWalk.journeys(
        snapshot,
        filter,
        journeys.inactivityGap().toNanos(),
        (profile, rows, from, to) -> {
          int steps = folded.fold(rows, from, to);
          // The step holding the target's first occurrence (a folded step may hold several rows).
          int at = -1;
          for (int i = from; i < to; i++) {
            if (target.matches(snapshot, rows[i])) {
              at = folded.stepOf(i);
              break;
            }
          }
          if (at < 0) {
            return;
          }
          journeyCount[0]++;
          Integer[] path =
              request.after()
                  ? boxed(labels, at + 1, Math.min(steps, at + 1 + request.depth()))
                  : boxed(labels, Math.max(0, at - request.depth()), at);
          counts.computeIfAbsent(Arrays.asList(path), k -> new long[1])[0]++;
        });
    List<Path> paths = new ArrayList<>();
    counts.forEach(
        (steps, count) ->
            paths.add(
                new Path(
                    steps.stream().map(label -> columns.touchpointName(label)).toList(),
                    count[0],
                    JourneyWalk.ratio(count[0], journeyCount[0]))));
    paths.sort(
        Comparator.comparingLong(Path::journeys)
            .reversed()
            .thenComparing(p -> String.join("\u0000", p.steps())));
    return new PathView(
        request.touchpoint().toString(),
        request.after() ? "after" : "before",
        request.depth(),
        journeyCount[0],
        List.copyOf(paths.subList(0, Math.min(request.top(), paths.size()))));
  }

  private static Integer[] boxed(int[] labels, int from, int to) {
    Integer[] path = new Integer[Math.max(0, to - from)];
    for (int i = from; i < to; i++) {
      path[i - from] = labels[i];
    }
    return path;
  }
}
