package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.TouchpointColumns;

/** What a journey's steps are named by: their channel, or their touchpoint name. */
enum StepLabels {
  CHANNEL {
    @Override
    int label(JourneySnapshot snapshot, int position) {
      return snapshot.channel(position);
    }

    @Override
    String name(TouchpointColumns columns, int label) {
      return columns.channelName(label);
    }
  },
  TOUCHPOINT {
    @Override
    int label(JourneySnapshot snapshot, int position) {
      return snapshot.touchpoint(position);
    }

    @Override
    String name(TouchpointColumns columns, int label) {
      return columns.touchpointName(label);
    }
  };

  abstract int label(JourneySnapshot snapshot, int position);

  abstract String name(TouchpointColumns columns, int label);

  /**
   * Folds a journey's rows into steps: consecutive rows with one label are one step. Writes each
   * step's label and its first and last row into the arrays; returns how many steps.
   */
  int fold(JourneySnapshot snapshot, int[] rows, int from, int to, int[] labels, int[] firstRows, int[] lastRows) {
    int steps = 0;
    for (int i = from; i < to; i++) {
      int label = label(snapshot, rows[i]);
      if (steps > 0 && labels[steps - 1] == label) {
        lastRows[steps - 1] = rows[i];
      } else {
        labels[steps] = label;
        firstRows[steps] = rows[i];
        lastRows[steps] = rows[i];
        steps++;
      }
    }
    return steps;
  }
}
