package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.Step;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.Tabular;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flows: how journeys move between channels or touchpoints. The directly-follows graph counts each
 * pair of consecutive steps; the Sankey counts journeys by step position, so it has no cycles to
 * draw.
 */
public final class FlowQuery {

  public record Transition(
      String from, String to, long count, long journeys, Double medianSeconds) {}

  public record SankeyNode(String id, int step, String name, long journeys) {}

  public record SankeyLink(String source, String target, long journeys) {}

  public record Sankey(List<SankeyNode> nodes, List<SankeyLink> links) {}

  public record FlowView(
      String by, long journeys, String inactivityGap, List<Transition> transitions, Sankey sankey)
      implements Tabular {
    @Override
    public Map<String, Table> tables() {
      Map<String, Table> tables = new LinkedHashMap<>();
      tables.put("transitions", new Table(Transition.class, transitions));
      tables.put("sankey", new Table(SankeyLink.class, sankey.links()));
      return tables;
    }
  }

  /**
   * @param by "channel" or "touchpoint"
   * @param start null, or where journeys are read from
   * @param end null, or where they are read up to
   */
  public record Request(
      NamedFilter filter, String by, Step start, Step end, int depth, long minCount) {}

  private final Journeys journeys;

  public FlowQuery(Journeys journeys) {
    this.journeys = journeys;
  }

  public FlowView flows(Request request) {
    ViewFilter filter = request.filter().resolve(journeys);
    JourneySnapshot snapshot = journeys.snapshot();
    TouchpointColumns columns = snapshot.columns();
    StepLabels labels =
        request.by().equals("touchpoint") ? StepLabels.TOUCHPOINT : StepLabels.CHANNEL;
    Step.Matcher start = request.start() == null ? null : request.start().matcher(columns);
    Step.Matcher end = request.end() == null ? null : request.end().matcher(columns);
    FoldedSteps folded = new FoldedSteps(labels, snapshot);
    int[] stepLabels = folded.labels;
    int[] firstRows = folded.firstRows;
    int[] lastRows = folded.lastRows;
    int labelCount =
        labels == StepLabels.TOUCHPOINT
            ? columns.touchpointNames().size()
            : columns.channelNames().size();
    PairStats pairs = new PairStats(labelCount);
    Long2LongOpenHashMap nodeJourneys = new Long2LongOpenHashMap(); // (step position, label)
    Long2LongOpenHashMap linkJourneys = new Long2LongOpenHashMap(); // (position, from, to)
    int[] journeyCount = {0};
    long gap = journeys.inactivityGap().toNanos();
    JourneyWalk.journeys(
        snapshot,
        filter,
        gap,
        (profile, rows, from, to) -> {
          int first = from;
          if (start != null) {
            while (first < to && !start.matches(snapshot, rows[first])) {
              first++;
            }
            if (first == to) {
              return;
            }
          }
          int last = to;
          if (end != null) {
            int i = first + (start != null ? 1 : 0);
            while (i < to && !end.matches(snapshot, rows[i])) {
              i++;
            }
            if (i == to) {
              return;
            }
            last = i + 1;
          }
          int steps = folded.fold(rows, first, last);
          int journey = ++journeyCount[0];
          for (int s = 0; s + 1 < steps; s++) {
            pairs.add(
                stepLabels[s],
                stepLabels[s + 1],
                journey,
                snapshot.nanos(firstRows[s + 1]) - snapshot.nanos(lastRows[s]));
          }
          for (int s = 0; s < Math.min(steps, request.depth()); s++) {
            nodeJourneys.addTo(((long) s << 32) | stepLabels[s], 1);
            if (s + 1 < Math.min(steps, request.depth())) {
              linkJourneys.addTo(((long) s << 40) | pair(stepLabels[s], stepLabels[s + 1]), 1);
            }
          }
        });

    List<Transition> transitions = new ArrayList<>();
    for (int slot = 0; slot < pairs.slots(); slot++) {
      if (pairs.counts[slot] > 0 && pairs.counts[slot] >= request.minCount()) {
        transitions.add(
            new Transition(
                labels.name(columns, pairs.from(slot)),
                labels.name(columns, pairs.to(slot)),
                pairs.counts[slot],
                pairs.journeys[slot],
                pairs.median(slot)));
      }
    }
    transitions.sort(
        Comparator.comparingLong(Transition::count)
            .reversed()
            .thenComparing(Transition::from)
            .thenComparing(Transition::to));

    List<SankeyLink> links = new ArrayList<>();
    java.util.Set<String> linked = new java.util.HashSet<>();
    linkJourneys
        .long2LongEntrySet()
        .forEach(
            e -> {
              if (e.getLongValue() >= request.minCount()) {
                long key = e.getLongKey();
                int position = (int) (key >>> 40);
                long pair = key & ((1L << 40) - 1);
                String source = nodeId(position, labels.name(columns, from(pair)));
                String target = nodeId(position + 1, labels.name(columns, to(pair)));
                links.add(new SankeyLink(source, target, e.getLongValue()));
                linked.add(source);
                linked.add(target);
              }
            });
    links.sort(
        Comparator.comparingLong(SankeyLink::journeys)
            .reversed()
            .thenComparing(SankeyLink::source)
            .thenComparing(SankeyLink::target));
    List<SankeyNode> nodes = new ArrayList<>();
    nodeJourneys
        .long2LongEntrySet()
        .forEach(
            e -> {
              int position = (int) (e.getLongKey() >>> 32);
              String name = labels.name(columns, (int) e.getLongKey());
              String id = nodeId(position, name);
              // Without a link, a node is drawn only at the first step (journeys of one step).
              if (linked.contains(id)
                  || (position == 0 && e.getLongValue() >= request.minCount())) {
                nodes.add(new SankeyNode(id, position + 1, name, e.getLongValue()));
              }
            });
    nodes.sort(
        Comparator.comparingInt(SankeyNode::step)
            .thenComparing(Comparator.comparingLong(SankeyNode::journeys).reversed())
            .thenComparing(SankeyNode::name));
    return new FlowView(
        labels.name().toLowerCase(),
        journeyCount[0],
        Gaps.format(journeys.inactivityGap()),
        transitions,
        new Sankey(nodes, links));
  }

  private static String nodeId(int position, String name) {
    return (position + 1) + ":" + name;
  }

  /** Two labels (each below 2^20) as one number. */
  private static long pair(int from, int to) {
    return ((long) from << 20) | to;
  }

  private static int from(long pair) {
    return (int) (pair >>> 20);
  }

  private static int to(long pair) {
    return (int) (pair & ((1 << 20) - 1));
  }
}
