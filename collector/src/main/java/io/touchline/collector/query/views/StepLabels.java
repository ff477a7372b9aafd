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
}
