package io.touchline.collector.rules;

import io.touchline.collector.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits across every rule, so that many rules cannot flood one customer.
 *
 * @param maxActions at most this many actions per profile within {@code within}, all rules
 *     together; 0 for no such limit
 * @param within the window of {@code maxActions}; null without one
 * @param quietHours when nothing is sent, if ever
 * @param globalControl the share of profiles no rule ever contacts (they get held-out decisions)
 */
public record ContactPolicy(
    int maxActions, Duration within, Optional<QuietHours> quietHours, Percent globalControl) {

  public static final ContactPolicy NONE =
      new ContactPolicy(0, null, Optional.empty(), Percent.NONE);

  public boolean limitsActions() {
    return maxActions > 0;
  }

  @Override
  public String toString() {
    return (limitsActions()
            ? maxActions + " actions per profile within " + Durations.format(within)
            : "no limit on actions")
        + quietHours.map(q -> ", quiet " + q).orElse("")
        + ", global control "
        + globalControl;
  }
}
