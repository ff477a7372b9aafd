package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import com.acme.simulator.population.Person;
import java.util.List;
import java.util.Map;

/**
 * The mobile app's backend and its agent (config/agent-mobile.yaml): an install known by its device
 * id until a customer signs in on it, push opens and re-orders, with the spans that config
 * captures.
 */
final class MobileBackend {

  private static final String BACKEND = "com.acme.mobile.";

  private long orders = 80_000;

  void register(Sitting s, Person owner, String platform) {
    s.request(
        App.MOBILE,
        "POST /devices",
        200,
        List.of(
            s.span(
                "device.registered",
                BACKEND + "device.DeviceService.register",
                AgentKeys.of("device", owner.device()),
                Map.of("device.platform", platform),
                null)));
  }

  void signIn(Sitting s, Person owner) {
    s.request(
        App.MOBILE,
        "POST /signin",
        200,
        List.of(
            s.span(
                "app.signin",
                BACKEND + "device.DeviceService.signIn",
                AgentKeys.of("device", owner.device()).and("customer_id", owner.customerNumber()),
                Map.of(),
                null)));
  }

  void pushOpened(Sitting s, Person owner, String notification) {
    s.request(
        App.MOBILE,
        "POST /push/" + notification + "/opened",
        200,
        List.of(
            s.span(
                "push.opened",
                BACKEND + "push.PushService.opened",
                AgentKeys.of("device", owner.device()),
                Map.of("push.notification", notification),
                null)));
  }

  void reorder(Sitting s, Person owner, String previousOrderId) {
    s.request(
        App.MOBILE,
        "POST /orders/reorder",
        201,
        List.of(
            s.span(
                "order.reordered",
                BACKEND + "order.ReorderService.reorder",
                AgentKeys.of("device", owner.device()).and("customer_id", owner.customerNumber()),
                Map.of("order.id", "M-" + ++orders, "order.previous_id", previousOrderId),
                null)));
  }
}
