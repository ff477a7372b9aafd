package io.touchline.bench.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.simulator.journey.Scenario;
import com.acme.simulator.population.Person;
import com.acme.simulator.population.Population;
import io.touchline.keys.Normalization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The keys each scenario's spans carry, and so how the collector can link them. */
class JourneyKeysTest {

  @Test
  void anonymousBrowsingCarriesOnlyASession() {
    List<GeneratedSpan> spans = spans(Scenario.ANONYMOUS_BROWSING);
    assertThat(spans).isNotEmpty();
    assertThat(spans).allSatisfy(span -> assertThat(span.keys()).containsOnlyKeys("session"));
  }

  @Test
  void productsViewedBeforeTheLoginShareItsSessionWhichNamesTheCustomer() {
    Map<String, List<String>> sessionsByCustomer = new HashMap<>();
    int checked = 0;
    for (GeneratedInteraction i : of(Scenario.HAPPY_PURCHASE)) {
      GeneratedSpan span = i.spans().isEmpty() ? null : i.spans().get(0);
      if (span == null) {
        continue;
      }
      String customer = i.actor().customerNumber();
      switch (span.name()) {
        case "product.view" -> {
          assertThat(span.keys()).containsOnlyKeys("session");
          sessionsByCustomer
              .computeIfAbsent(customer, c -> new ArrayList<>())
              .add(key(span, "session"));
        }
        case "login" -> {
          assertThat(key(span, "customer_id")).isEqualTo(customer);
          String email = i.actor().email();
          assertThat(key(span, "email"))
              .as("their address, or the one they changed it to")
              .isIn(email, email.replace("@example.com", "@mail.example.org"));
          assertThat(sessionsByCustomer.remove(customer)).containsOnly(key(span, "session"));
          checked++;
        }
        default -> {}
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void aHouseholdCallsFromAPhoneTwoCustomersShare() {
    Map<String, Integer> peoplePerPhone = new HashMap<>();
    for (Person p : Histories.NINETY_DAYS.population()) {
      peoplePerPhone.merge(Normalization.normalize("phone", p.phone()), 1, Integer::sum);
    }
    List<GeneratedSpan> received =
        spans(Scenario.HOUSEHOLD_CALL).stream()
            .filter(s -> s.name().equals("call.received"))
            .toList();
    assertThat(received).isNotEmpty();
    for (GeneratedSpan call : received) {
      assertThat(key(call, "phone")).matches("\\d+");
      assertThat(peoplePerPhone.get(key(call, "phone"))).isEqualTo(2);
    }
  }

  @Test
  void aKioskSessionSeesTwoCustomersLogIn() {
    Map<String, Set<String>> customersPerSession = new HashMap<>();
    for (GeneratedSpan span : spans(Scenario.KIOSK)) {
      if (span.name().equals("login")) {
        customersPerSession
            .computeIfAbsent(key(span, "session"), s -> new HashSet<>())
            .add(key(span, "customer_id"));
      }
    }
    assertThat(customersPerSession).isNotEmpty();
    assertThat(customersPerSession.values())
        .allSatisfy(c -> assertThat(c).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void anEmailChangeCarriesBothAddressesTheShopUsesTheNewTheMailerTheOld() {
    Map<String, String> changedTo = new HashMap<>();
    int newsletters = 0;
    for (GeneratedInteraction i : Histories.interactions()) {
      String customer = i.actor().customerNumber();
      for (GeneratedSpan span : i.spans()) {
        if (span.name().equals("email.changed")) {
          List<String> emails = span.keys().get("email");
          assertThat(emails).hasSize(2);
          assertThat(emails.get(0)).endsWith("@example.com");
          assertThat(emails.get(1)).endsWith("@mail.example.org");
          assertThat(key(span, "customer_id")).isEqualTo(customer);
          changedTo.put(customer, emails.get(1));
        } else if (changedTo.containsKey(customer) && span.name().equals("login")) {
          assertThat(key(span, "email")).isEqualTo(changedTo.get(customer));
        } else if (changedTo.containsKey(customer) && span.name().equals("email.sent")) {
          assertThat(key(span, "email"))
              .isEqualTo(i.actor().email())
              .isNotEqualTo(changedTo.get(customer));
          newsletters += span.attributes().get("email.campaign").equals("newsletter") ? 1 : 0;
        }
      }
    }
    assertThat(changedTo).isNotEmpty();
    assertThat(newsletters).isPositive();
  }

  @Test
  void aDeclinedPaymentFailsTheOrderWithTheSessionAndNamesTheCustomerInside() {
    List<GeneratedInteraction> declined =
        Histories.interactions().stream().filter(i -> i.status() == 402).toList();
    assertThat(declined)
        .isNotEmpty()
        .allSatisfy(i -> assertThat(i.scenario()).isEqualTo(Scenario.DECLINED_THEN_CALL));
    for (GeneratedInteraction i : declined) {
      assertThat(i.touchpoints()).containsExactly("order.placed", "payment.declined");
      GeneratedSpan order = i.spans().get(0);
      GeneratedSpan payment = i.spans().get(1);
      assertThat(order.failed()).isTrue();
      assertThat(order.keys()).containsOnlyKeys("session");
      assertThat(payment.nested()).isTrue();
      assertThat(payment.keys()).containsOnlyKeys("customer_id");
      assertThat(key(payment, "customer_id")).isEqualTo(i.actor().customerNumber());
      assertThat((Double) payment.attributes().get("payment.amount")).isGreaterThan(500.0);
      assertThat(payment.startNanos()).isGreaterThan(order.startNanos());
      assertThat(payment.endNanos()).isLessThan(order.endNanos());
      assertThat(payment.failure().message()).contains("declined: over the card limit of 500.00");
    }
  }

  @Test
  void theDeskNowAndThenTypesItsOwnNumber() {
    String desk = Normalization.normalize("phone", Population.CALL_CENTER_NUMBER);
    List<GeneratedSpan> identified =
        Histories.interactions().stream()
            .flatMap(i -> i.spans().stream())
            .filter(s -> s.name().equals("caller.identified"))
            .toList();
    long mistyped = identified.stream().filter(s -> s.keys().get("phone").contains(desk)).count();
    assertThat(mistyped).isBetween(identified.size() / 25L, identified.size() / 5L);
    assertThat(identified)
        .filteredOn(s -> s.keys().get("phone").contains(desk))
        .allSatisfy(s -> assertThat(s.keys().get("phone")).hasSize(2));
  }

  @Test
  void aReorderFromTheAppLinksTheDeviceToTheCustomerAndThePreviousWebOrder() {
    Map<String, String> lastOrder = new HashMap<>();
    int reorders = 0;
    for (GeneratedInteraction i : Histories.interactions()) {
      for (GeneratedSpan span : i.spans()) {
        if (span.name().equals("order.placed") && !span.failed()) {
          lastOrder.put(key(span, "customer_id"), (String) span.attributes().get("order.id"));
        } else if (span.name().equals("order.reordered")) {
          assertThat(key(span, "device")).isEqualTo(i.actor().device());
          assertThat(key(span, "customer_id")).isEqualTo(i.actor().customerNumber());
          assertThat(span.attributes().get("order.previous_id"))
              .isEqualTo(lastOrder.get(i.actor().customerNumber()));
          reorders++;
        }
      }
    }
    assertThat(reorders).isPositive();
  }

  private static List<GeneratedInteraction> of(Scenario scenario) {
    return Histories.interactions().stream().filter(i -> i.scenario() == scenario).toList();
  }

  private static List<GeneratedSpan> spans(Scenario scenario) {
    return of(scenario).stream().flatMap(i -> i.spans().stream()).toList();
  }

  /** The single value of a key type. */
  private static String key(GeneratedSpan span, String type) {
    List<String> values = span.keys().get(type);
    assertThat(values).as(span.name() + " " + type).hasSize(1);
    return values.get(0);
  }
}
