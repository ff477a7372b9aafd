package io.touchline.bench.journeys;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long things take between two touchpoints: seconds to read a page, minutes in the call queue,
 * hours until a mail is opened, days until a customer comes back. All drawn from the random given,
 * so a seed always gives the same history.
 */
final class Rhythm {

  private static final long SECOND = TimeUnit.SECONDS.toMillis(1);
  private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);
  private static final long HOUR = TimeUnit.HOURS.toMillis(1);
  private static final long DAY = TimeUnit.DAYS.toMillis(1);

  /**
   * How likely each hour of the day is to see someone shopping: a lunchtime bump, an evening peak,
   * quiet nights.
   */
  private static final double[] HOUR_WEIGHTS = {
    0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.0, 2.5, 2.8, 3.0, 3.6, 3.4, 2.8, 2.7, 2.8, 3.2, 4.2,
    5.0, 5.2, 4.6, 3.0, 1.2
  };

  private static final double[] HOUR_CUMULATIVE = cumulative(HOUR_WEIGHTS);

  /** Between two requests of one sitting: reading a page, typing an address (2 s to 8 min). */
  long thinkTimeNanos(SplittableRandom random) {
    return TimeUnit.MILLISECONDS.toNanos(
        (long) logNormal(random, 25 * SECOND, 0.8, 2 * SECOND, 8 * MINUTE));
  }

  /**
   * Between two steps of a call: the desk types, the caller answers (5 s to 3 min), so that a call
   * started in office hours is over by closing.
   */
  long deskPauseNanos(SplittableRandom random) {
    return TimeUnit.MILLISECONDS.toNanos(
        (long) logNormal(random, 30 * SECOND, 0.6, 5 * SECOND, 3 * MINUTE));
  }

  /** How long an intercepted method runs: a few milliseconds. */
  long methodNanos(SplittableRandom random) {
    return 300_000 + random.nextLong(6_000_000);
  }

  /** A caller waits in the queue until an agent picks up and looks them up: 30 s to 6 min. */
  long queueWaitNanos(SplittableRandom random) {
    return TimeUnit.MILLISECONDS.toNanos(
        (long) logNormal(random, 90 * SECOND, 0.7, 30 * SECOND, 6 * MINUTE));
  }

  /** A customer's own rhythm: the mean of their days between journeys (2 to 60, median 10). */
  double meanDaysBetweenJourneys(SplittableRandom random) {
    return logNormal(random, 10 * DAY, 0.6, 2 * DAY, 60 * DAY) / (double) DAY;
  }

  /** From the end of one journey to the start of the next: memoryless, around the mean. */
  long journeyGapMillis(SplittableRandom random, double meanDays) {
    return (long) (-Math.log(1 - random.nextDouble()) * meanDays * DAY);
  }

  /** A time on {@code day} when people shop: the evening peak most likely, the night least. */
  long browsingTime(SplittableRandom random, LocalDate day) {
    double draw = random.nextDouble() * HOUR_CUMULATIVE[HOUR_CUMULATIVE.length - 1];
    int hour = 0;
    while (HOUR_CUMULATIVE[hour] <= draw) {
      hour++;
    }
    return Calendar.millis(day, hour * 3600 + random.nextInt(3600));
  }

  /**
   * A browsing time between {@code minDays} and {@code maxDays} after {@code fromMillis}, and at
   * least an hour after it.
   */
  long daysLater(SplittableRandom random, long fromMillis, double minDays, double maxDays) {
    long target = fromMillis + (long) ((minDays + random.nextDouble() * (maxDays - minDays)) * DAY);
    return Math.max(fromMillis + HOUR, browsingTime(random, Calendar.day(target)));
  }

  /** A batch of mails or pushes takes half an hour to go out: where one recipient falls in it. */
  long batchOffsetMillis(SplittableRandom random) {
    return random.nextLong(30 * MINUTE);
  }

  /** From a campaign mail's arrival to its opening: minutes to days, typically hours. */
  long mailOpenDelayMillis(SplittableRandom random) {
    return (long) logNormal(random, 3 * HOUR, 1.0, 3 * MINUTE, 3 * DAY);
  }

  /** From a push notification's arrival to its opening: typically within the hour. */
  long pushOpenDelayMillis(SplittableRandom random) {
    return (long) logNormal(random, 40 * MINUTE, 0.9, MINUTE, DAY);
  }

  /** After a declined payment, the customer calls when they find the time (then office hours). */
  long callAfterDeclineMillis(SplittableRandom random) {
    return 20 * MINUTE + (long) logNormal(random, 3 * HOUR, 1.0, 0, 3 * DAY);
  }

  /**
   * When a customer who means to call from {@code fromMillis} on gets through: within the next
   * hours if the office is open then, else in the first hour and a half after it opens.
   */
  long officeCall(SplittableRandom random, long fromMillis) {
    long wanted = fromMillis + random.nextLong(4 * HOUR);
    return Calendar.OFFICE.contains(wanted)
        ? wanted
        : Calendar.OFFICE.atOrAfter(wanted) + random.nextLong(90 * MINUTE);
  }

  private static double logNormal(
      SplittableRandom random, double median, double sigma, double min, double max) {
    // Box–Muller from two uniform draws: the JDK's Gaussian algorithm is not specified to stay.
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.min(max, Math.max(min, median * Math.exp(sigma * gaussian)));
  }

  private static double[] cumulative(double[] weights) {
    double[] sums = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      sums[i] = sum;
    }
    return sums;
  }
}
