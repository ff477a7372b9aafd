package io.touchline.bench.journeys;

import com.acme.simulator.journey.Scenario;
import com.acme.simulator.population.Population;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The nine scenarios of the demo's simulator, each as the visits it takes over days: the same
 * requests in the same order (docs/demo.md, "The simulator"), timed as life times them: a cart
 * reminder in the next morning's batch and opened hours later, a call in office hours, a re-order
 * pushed a week or more after the purchase, the new e-mail address used days after the change.
 */
final class JourneyScripts {

  private static final long HOUR = TimeUnit.HOURS.toMillis(1);

  /**
   * A browser's session cookie lasts a month; a cart this full would be declined at the next
   * checkout, which only the declined scenario means to happen: the customer shops on a fresh
   * browser instead (cleared cookies, another device).
   */
  private static final long COOKIE_MILLIS = TimeUnit.DAYS.toMillis(30);

  private static final BigDecimal FULL_CART = new BigDecimal("200.00");

  private final WebShop shop;
  private final CallCenter callCenter;
  private final MobileBackend mobile;
  private final Mailer mailer;
  private final Rhythm rhythm;
  private final List<Browser> kiosks;
  private final IntFunction<Customer> customers;
  private final int population;

  JourneyScripts(
      WebShop shop,
      CallCenter callCenter,
      MobileBackend mobile,
      Mailer mailer,
      Rhythm rhythm,
      List<Browser> kiosks,
      IntFunction<Customer> customers,
      int population) {
    this.shop = shop;
    this.callCenter = callCenter;
    this.mobile = mobile;
    this.mailer = mailer;
    this.rhythm = rhythm;
    this.kiosks = kiosks;
    this.customers = customers;
    this.population = population;
  }

