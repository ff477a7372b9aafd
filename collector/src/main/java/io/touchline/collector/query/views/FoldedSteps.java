package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;

/**
 * A journey read as its steps: its touchpoints' labels (channel or name) in time order, with
 * repeats in a row folded into one step ({@code web, web, call-center, web} is three steps). The
 * buffers are sized for the largest profile once and reused for every journey.
 */
final class FoldedSteps {

  private final StepLabels by;
  private final JourneySnapshot snapshot;

  /**
   * Per step: its label, its first and last touchpoint (positions), where it starts in the rows.
   */
  final int[] labels;

  final int[] firstRows;
  final int[] lastRows;
  private final int[] firstIndex;

  /** How many steps the last {@link #fold} found. */
  int count;

  FoldedSteps(StepLabels by, JourneySnapshot snapshot) {
    this.by = by;
    this.snapshot = snapshot;
    int size = Math.max(1, snapshot.largestProfile());
    labels = new int[size];
    firstRows = new int[size];
    lastRows = new int[size];
    firstIndex = new int[size];
  }

  /** Folds {@code rows[from..to)}; returns how many steps. */
  int fold(int[] rows, int from, int to) {
    count = 0;
    for (int i = from; i < to; i++) {
      int label = by.label(snapshot, rows[i]);
      if (count > 0 && labels[count - 1] == label) {
        lastRows[count - 1] = rows[i];
      } else {
        labels[count] = label;
        firstRows[count] = rows[i];
        lastRows[count] = rows[i];
        firstIndex[count] = i;
        count++;
      }
    }
    return count;
  }

  /** The step that holds {@code rows[index]} of the last fold. */
  int stepOf(int index) {
    int step = 0;
    while (step + 1 < count && firstIndex[step + 1] <= index) {
      step++;
    }
    return step;
  }
}
