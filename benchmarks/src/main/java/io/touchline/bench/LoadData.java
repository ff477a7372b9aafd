package io.touchline.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The load's touchpoints, a pure function of (seed, touchpoints, profiles): touchpoint {@code t}
 * belongs to customer {@link #customerOf}, so any number of clients, in any order, send the same
 * data, and a lookup knows which customers exist and how many touchpoints each one has.
 *
 * <p>Customer {@code i} (1-based) has {@code customer_id} {@code C-i}, e-mail {@code
 * ci@example.com} and a new session every {@value #VISIT} touchpoints; every span carries all three
 * keys. Names, channels and outcomes are drawn from a seeded hash of {@code t}.
 */
final class LoadData {

  static final int VISIT = 4;
  static final String[] CHANNELS = {"web", "call-center", "mobile", "email"};
  static final String[] SERVICES = {"web-shop", "call-center", "mobile-backend", "mailer"};
  static final String[][] NAMES = {
    {"login", "page.view", "search", "cart.add", "order.placed", "payment.declined"},
    {"call.started", "ticket.opened", "address.changed", "ticket.closed"},
    {"app.opened", "login", "push.opened", "order.placed"},
    {"email.sent", "email.opened", "email.clicked", "unsubscribe"},
  };

  /** A segment attribute for the analyst views: each customer keeps one tier. */
  static final String[] TIERS = {"gold", "silver", "bronze", "bronze"};

  static final String[][] FUNCTIONS = {
    {
      "com.acme.shop.auth.AuthService.login",
      "com.acme.shop.web.Pages.view",
      "com.acme.shop.search.Search.find",
      "com.acme.shop.cart.Cart.add",
      "com.acme.shop.checkout.CheckoutService.placeOrder",
      "com.acme.shop.payment.PaymentGateway.charge"
    },
    {
      "com.acme.callcenter.Desk.startCall",
      "com.acme.callcenter.Tickets.open",
      "com.acme.callcenter.Accounts.changeAddress",
      "com.acme.callcenter.Tickets.close"
    },
    {
      "com.acme.mobile.Sessions.open",
      "com.acme.mobile.Auth.login",
      "com.acme.mobile.Push.opened",
      "com.acme.mobile.Orders.place"
    },
    {
      "com.acme.mailer.Mailer.send",
      "com.acme.mailer.Tracking.opened",
      "com.acme.mailer.Tracking.clicked",
      "com.acme.mailer.Subscriptions.unsubscribe"
    },
  };

  /** 2026-11-01T00:00:00Z; touchpoint t happens t milliseconds later, plus up to 0.5 ms. */
  static final long BASE_NANOS = 1_793_491_200_000_000_000L;

  private final long seed;
  private final long touchpoints;
  private final int profiles;

  /**
   * customer = (slot * multiplier + offset) mod profiles: a seeded permutation of the customers.
   */
  private final long multiplier;

  private final long offset;
  private final long traceHigh;
  private final ByteString configVersion;

  LoadData(long seed, long touchpoints, int profiles) {
    if (profiles < 1 || touchpoints < 1) {
      throw new IllegalArgumentException("--touchpoints and --profiles must be at least 1");
    }
    this.seed = seed;
    this.touchpoints = touchpoints;
    this.profiles = profiles;
    long m = Math.floorMod(mix(seed ^ 0x5EED), profiles);
    while (gcd(Math.max(m, 1), profiles) != 1) {
      m++;
    }
    this.multiplier = Math.max(m, 1);
    this.offset = Math.floorMod(mix(seed ^ 0x0FF5E7), profiles);
    this.traceHigh = mix(seed ^ 0x7AACE) | 1L;
    this.configVersion = ByteString.copyFromUtf8(Long.toHexString(mix(seed)).substring(0, 8));
  }

  long touchpoints() {
    return touchpoints;
  }

  /**
   * Customers that have at least one touchpoint: the first {@code min(touchpoints, profiles)}
   * slots.
   */
  long existingCustomers() {
    return Math.min(touchpoints, profiles);
  }

  /** The customer (1-based) of the customer slot {@code slot}. */
  int customerOfSlot(long slot) {
    return (int) ((slot * multiplier + offset) % profiles) + 1;
  }

  int customerOf(long t) {
    return customerOfSlot(t % profiles);
  }

  /** How many touchpoints the customer of slot {@code slot} has. */
  long touchpointsOfSlot(long slot) {
    return touchpoints / profiles + (slot < touchpoints % profiles ? 1 : 0);
  }

  static String customerId(int customer) {
    return "C-" + customer;
  }

  static String email(int customer) {
    return "c" + customer + "@example.com";
  }

  String session(int customer, long visit) {
    return new UUID(mix(seed ^ (0x5E55L + customer)), mix(visit * 0x9E3779B97F4A7C15L + customer))
        .toString();
  }

  /** One OTLP request holding touchpoints [from, to): one resource per channel that occurs. */
  ExportTraceServiceRequest request(long from, long to) {
    ScopeSpans.Builder[] byChannel = new ScopeSpans.Builder[CHANNELS.length];
    for (long t = from; t < to; t++) {
      long r = mix(seed ^ (t * 0x9E3779B97F4A7C15L));
      int channel = (int) Math.floorMod(r, (long) CHANNELS.length);
      if (byChannel[channel] == null) {
        byChannel[channel] =
            ScopeSpans.newBuilder()
                .setScope(
                    InstrumentationScope.newBuilder()
                        .setName("io.touchline.agent")
                        .setVersion("0.1.0"));
      }
      byChannel[channel].addSpans(span(t, channel, r));
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int c = 0; c < CHANNELS.length; c++) {
      if (byChannel[c] != null) {
        request.addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(string("service.name", SERVICES[c]))
                        .addAttributes(string("touchline.channel", CHANNELS[c])))
                .addScopeSpans(byChannel[c]));
      }
    }
    return request.build();
  }

  private Span span(long t, int channel, long r) {
    int customer = customerOf(t);
    long visit = (t / profiles) / VISIT;
    int pick = (int) Math.floorMod(r >>> 8, (long) NAMES[channel].length);
    String name = NAMES[channel][pick];
    boolean error = Math.floorMod(r >>> 24, 100L) < 3;
    long start = BASE_NANOS + t * 1_000_000L + Math.floorMod(r >>> 32, 500_000L);
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ids(traceHigh, t + 1))
            .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(mix(r ^ t) | 1L).array()))
            .setName(name)
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + 200_000L + Math.floorMod(r >>> 40, 5_000_000L))
            .addAttributes(string("touchline.touchpoint", name))
            .addAttributes(string("touchline.outcome", error ? "error" : "success"))
            .addAttributes(string("code.function.name", FUNCTIONS[channel][pick]))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("touchline.config.version")
                    .setValue(AnyValue.newBuilder().setStringValueBytes(configVersion)))
            .addAttributes(string("touchline.key.customer_id", customerId(customer)))
            .addAttributes(string("touchline.key.email", email(customer)))
            .addAttributes(string("touchline.key.session", session(customer, visit)))
            .addAttributes(string("customer.tier", TIERS[Math.floorMod(customer, TIERS.length)]));
    if (error) {
      span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    return span.build();
  }

  private static ByteString ids(long high, long low) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** SplitMix64's finaliser: a seeded, well-spread hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
