package io.touchline.bench.journeys;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When things can happen, in the customers' time zone (the population's phones are London numbers):
 * the call center's office hours, the kiosk's store hours, the campaign batches.
 */
final class Calendar {

  static final ZoneId ZONE = ZoneId.of("Europe/London");

  static final Set<DayOfWeek> WORKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  static final Set<DayOfWeek> SHOP_DAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
  static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  /** The call center answers Mon–Fri 8:00–18:00; a call starting by 17:30 is over by closing. */
  static final Window OFFICE = new Window(WORKDAYS, LocalTime.of(8, 0), LocalTime.of(17, 30));

  static final LocalTime OFFICE_CLOSES = LocalTime.of(18, 0);

  /** The store with the kiosk: Mon–Sat 9:00–20:00. */
  static final Window STORE = new Window(SHOP_DAYS, LocalTime.of(9, 0), LocalTime.of(19, 30));

  /** Cart reminders go out every morning at 10:00, for the carts left since the last batch. */
  static final Batch CART_REMINDERS = new Batch(EVERY_DAY, LocalTime.of(10, 0));

  /** The newsletter goes out on Thursdays at 9:00. */
  static final Batch NEWSLETTER = new Batch(EnumSet.of(DayOfWeek.THURSDAY), LocalTime.of(9, 0));

  /** Push notifications to re-order go out every evening at 18:00. */
  static final Batch REORDER_PUSH = new Batch(EVERY_DAY, LocalTime.of(18, 0));

  private Calendar() {}

  /** Days of the week and the span of the day in which something may start. */
  record Window(Set<DayOfWeek> days, LocalTime opens, LocalTime lastStart) {

    boolean contains(long epochMillis) {
      ZonedDateTime t = zoned(epochMillis);
      LocalTime time = t.toLocalTime();
      return days.contains(t.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(lastStart);
    }

    /** {@code epochMillis} when the window is open then, else when it next opens. */
    long atOrAfter(long epochMillis) {
      if (contains(epochMillis)) {
        return epochMillis;
      }
      ZonedDateTime t = zoned(epochMillis);
      LocalDate day =
          t.toLocalTime().isBefore(opens) ? t.toLocalDate() : t.toLocalDate().plusDays(1);
      while (!days.contains(day.getDayOfWeek())) {
        day = day.plusDays(1);
      }
      return millis(day, opens);
    }
  }

  /** A campaign sent at a fixed time on some days of the week. */
  record Batch(Set<DayOfWeek> days, LocalTime at) {

    /** The first batch strictly after {@code epochMillis}. */
    long after(long epochMillis) {
      LocalDate day = zoned(epochMillis).toLocalDate();
      while (true) {
        long candidate = millis(day, at);
        if (candidate > epochMillis && days.contains(day.getDayOfWeek())) {
          return candidate;
        }
        day = day.plusDays(1);
      }
    }
  }

  static ZonedDateTime zoned(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZONE);
  }

  static LocalDate day(long epochMillis) {
    return zoned(epochMillis).toLocalDate();
  }

  static long millis(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(ZONE).toInstant().toEpochMilli();
  }

  static long millis(LocalDate day, int secondOfDay) {
    return millis(day, LocalTime.ofSecondOfDay(secondOfDay));
  }
}
