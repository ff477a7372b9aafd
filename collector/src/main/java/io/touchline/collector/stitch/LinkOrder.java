package io.touchline.collector.stitch;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * The order in which a touchpoint's keys link, and so which of them names its profile: highest
 * priority first, ties by fingerprint; shared keys take no part. One rule, for the resolver, the
 * index's quick path and the queries alike.
 */
final class LinkOrder {

  private LinkOrder() {}

  /** The keys of {@code carried} not {@code excluded}, distinct, in link order. */
  static int[] usable(
      int[] carried,
      IntPredicate excluded,
      IntUnaryOperator priority,
      IntToLongFunction fingerprint) {
    int[] usable = new int[carried.length];
    int n = 0;
    for (int key : carried) {
      if (excluded.test(key)) {
        continue;
      }
      // Insertion sort: a touchpoint carries a handful of keys.
      int i = n++;
      while (i > 0 && before(key, usable[i - 1], priority, fingerprint)) {
        usable[i] = usable[i - 1];
        i--;
      }
      usable[i] = key;
    }
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct == 0 || usable[distinct - 1] != usable[i]) {
        usable[distinct++] = usable[i];
      }
    }
    return distinct == usable.length ? usable : Arrays.copyOf(usable, distinct);
  }

  private static boolean before(
      int a, int b, IntUnaryOperator priority, IntToLongFunction fingerprint) {
    int byPriority = Integer.compare(priority.applyAsInt(a), priority.applyAsInt(b));
    return byPriority != 0
        ? byPriority < 0
        : fingerprint.applyAsLong(a) < fingerprint.applyAsLong(b);
  }
}
