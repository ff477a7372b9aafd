package com.acme.mobile.push;

import com.acme.mobile.device.Device;
import com.acme.mobile.device.DeviceService;
import com.acme.web.RequestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records which notifications were opened, for the campaign reports. */
public class PushService {

  private final List<PushOpen> opens = new CopyOnWriteArrayList<>();
  private final DeviceService devices;
  private final RequestContext requests;

  public PushService(DeviceService devices, RequestContext requests) {
    this.devices = devices;
    this.requests = requests;
  }

  public PushOpen opened(String notificationId, String deviceId) {
    Device device = devices.require(deviceId);
    PushOpen open = new PushOpen(notificationId, deviceId, device.getCustomerNumber());
    opens.add(open);
    return open;
  }
}
