package com.acme.simulator.accuracy;

import java.util.HashMap;
import java.util.Map;

/**
 * How well a partition of touchpoints into profiles matches the truth of who did each one, counted
 * over pairs of touchpoints (docs/identity.md, "Accuracy"). Two touchpoints are a predicted pair
 * when they share a profile and a true pair when the same real customer did both; precision is the
 * share of predicted pairs that are true, recall the share of true pairs that were predicted. Only
 * attributed touchpoints take part; the others are counted apart.
 */
public final class PairwiseAccuracy {

  /** Touchpoints per (profile, customer) cell. */
  private final Map<String, Map<String, Long>> cells = new HashMap<>();

  private final Map<String, Long> perProfile = new HashMap<>();
  private final Map<String, Long> perCustomer = new HashMap<>();
  private long attributed;
  private long unattributed;
  private long ambiguous;

  /** A touchpoint in profile {@code profileId} that {@code customer} did. */
  public void attributed(String profileId, String customer) {
    cells.computeIfAbsent(profileId, p -> new HashMap<>()).merge(customer, 1L, Long::sum);
    perProfile.merge(profileId, 1L, Long::sum);
    perCustomer.merge(customer, 1L, Long::sum);
    attributed++;
  }

  /** A touchpoint in no profile: it had no usable key. */
  public void unattributed() {
    unattributed++;
  }

  /** A touchpoint whose only keys are shared by several customers' profiles. */
  public void ambiguous() {
    ambiguous++;
  }

  public Result result() {
    long truePositive = 0;
    for (Map<String, Long> byCustomer : cells.values()) {
      for (long n : byCustomer.values()) {
        truePositive += pairs(n);
      }
    }
    long predicted = perProfile.values().stream().mapToLong(PairwiseAccuracy::pairs).sum();
    long actual = perCustomer.values().stream().mapToLong(PairwiseAccuracy::pairs).sum();
    long mixedProfiles =
        cells.values().stream().filter(byCustomer -> byCustomer.size() > 1).count();
    Map<String, Long> profilesPerCustomer = new HashMap<>();
    cells
        .values()
        .forEach(
            byCustomer ->
                byCustomer.keySet().forEach(c -> profilesPerCustomer.merge(c, 1L, Long::sum)));
    long splitCustomers = profilesPerCustomer.values().stream().filter(n -> n > 1).count();
    long all = attributed + unattributed + ambiguous;
    return new Result(
        all,
        attributed,
        unattributed,
        ambiguous,
        all == 0 ? 0 : (double) attributed / all,
        predicted == 0 ? 1 : (double) truePositive / predicted,
        actual == 0 ? 1 : (double) truePositive / actual,
        truePositive,
        predicted,
        actual,
        perProfile.size(),
        perCustomer.size(),
        mixedProfiles,
        splitCustomers);
  }

  private static long pairs(long n) {
    return n * (n - 1) / 2;
  }

  /**
   * @param touchpoints touchpoints joined to the truth
   * @param coverage attributed / touchpoints
   * @param precision correct pairs among predicted pairs (1 when nothing is paired)
   * @param recall correct pairs among truth pairs (1 when there are none)
   * @param correctPairs pairs that share a profile and a customer
   * @param mixedProfiles profiles holding touchpoints of more than one customer
   * @param splitCustomers customers whose touchpoints lie in more than one profile
   */
  public record Result(
      long touchpoints,
      long attributed,
      long unattributed,
      long ambiguous,
      double coverage,
      double precision,
      double recall,
      long correctPairs,
      long predictedPairs,
      long truthPairs,
      long profiles,
      long customers,
      long mixedProfiles,
      long splitCustomers) {}
}
