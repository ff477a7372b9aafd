package io.touchline.bench.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.simulator.journey.App;
import com.acme.simulator.journey.Scenario;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The history's clock: minutes within a visit, hours to a mail's opening, days between visits. */
class JourneyTimingTest {

  private static final long SECOND = TimeUnit.SECONDS.toMillis(1);
  private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);
  private static final long HOUR = TimeUnit.HOURS.toMillis(1);
  private static final long DAY = TimeUnit.DAYS.toMillis(1);

  @Test
  void theCallCenterAnswersMondayToFridayFromEightToSix() {
    List<GeneratedSpan> calls = spansOf(App.CALL_CENTER);
    assertThat(calls).hasSizeGreaterThan(100);
    for (GeneratedSpan span : calls) {
      ZonedDateTime at = Calendar.zoned(Histories.millis(span.startNanos()));
      assertThat(at.getDayOfWeek())
          .as(span.name() + " at " + at)
          .isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(at.toLocalTime())
          .as(span.name() + " at " + at)
          .isBetween(LocalTime.of(8, 0), LocalTime.of(18, 0));
    }
  }

  @Test
  void kioskVisitsStartInTheStoresOpeningHours() {
    // The first customer at the kiosk starts on a product page; the next one takes over later.
    List<List<GeneratedInteraction>> firstCustomers =
        visits(of(Scenario.KIOSK), HOUR).stream()
            .filter(visit -> visit.get(0).request().startsWith("GET /products/"))
            .toList();
    assertThat(firstCustomers).hasSizeGreaterThan(10);
    for (List<GeneratedInteraction> visit : firstCustomers) {
      ZonedDateTime at = Calendar.zoned(Histories.millis(visit.get(0).startNanos()));
      assertThat(at.getDayOfWeek()).isNotEqualTo(DayOfWeek.SUNDAY);
      assertThat(at.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(19, 30));
    }
  }

  @Test
  void aPurchaseTakesSecondsToMinutesBetweenRequests() {
    // One happy purchase is one visit; a customer's next one is days later.
    long lastHour = Histories.NINETY_DAYS.to().toEpochMilli() - HOUR; // a visit there may be cut
    List<List<GeneratedInteraction>> visits =
        visits(of(Scenario.HAPPY_PURCHASE), HOUR).stream()
            .filter(visit -> Histories.millis(visit.get(0).startNanos()) < lastHour)
            .toList();
    assertThat(visits).hasSizeGreaterThan(100);
    for (List<GeneratedInteraction> visit : visits) {
      assertThat(visit.get(0).request()).isEqualTo("GET /products");
      assertThat(visit.get(visit.size() - 1).request()).isEqualTo("POST /checkout");
      for (int i = 1; i < visit.size(); i++) {
        long gap = Histories.millis(visit.get(i).startNanos() - visit.get(i - 1).startNanos());
        assertThat(gap).isBetween(2 * SECOND, 8 * MINUTE + SECOND);
      }
    }
  }

  @Test
  void campaignMailsGoOutInTheirBatch() {
    List<GeneratedSpan> sent = spansNamed("email.sent");
    assertThat(sent).hasSizeGreaterThan(50);
    for (GeneratedSpan mail : sent) {
      ZonedDateTime at = Calendar.zoned(Histories.millis(mail.startNanos()));
      if (mail.attributes().get("email.campaign").equals("newsletter")) {
        assertThat(at.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(at.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(9, 30));
      } else {
        assertThat(at.toLocalTime()).isBetween(LocalTime.of(10, 0), LocalTime.of(10, 30));
      }
    }
  }

  @Test
  void mailsAreOpenedHoursAfterTheyAreSentAndClickedMinutesAfterTheOpening() {
    Map<Object, Long> sent = new HashMap<>();
    Map<Object, Long> opened = new HashMap<>();
    List<Long> delays = new ArrayList<>();
    for (GeneratedInteraction i : Histories.interactions()) {
      for (GeneratedSpan span : i.spans()) {
        Object message = span.attributes().get("email.message_id");
        long at = Histories.millis(span.startNanos());
        switch (span.name()) {
          case "email.sent" -> sent.put(message, at);
          case "email.opened" -> {
            long delay = at - sent.get(message);
            assertThat(delay).isGreaterThanOrEqualTo(3 * MINUTE);
            delays.add(delay);
            opened.put(message, at);
          }
          case "email.clicked" -> assertThat(at - opened.get(message)).isBetween(0L, 9 * MINUTE);
          default -> {}
        }
      }
    }
    delays.sort(null);
    assertThat(delays.get(delays.size() / 2)).as("median opening delay").isBetween(HOUR, 6 * HOUR);
  }

  @Test
  void customersComeBackDaysLater() {
    Map<String, List<Long>> webVisits = new HashMap<>();
    for (GeneratedInteraction i : Histories.interactions()) {
      if (i.app() == App.SHOP && !i.spans().isEmpty()) {
        webVisits
            .computeIfAbsent(i.actor().customerNumber(), c -> new ArrayList<>())
            .add(Histories.millis(i.startNanos()));
      }
    }
    List<Long> returns = new ArrayList<>();
    for (List<Long> times : webVisits.values()) {
      for (int i = 1; i < times.size(); i++) {
        long gap = times.get(i) - times.get(i - 1);
        if (gap > HOUR) {
          returns.add(gap);
        }
      }
    }
    returns.sort(null);
    assertThat(returns.get(returns.size() / 2))
        .as("median time to come back to the shop")
        .isBetween(2 * DAY, 20 * DAY);
  }

  @Test
  void aCallAfterADeclinedPaymentComesAfterTheDecline() {
    Map<String, Long> declined = new HashMap<>();
    for (GeneratedInteraction i : of(Scenario.DECLINED_THEN_CALL)) {
      String customer = i.actor().customerNumber();
      if (i.status() == 402) {
        declined.put(customer, Histories.millis(i.startNanos()));
      } else if (i.request().equals("POST /calls")) {
        assertThat(Histories.millis(i.startNanos()) - declined.get(customer))
            .isGreaterThanOrEqualTo(20 * MINUTE);
      }
    }
  }

  private static List<GeneratedInteraction> of(Scenario scenario) {
    return Histories.interactions().stream().filter(i -> i.scenario() == scenario).toList();
  }

  private static List<GeneratedSpan> spansOf(App app) {
    return Histories.interactions().stream()
        .filter(i -> i.app() == app)
        .flatMap(i -> i.spans().stream())
        .toList();
  }

  private static List<GeneratedSpan> spansNamed(String name) {
    return Histories.interactions().stream()
        .flatMap(i -> i.spans().stream())
        .filter(s -> s.name().equals(name))
        .toList();
  }

  /** Each customer's interactions cut where more than {@code pause} passed. */
  private static List<List<GeneratedInteraction>> visits(
      List<GeneratedInteraction> interactions, long pause) {
    Map<String, List<GeneratedInteraction>> current = new HashMap<>();
    List<List<GeneratedInteraction>> visits = new ArrayList<>();
    for (GeneratedInteraction i : interactions) {
      List<GeneratedInteraction> visit = current.get(i.actor().customerNumber());
      if (visit == null
          || Histories.millis(i.startNanos() - visit.get(visit.size() - 1).startNanos()) > pause) {
        visit = new ArrayList<>();
        visits.add(visit);
        current.put(i.actor().customerNumber(), visit);
      }
      visit.add(i);
    }
    return visits;
  }
}
