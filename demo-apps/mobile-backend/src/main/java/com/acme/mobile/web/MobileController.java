package com.acme.mobile.web;

import com.acme.mobile.device.Device;
import com.acme.mobile.device.DeviceService;
import com.acme.mobile.order.NotSignedInException;
import com.acme.mobile.order.Reorder;
import com.acme.mobile.order.ReorderService;
import com.acme.mobile.push.PushOpen;
import com.acme.mobile.push.PushService;
import com.acme.web.JsonExchange;
import com.acme.web.JsonHandler;
import com.acme.web.RequestContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mobile app's backend API; each endpoint delegates to a service. */
public class MobileController extends JsonHandler {

  private static final Pattern PUSH_OPENED = Pattern.compile("/push/([^/]+)/opened");

  /** The backend's services, as the controller calls them. */
  public record Services(DeviceService devices, PushService push, ReorderService orders) {}

  private final Services services;

  public MobileController(Services services, RequestContext requests) {
    super(requests);
    this.services = services;
  }

  /** Ordering needs a signed-in customer: 401, as for any missing login. */
  @Override
  protected int statusOf(RuntimeException e) {
    return e instanceof NotSignedInException ? 401 : super.statusOf(e);
  }

  @Override
  protected void route(JsonExchange request) throws IOException {
    String path = request.path();
    Matcher pushOpened = PUSH_OPENED.matcher(path);
    if (path.equals("/health")) {
      expect(request, "GET");
      request.json(200, Map.of("status", "ok"));
    } else if (path.equals("/devices")) {
      expect(request, "POST");
      request.json(
          200,
          deviceView(
              services.devices().register(request.field("deviceId"), request.field("platform"))));
    } else if (path.equals("/signin")) {
      expect(request, "POST");
      request.json(
          200,
          deviceView(
              services
                  .devices()
                  .signIn(request.field("deviceId"), request.field("customerNumber"))));
    } else if (pushOpened.matches()) {
      expect(request, "POST");
      PushOpen open = services.push().opened(pushOpened.group(1), request.field("deviceId"));
      request.json(
          200, Map.of("notificationId", open.notificationId(), "deviceId", open.deviceId()));
    } else if (path.equals("/orders/reorder")) {
      expect(request, "POST");
      Reorder order =
          services.orders().reorder(request.field("deviceId"), request.field("orderId"));
      request.json(
          201,
          Map.of(
              "orderId",
              order.orderId(),
              "previousOrderId",
              order.previousOrderId(),
              "customerNumber",
              order.customerNumber()));
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
}
