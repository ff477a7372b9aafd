/**
 * A realistic journey generator: the demo simulator's population living its nine scenarios over
 * days and weeks, written as the spans the Touchline agents of the four demo apps export, with the
 * ground truth of who did what.
 *
 * <p>The flow: {@link io.touchline.bench.journeys.JourneyHistory} (the entry point) runs a {@link
 * io.touchline.bench.journeys.Timeline} of each customer's journeys ({@link
 * io.touchline.bench.journeys.JourneyScripts}, timed by {@link io.touchline.bench.journeys.Rhythm}
 * and {@link io.touchline.bench.journeys.Calendar}); each visit's requests go to stand-ins of the
 * four apps ({@link io.touchline.bench.journeys.WebShop}, {@link
 * io.touchline.bench.journeys.CallCenter}, {@link io.touchline.bench.journeys.MobileBackend},
 * {@link io.touchline.bench.journeys.Mailer}), which keep the state the real apps keep and write
 * the spans their agent configs describe. {@link io.touchline.bench.journeys.RequestBatcher} groups
 * the spans per service into OTLP requests ({@link io.touchline.bench.journeys.SpanEncoder}),
 * {@link io.touchline.bench.journeys.TruthWriter} writes {@code truth.jsonl}.
 *
 * <p>May depend on: the simulator's population and scenario list, the keys module, OpenTelemetry's
 * protocol classes, Jackson. Nothing here talks to a network except {@link
 * io.touchline.bench.journeys.GenerateHistory}.
 */
package io.touchline.bench.journeys;
