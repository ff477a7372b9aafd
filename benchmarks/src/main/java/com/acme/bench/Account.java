package com.acme.bench;

/** What the benchmarked method returns: two values the touchpoint captures as attributes. */
public final class Account {

  private final String tier;
  private final long score;

  Account(String tier, long score) {
    this.tier = tier;
    this.score = score;
  }

  public String getTier() {
    return tier;
  }

  public long getScore() {
    return score;
  }
}
