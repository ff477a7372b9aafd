package com.acme.simulator;

/** What one simulated customer does in the shop. */
enum Scenario {
  /** Browses anonymously, logs in, adds one to three products, checks out. */
  PURCHASE,
  /** Browses, logs in, adds to the cart and leaves without buying. */
  ABANDONED_CART,
  /** Browses anonymously and never logs in. */
  BROWSE_ONLY
}