  /** What one journey of {@code scenario} starting at {@code start} will be. */
  Journey plan(Customer c, Scenario scenario, long start) {
    SplittableRandom r = c.random;
    Plan plan = new Plan(c);
    switch (scenario) {
      case HAPPY_PURCHASE -> plan.visit(start, s -> purchase(s, c, home(c, s)));
      case CART_REMINDER -> {
        long sent = Calendar.CART_REMINDERS.after(start + 6 * HOUR) + rhythm.batchOffsetMillis(r);
        long opened = sent + rhythm.mailOpenDelayMillis(r);
        plan.visit(
            start,
            s -> {
              plan.browser = home(c, s);
              shop.viewProduct(s, plan.browser, Catalog.any(r));
              shop.login(s, plan.browser, c.person, c.shopEmail);
              shop.addToCart(s, plan.browser, Catalog.any(r), 1);
            });
        plan.visit(
            sent,
            s -> plan.message = mailer.send(s, c.person, "cart-reminder", mailingListEmail(c)));
        plan.visit(
            opened,
            s -> {
              mailer.open(s, plan.message);
              mailer.click(s, plan.message);
              shop.home(s, "?utm_source=email&utm_campaign=cart-reminder");
              checkout(s, c, plan.browser);
            });
      }
      case DECLINED_THEN_CALL -> {
        long called = rhythm.officeCall(r, start + rhythm.callAfterDeclineMillis(r));
        plan.visit(
            start,
            s -> {
              Browser browser = home(c, s);
              shop.viewProduct(s, browser, Catalog.RAIN_JACKET);
              shop.login(s, browser, c.person, c.shopEmail);
              shop.addToCart(s, browser, Catalog.RAIN_JACKET, 4);
              shop.checkout(s, browser);
            });
        plan.visit(
            called,
            s ->
                call(
                    s,
                    c,
                    "billing",
                    (call, sitting) -> {
                      String ticket =
                          callCenter.openTicket(sitting, call, c.person, "card declined");
                      callCenter.resolveTicket(sitting, ticket, c.person);
                    }));
        // The declined cart stays in that browser: the purchase is made from another one.
        plan.visit(
            rhythm.daysLater(r, called, 0, 2),
            s -> {
              c.browser = Browser.fresh(r, TimeUnit.NANOSECONDS.toMillis(s.nowNanos()));
              purchase(s, c, c.browser);
            });
      }
      case PUSH_REORDER -> {
        long pushed =
            Calendar.REORDER_PUSH.after(start + (long) ((7 + r.nextDouble() * 14) * 24 * HOUR))
                + rhythm.batchOffsetMillis(r);
        plan.visit(start, s -> purchase(s, c, home(c, s)));
        if (!c.appSignedIn) {
          c.appSignedIn = true; // decided now, so that a later journey does not install it again
          String platform = r.nextBoolean() ? "ios" : "android";
          plan.visit(
              rhythm.daysLater(r, start, 0.5, 5),
              s -> {
                mobile.register(s, c.person, platform);
                mobile.signIn(s, c.person);
              });
        }
        plan.visit(
            pushed + rhythm.pushOpenDelayMillis(r),
            s -> {
              mobile.pushOpened(
                  s, c.person, "reorder-" + c.customerNumber().toLowerCase(Locale.ROOT));
              mobile.reorder(s, c.person, c.lastOrderId);
            });
      }
      case ANONYMOUS_BROWSING -> {
        boolean ownBrowser = r.nextBoolean();
        plan.visit(
            start,
            s -> {
              // Half browse on a browser of their own (whose session may have logged in before),
              // half on one nobody ever logs in on (a work computer, a private window).
              Browser browser =
                  ownBrowser
                      ? home(c, s)
                      : Browser.fresh(r, TimeUnit.NANOSECONDS.toMillis(s.nowNanos()));
              shop.catalog(s);
              int views = 2 + r.nextInt(3);
              for (int i = 0; i < views; i++) {
                shop.viewProduct(s, browser, Catalog.any(r));
              }
            });
      }
      case HOUSEHOLD_CALL ->
          plan.visit(
              rhythm.officeCall(r, start),
              s ->
                  call(
                      s,
                      c,
                      "orders",
                      (call, sitting) -> callCenter.scheduleCallback(sitting, c.person, 30)));
      case KIOSK -> {
        Customer next = customers.apply((c.index + 1) % population);
        Browser kiosk = kiosks.get(c.index % kiosks.size());
        long at =
            Calendar.STORE.contains(start)
                ? start
                : Calendar.STORE.atOrAfter(start) + r.nextLong(3 * HOUR);
        plan.visit(
            at,
            s -> {
              shop.viewProduct(s, kiosk, Catalog.any(r));
              shop.login(s, kiosk, c.person, c.shopEmail);
              shop.addToCart(s, kiosk, Catalog.any(r), 1);
              checkout(s, c, kiosk);
              shop.logout(s, kiosk);
              s.handOver(next.person);
              shop.login(s, kiosk, next.person, next.shopEmail);
              shop.viewProduct(s, kiosk, Catalog.any(r));
              shop.addToCart(s, kiosk, Catalog.any(r), 2);
              checkout(s, next, kiosk);
            });
      }
      case EMAIL_CHANGE -> {
        String newEmail = c.person.email().replace("@example.com", "@mail.example.org");
        c.emailChanged = true;
        long secondVisit = rhythm.daysLater(r, start, 1, 5);
        long sent = Calendar.NEWSLETTER.after(secondVisit) + rhythm.batchOffsetMillis(r);
        plan.visit(
            start,
            s -> {
              Browser browser = home(c, s);
              String oldEmail = c.shopEmail;
              shop.login(s, browser, c.person, oldEmail);
              shop.changeEmail(s, c.person, oldEmail, newEmail);
              c.shopEmail = newEmail;
            });
        plan.visit(
            secondVisit,
            s -> {
              c.browser = Browser.fresh(r, TimeUnit.NANOSECONDS.toMillis(s.nowNanos()));
              shop.login(s, c.browser, c.person, newEmail);
              shop.orderHistory(s, c.person);
            });
        plan.visit(
            sent, s -> plan.message = mailer.send(s, c.person, "newsletter", mailingListEmail(c)));
        plan.visit(sent + rhythm.mailOpenDelayMillis(r), s -> mailer.open(s, plan.message));
      }
      case NEVER_CONVERTS -> {
        plan.visit(
            start,
            s -> {
              plan.browser = home(c, s);
              shop.viewProduct(s, plan.browser, Catalog.any(r));
              shop.viewProduct(s, plan.browser, Catalog.any(r));
              shop.login(s, plan.browser, c.person, c.shopEmail);
              shop.addToCart(s, plan.browser, Catalog.any(r), 1);
            });
        plan.visit(
            rhythm.daysLater(r, start, 1, 7),
            s -> shop.viewProduct(s, plan.browser, Catalog.any(r)));
      }
    }
    return new Journey(scenario, plan.visits);
  }

