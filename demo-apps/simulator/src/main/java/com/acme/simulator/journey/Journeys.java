package com.acme.simulator.journey;

import com.acme.simulator.population.Person;
import com.acme.simulator.population.Population;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plans every customer's visits from a seed: which scenario they live, in which order, when. Time
 * is compressed but ordered as in life: a customer's first visit starts somewhere in {@code
 * duration}, and each later visit comes {@code visitGap} (up to 1.5×) after the previous.
 */
public final class Journeys {

  private static final String[] SKUS = {
    "SKU-100", "SKU-102", "SKU-103", "SKU-104", "SKU-105", "SKU-106"
  };

  private final Random random;
  private final long durationMillis;
  private final long visitGapMillis;
  private final List<Visit> visits = new ArrayList<>();

  private Journeys(long seed, long durationMillis, long visitGapMillis) {
    this.random = new Random(seed * 31 + 7);
    this.durationMillis = durationMillis;
    this.visitGapMillis = visitGapMillis;
  }

  /** Every visit of every customer, in no particular order (the runner orders them by due time). */
  public static List<Visit> plan(
      List<Person> people, long seed, long durationMillis, long visitGapMillis) {
    Journeys journeys = new Journeys(seed, durationMillis, visitGapMillis);
    boolean[] taken = new boolean[people.size()];
    for (int i = 0; i < people.size(); i++) {
      if (taken[i]) {
        continue;
      }
      Person person = people.get(i);
      Scenario scenario = journeys.pick(person);
      if (scenario == Scenario.KIOSK) {
        int partner = i + 1 < people.size() && !taken[i + 1] ? i + 1 : -1;
        if (partner < 0) {
          scenario = Scenario.HAPPY_PURCHASE;
        } else {
          taken[partner] = true;
          journeys.kiosk(person, people.get(partner));
          continue;
        }
      }
      journeys.add(person, scenario);
    }
    return journeys.visits;
  }

  private Scenario pick(Person person) {
    if (person.inHousehold() && random.nextDouble() < 0.5) {
      return Scenario.HOUSEHOLD_CALL;
    }
    double draw = random.nextDouble();
    if (draw < 0.25) {
      return Scenario.HAPPY_PURCHASE;
    } else if (draw < 0.40) {
      return Scenario.CART_REMINDER;
    } else if (draw < 0.52) {
      return Scenario.DECLINED_THEN_CALL;
    } else if (draw < 0.64) {
      return person.hasDevice() ? Scenario.PUSH_REORDER : Scenario.HAPPY_PURCHASE;
    } else if (draw < 0.74) {
      return Scenario.ANONYMOUS_BROWSING;
    } else if (draw < 0.79) {
      return Scenario.KIOSK;
    } else if (draw < 0.87) {
      return Scenario.EMAIL_CHANGE;
    } else {
      return Scenario.NEVER_CONVERTS;
    }
  }

