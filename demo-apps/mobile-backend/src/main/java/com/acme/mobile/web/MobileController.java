package com.acme.mobile.web;

import com.acme.mobile.RequestContext;
import com.acme.mobile.device.Device;
import com.acme.mobile.device.DeviceService;
import com.acme.mobile.order.NotSignedInException;
import com.acme.mobile.order.Reorder;
import com.acme.mobile.order.ReorderService;
import com.acme.mobile.push.PushOpen;
import com.acme.mobile.push.PushService;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mobile app's backend API; each endpoint delegates to a service. */
public class MobileController implements HttpHandler {

  private static final Pattern PUSH_OPENED = Pattern.compile("/push/([^/]+)/opened");

  /** The backend's services, as the controller calls them. */
  public record Services(DeviceService devices, PushService push, ReorderService orders) {}

  private final Services services;
  private final RequestContext requests;

  public MobileController(Services services, RequestContext requests) {
    this.services = services;
    this.requests = requests;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
    requests.enter(requestId);
    try (exchange) {
      JsonExchange request = new JsonExchange(exchange);
      try {
        route(request);
      } catch (MethodNotAllowed e) {
        request.error(405, e.getMessage());
      } catch (NotSignedInException e) {
        request.error(401, e.getMessage());
      } catch (IllegalArgumentException e) {
        request.error(400, e.getMessage());
      } catch (NoSuchElementException e) {
        request.error(404, e.getMessage());
      } catch (RuntimeException e) {
        request.error(500, "internal error");
      }
    } finally {
      requests.leave();
      System.out.printf("%s %s %d %dms request=%s%n", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getResponseCode(), (System.nanoTime() - start) / 1_000_000, requestId == null ? "-" : requestId);
    }
  }

  private void route(JsonExchange request) throws IOException {
    String path = request.path();
    Matcher pushOpened = PUSH_OPENED.matcher(path);
    if (path.equals("/health")) {
      expect(request, "GET");
      request.json(200, Map.of("status", "ok"));
    } else if (path.equals("/devices")) {
      expect(request, "POST");
      request.json(200, deviceView(services.devices().register(request.field("deviceId"), request.field("platform"))));
    } else if (path.equals("/signin")) {
      expect(request, "POST");
      request.json(200, deviceView(services.devices().signIn(request.field("deviceId"), request.field("customerNumber"))));
    } else if (pushOpened.matches()) {
      expect(request, "POST");
      PushOpen open = services.push().opened(pushOpened.group(1), request.field("deviceId"));
      request.json(200, Map.of("notificationId", open.notificationId(), "deviceId", open.deviceId()));
    } else if (path.equals("/orders/reorder")) {
      expect(request, "POST");
      Reorder order = services.orders().reorder(request.field("deviceId"), request.field("orderId"));
      request.json(201, Map.of("orderId", order.orderId(), "previousOrderId", order.previousOrderId(), "customerNumber", order.customerNumber()));
    } else {
      throw new NoSuchElementException("no such page " + path);
    }
  }

  private static Map<String, Object> deviceView(Device device) {
    Map<String, Object> view = new HashMap<>();
    view.put("deviceId", device.getDeviceId());
    view.put("platform", device.getPlatform());
    view.put("customerNumber", device.getCustomerNumber());
    return view;
  }

  private static void expect(JsonExchange request, String allowed) {
    if (!request.method().equals(allowed)) {
      throw new MethodNotAllowed(allowed);
    }
  }

  /** Answered with 405. */
  static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed(String allowed) {
      super("method not allowed; use " + allowed);
    }
  }
}
