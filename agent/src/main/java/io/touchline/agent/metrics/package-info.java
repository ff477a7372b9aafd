/**
 * The agent's own counters ({@code SelfMetrics}, counted from capture and instrument) and their
 * MBean (registered by the root package). It may use only {@code log}.
 */
package io.touchline.agent.metrics;