  private void add(Person p, Scenario scenario) {
    Memory memory = new Memory();
    List<List<Action>> sittings =
        switch (scenario) {
          case HAPPY_PURCHASE -> List.of(purchase(p));
          case CART_REMINDER ->
              List.of(
                  List.of(
                      ShopRequests.viewProduct(p, sku()),
                      ShopRequests.login(p, p.email()),
                      ShopRequests.addToCart(p, sku(), 1)),
                  List.of(
                      MailerRequests.send(p, "cart-reminder"),
                      MailerRequests.open(p),
                      MailerRequests.click(p),
                      ShopRequests.landing(p),
                      ShopRequests.checkout(p)));
          case DECLINED_THEN_CALL ->
              List.of(
                  List.of(
                      ShopRequests.viewProduct(p, ShopRequests.DEAR_SKU),
                      ShopRequests.login(p, p.email()),
                      ShopRequests.addToCart(p, ShopRequests.DEAR_SKU, 4),
                      ShopRequests.declinedCheckout(p)),
                  List.of(
                      CallCenterRequests.call(p, p.phone()),
                      CallCenterRequests.ivr(p, "billing"),
                      CallCenterRequests.lookup(p, p.phone()),
                      CallCenterRequests.identify(p, typedPhone(p)),
                      CallCenterRequests.openTicket(p, "card declined"),
                      CallCenterRequests.resolveTicket(p),
                      CallCenterRequests.hangUp(p)),
                  newBrowser(purchase(p)));
          case PUSH_REORDER ->
              List.of(
                  purchase(p),
                  List.of(
                      MobileRequests.register(p, random.nextBoolean() ? "ios" : "android"),
                      MobileRequests.signIn(p),
                      MobileRequests.pushOpened(p, "reorder-" + p.customerNumber().toLowerCase()),
                      MobileRequests.reorder(p)));
          case ANONYMOUS_BROWSING ->
              List.of(
                  List.of(
                      ShopRequests.catalog(p),
                      ShopRequests.viewProduct(p, sku()),
                      ShopRequests.viewProduct(p, sku())));
          case HOUSEHOLD_CALL ->
              List.of(
                  List.of(
                      CallCenterRequests.call(p, p.phone()),
                      CallCenterRequests.ivr(p, "orders"),
                      CallCenterRequests.lookup(p, p.phone()),
                      CallCenterRequests.identify(p, typedPhone(p)),
                      CallCenterRequests.scheduleCallback(p, 30),
                      CallCenterRequests.hangUp(p)));
          case EMAIL_CHANGE -> {
            String newEmail = p.email().replace("@example.com", "@mail.example.org");
            yield List.of(
                List.of(ShopRequests.login(p, p.email()), ShopRequests.changeEmail(p, newEmail)),
                newBrowser(List.of(ShopRequests.login(p, newEmail), ShopRequests.orderHistory(p))),
                List.of(MailerRequests.send(p, "newsletter"), MailerRequests.open(p)));
          }
          case NEVER_CONVERTS ->
              List.of(
                  List.of(
                      ShopRequests.viewProduct(p, sku()),
                      ShopRequests.viewProduct(p, sku()),
                      ShopRequests.login(p, p.email()),
                      ShopRequests.addToCart(p, sku(), 1)),
                  List.of(ShopRequests.viewProduct(p, sku())));
          case KIOSK -> throw new IllegalStateException("kiosk journeys take two people");
        };
    schedule(p, scenario, sittings, memory);
  }

  /** Two customers on one shop browser, one after the other: one session, two logins. */
  private void kiosk(Person first, Person second) {
    List<Action> sitting =
        List.of(
            ShopRequests.viewProduct(first, sku()),
            ShopRequests.login(first, first.email()),
            ShopRequests.addToCart(first, sku(), 1),
            ShopRequests.checkout(first),
            ShopRequests.logout(first),
            ShopRequests.login(second, second.email()),
            ShopRequests.viewProduct(second, sku()),
            ShopRequests.addToCart(second, sku(), 2),
            ShopRequests.checkout(second));
    schedule(first, Scenario.KIOSK, List.of(sitting), new Memory());
  }

  private List<Action> purchase(Person p) {
    return List.of(
        ShopRequests.catalog(p),
        ShopRequests.viewProduct(p, sku()),
        ShopRequests.login(p, p.email()),
        ShopRequests.addToCart(p, sku(), 1 + random.nextInt(2)),
        ShopRequests.checkout(p));
  }

  /** Marks a sitting as made from another browser (a new shop session). */
  private static List<Action> newBrowser(List<Action> sitting) {
    return new NewBrowser(sitting);
  }

  /** A sitting made from a browser other than the customer's previous one. */
  private static final class NewBrowser extends java.util.AbstractList<Action> {
    private final List<Action> actions;

    NewBrowser(List<Action> actions) {
      this.actions = actions;
    }

    @Override
    public Action get(int index) {
      return actions.get(index);
    }

    @Override
    public int size() {
      return actions.size();
    }
  }

  /**
   * The number the desk agent types: the caller's, or by mistake (1 in 10) the call center's own.
   */
  private String typedPhone(Person p) {
    return random.nextDouble() < 0.1 ? Population.CALL_CENTER_NUMBER : p.phone();
  }

  private String sku() {
    return SKUS[random.nextInt(SKUS.length)];
  }

  private void schedule(
      Person customer, Scenario scenario, List<List<Action>> sittings, Memory memory) {
    long due = (long) (random.nextDouble() * durationMillis);
    for (List<Action> sitting : sittings) {
      visits.add(
          new Visit(
              customer,
              scenario,
              due,
              List.copyOf(sitting),
              sitting instanceof NewBrowser,
              memory));
      due += visitGapMillis + (long) (random.nextDouble() * visitGapMillis / 2);
    }
  }
}
