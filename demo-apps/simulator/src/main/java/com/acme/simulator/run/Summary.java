package com.acme.simulator.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a run drove, for the closing lines and {@code summary.json}. */
public final class Summary {

  private static final int KEPT_ERRORS = 10;

  public int customers;
  public long interactions;

  /** Touchpoints the interactions should have produced, over all channels. */
  public long touchpointsExpected;

  public final Map<String, Long> touchpointsPerChannel = new TreeMap<>();
  public final Map<String, Long> touchpointsPerName = new TreeMap<>();
  public final Map<String, Long> touchpointsPerScenario = new TreeMap<>();
  public final Map<String, Long> customersPerScenario = new TreeMap<>();
  public final Map<String, Long> interactionsPerScenario = new TreeMap<>();
  public long errors;
  public final List<String> firstErrors = new ArrayList<>();

  void record(Interaction interaction, boolean expected) {
    interactions++;
    interactionsPerScenario.merge(interaction.scenario(), 1L, Long::sum);
    if (expected) {
      for (String touchpoint : interaction.touchpoints()) {
        touchpointsExpected++;
        touchpointsPerChannel.merge(interaction.channel(), 1L, Long::sum);
        touchpointsPerName.merge(touchpoint, 1L, Long::sum);
        touchpointsPerScenario.merge(interaction.scenario(), 1L, Long::sum);
      }
    }
  }

  void error(String message) {
    errors++;
    if (firstErrors.size() < KEPT_ERRORS) {
      firstErrors.add(message);
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%,d customers, %,d interactions, %,d touchpoints expected%n",
            customers, interactions, touchpointsExpected));
    text.append("  per channel: ").append(touchpointsPerChannel).append(System.lineSeparator());
    text.append("  customers per scenario: ")
        .append(customersPerScenario)
        .append(System.lineSeparator());
    text.append("  touchpoints per scenario: ")
        .append(touchpointsPerScenario)
        .append(System.lineSeparator());
    text.append(String.format("  errors: %,d%n", errors));
    firstErrors.forEach(e -> text.append("    ").append(e).append(System.lineSeparator()));
    return text.toString();
  }
}
