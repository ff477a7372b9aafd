package io.touchline.agent.instrument;

import io.opentelemetry.sdk.common.Clock;

/** Epoch nanoseconds for span start and end. */
interface NanoClock {

  NanoClock SYSTEM = Clock.getDefault()::now;

  long now();
}