  /** A scenario's visits, and what one visit leaves for a later one (a browser, a mail). */
  private static final class Plan {
    final Customer customer;
    final List<Journey.Visit> visits = new ArrayList<>();
    Browser browser;
    Mailer.Message message;

    Plan(Customer customer) {
      this.customer = customer;
    }

    void visit(long startMillis, Consumer<Sitting> play) {
      visits.add(new Journey.Visit(startMillis, customer.person, play));
    }
  }

  /** What a call's agent does once the caller is identified. */
  private interface DeskWork {
    void handle(CallCenter.Call call, Sitting sitting);
  }

  /** Catalog, a few products, log in, into the cart, check out. */
  private void purchase(Sitting s, Customer c, Browser browser) {
    SplittableRandom r = c.random;
    shop.catalog(s);
    int views = 1 + r.nextInt(3);
    for (int i = 0; i < views; i++) {
      shop.viewProduct(s, browser, Catalog.any(r));
    }
    shop.login(s, browser, c.person, c.shopEmail);
    shop.addToCart(s, browser, Catalog.any(r), 1 + r.nextInt(2));
    checkout(s, c, browser);
  }

  private void checkout(Sitting s, Customer c, Browser browser) {
    String orderId = shop.checkout(s, browser);
    if (orderId != null) {
      c.lastOrderId = orderId;
    }
  }

  /**
   * A call from the customer's phone (a household's is shared): the switch, the IVR, the queue, the
   * desk's lookup and identification — with the number typed wrong, the desk's own, one time in ten
   * — then the agent's work and the hang-up.
   */
  private void call(Sitting s, Customer c, String option, DeskWork work) {
    s.pace(rhythm::deskPauseNanos);
    CallCenter.Call call = callCenter.receive(s, c.person.phone());
    callCenter.ivr(s, call, option);
    s.waitNanos(rhythm.queueWaitNanos(c.random));
    callCenter.lookup(s, c.person.phone());
    String typed = c.random.nextDouble() < 0.1 ? Population.CALL_CENTER_NUMBER : c.person.phone();
    callCenter.identify(s, call, typed, c.person);
    work.handle(call, s);
    callCenter.hangUp(s, call);
  }

  /**
   * The customer's own browser as it is when they sit down: the same session as last time, unless
   * the cookie expired or the cart is too full to buy anything more.
   */
  private static Browser home(Customer c, Sitting s) {
    long now = TimeUnit.NANOSECONDS.toMillis(s.nowNanos());
    if (c.browser == null
        || now - c.browser.createdMillis() > COOKIE_MILLIS
        || c.browser.cartTotal().compareTo(FULL_CART) > 0) {
      c.browser = Browser.fresh(c.random, now);
    }
    return c.browser;
  }

  /** The mailer's list keeps the address the customer had when they joined it. */
  private static String mailingListEmail(Customer c) {
    return c.person.email();
  }
}
